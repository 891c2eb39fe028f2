export { diagnose } from './doctor.ts';
export type { Diagnosis } from './doctor.ts';
export { parseJwtSecret } from './jwt-config.ts';
export { decideJwt } from './jwt-mode.ts';
export { jwksRefreshPlan } from './jwks-refresh.ts';
export { collectHasuraRoles } from './metadata-roles.ts';
export { decideWebhookResponse } from './webhook-mode.ts';
