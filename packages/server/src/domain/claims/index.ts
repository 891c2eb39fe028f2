export { mergeCustomClaims, reservedClaimNames } from './reserved-claims.ts';
export type { MergedClaims } from './reserved-claims.ts';
export {
  demoEditorRole,
  demoMaintainerRole,
  demoOrganization,
  demoReaderRole,
  demoResource,
  sampleMachineContext,
  sampleMachineToken,
  sampleOrganizationContext,
  sampleUserContext,
  sampleUserToken,
} from './sample-context.ts';
