/**
 * OpenAPI operationIds the way Logto names them (routes/swagger/utils/operation-id.ts), so a
 * client generated from our document has Logto's method names: `VerbNoun...` from the method
 * and the path's `name/:param` pairs (`GET /users/:id/roles` -> `ListUserRoles`,
 * `PATCH /users/:id/password` -> `UpdateUserPassword`), with overrides for paths that do not
 * follow the pattern and for Logto's own exceptions (`AssignUserRoles`).
 */
const overrides: Readonly<Record<string, string>> = Object.freeze({
  'post /users/:id/roles': 'AssignUserRoles',
  'post /applications/:id/roles': 'AssignApplicationRoles',
  'post /applications/:id/secret/rotate': 'RotateApplicationSecret',
  'get /configs/oidc/signing-keys': 'GetOidcKeys',
  'post /configs/oidc/signing-keys/rotate': 'RotateOidcKeys',
  'post /configs/jwt-customizer/test': 'TestJwtCustomizer',
  'get /configs/jwt-customizer/context-sample': 'GetJwtCustomizerContextSample',
  'get /configs/jwt-customizer/:tokenType': 'GetJwtCustomizer',
  'put /configs/jwt-customizer/:tokenType': 'UpsertJwtCustomizer',
  'patch /configs/jwt-customizer/:tokenType': 'UpdateJwtCustomizer',
  'delete /configs/jwt-customizer/:tokenType': 'DeleteJwtCustomizer',
  'put /configs/jwt-customizer/:tokenType/presets/hasura': 'UpsertJwtCustomizerHasuraPreset',
  'get /hasura/jwt-secret': 'GetHasuraJwtSecret',
  'post /hasura/doctor': 'DiagnoseHasuraToken',
  'post /sentinel-activities/delete': 'DeleteSentinelActivities',
  'post /organizations/:id/users': 'AddOrganizationUsers',
  'post /organizations/:id/users/roles': 'AssignOrganizationRolesToUsers',
  'post /organizations/:id/users/:userId/roles': 'AssignOrganizationRolesToUser',
  'post /organizations/:id/applications': 'AddOrganizationApplications',
  'post /organizations/:id/applications/roles': 'AssignOrganizationRolesToApplications',
  'post /organizations/:id/applications/:applicationId/roles': 'AssignOrganizationRolesToApplication',
  // Logto's Account API, verifications and account center (their openapi.json operationIds).
  'get /my-account': 'GetProfile',
  'patch /my-account': 'UpdateProfile',
  'patch /my-account/profile': 'UpdateOtherProfile',
  'post /my-account/password': 'UpdatePassword',
  'post /my-account/primary-email': 'UpdatePrimaryEmail',
  'get /my-account/sessions': 'GetSessions',
  'delete /my-account/sessions/:sessionId': 'DeleteSessionById',
  'get /my-account/grants': 'GetGrants',
  'delete /my-account/grants/:grantId': 'DeleteGrantById',
  'post /verifications/password': 'CreateVerificationByPassword',
  'post /verifications/verification-code': 'CreateVerificationByVerificationCode',
  'post /verifications/verification-code/verify': 'VerifyVerificationByVerificationCode',
  'get /account-center': 'GetAccountCenterSettings',
  'patch /account-center': 'UpdateAccountCenterSettings',
  // Not in Logto: an admin sends a user the ForgotPassword email.
  'post /users/:id/password/reset-email': 'SendUserPasswordResetEmail',
});

/** Logto's namespace segments: `/organizations/:id/jit/email-domains` names `...JitEmailDomains`. */
const namespacePrefixes = ['jit'];

const verbs: Record<string, string> = { get: 'Get', post: 'Create', put: 'Replace', patch: 'Update', delete: 'Delete' };

const isParam = (segment: string | undefined) => Boolean(segment?.startsWith(':'));
const pascal = (segment: string) =>
  segment
    .split(/[-_.]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
/** Enough English for resource names (users, scopes, activities, addresses; status stays). */
const singular = (word: string) =>
  word.endsWith('ies')
    ? `${word.slice(0, -3)}y`
    : /(ss|x|ch|sh)es$/.test(word)
      ? word.slice(0, -2)
      : /[^su]s$/.test(word)
        ? word.slice(0, -1)
        : word;
const isPlural = (word: string) => singular(word) !== word;

/** `path` is the router path (`/users/:id/roles`), without the `/api` prefix. */
export function operationIdOf(method: string, path: string): string {
  const trimmed = path.replace(/\/$/, '');
  const override = overrides[`${method} ${trimmed}`];
  if (override) return override;
  const segments = namespacePrefixes
    .reduce((p, prefix) => p.replace(`/${prefix}/`, `/${prefix}-`), trimmed)
    .split('/')
    .slice(1);
  const last = segments.at(-1) ?? '';
  const single = isParam(last);
  const pairs: string[][] = [];
  const names = single ? segments : segments.slice(0, -1);
  for (let i = 0; i < names.length; i += 2) pairs.push(names.slice(i, i + 2));
  const regular = pairs.every(([name, param]) => name && !isParam(name) && isParam(param));
  const verb = !single && method === 'get' && isPlural(last) ? 'List' : (verbs[method] ?? pascal(method));
  if (!regular) {
    // Not Logto's name/:param shape: every literal segment, in order (unique per path).
    return (
      verb +
      segments
        .filter((s) => !isParam(s))
        .map(pascal)
        .join('')
    );
  }
  const nouns = pairs.map(([name]) => pascal(singular(name ?? ''))).join('');
  if (single) return verb + nouns;
  return verb + nouns + pascal(method === 'post' ? singular(last) : last);
}
