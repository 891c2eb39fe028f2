/**
 * Sample script input in the shape the server passes (Logto's): the demo API resource and
 * roles of `db seed-demo`. Used by tests and as the default payload of the script test
 * endpoint, so an admin sees realistic data before wiring anything.
 */
const demoResource = { id: 'res_hasura', name: 'Hasura', indicator: 'https://hasura.example.com/api' };

const scope = (id: string, name: string, description: string) => ({
  id,
  name,
  description,
  resourceId: demoResource.id,
  resource: { ...demoResource },
});

export const demoReaderRole = {
  id: 'role_reader',
  name: 'user:reader',
  description: 'Reads users',
  scopes: [scope('scope_read_user', 'read:user', 'Read users')],
};

export const demoMaintainerRole = {
  id: 'role_maintainer',
  name: 'user:maintainer',
  description: 'Maintains users',
  scopes: [scope('scope_maintain_user', 'maintain:user', 'Maintain users')],
};

/** An organization, and an organization role granting a scope of the demo API inside it. */
const demoOrganization = { id: 'org_sample', name: 'Acme', description: 'A sample organization', customData: {} };
const demoEditorRole = {
  id: 'orgrole_editor',
  name: 'editor',
  description: 'Edits users',
  scopes: [scope('scope_maintain_user', 'maintain:user', 'Maintain users')],
};

type Role = typeof demoReaderRole;

/** `token` as oidc-provider names it, for a user access token to the demo API. */
export function sampleUserToken(aud: string | string[] = demoResource.indicator): Record<string, unknown> {
  return {
    jti: 'tok_sample',
    kind: 'AccessToken',
    clientId: 'app_sample',
    accountId: 'user_sample',
    grantId: 'grant_sample',
    gty: 'authorization_code',
    aud,
    scope: 'openid read:user',
    extra: {},
  };
}

export function sampleMachineToken(aud: string | string[] = demoResource.indicator): Record<string, unknown> {
  return { jti: 'tok_m2m', kind: 'ClientCredentials', clientId: 'app_m2m', aud, scope: 'read:user', extra: {} };
}

export function sampleUserContext(roles: Role[] = [demoReaderRole, demoMaintainerRole]): Record<string, unknown> {
  return {
    user: {
      id: 'user_sample',
      username: 'alice',
      primaryEmail: 'alice@example.com',
      primaryPhone: null,
      name: 'Alice',
      avatar: null,
      customData: {},
      mfaVerificationFactors: ['Totp'],
      roles,
      organizations: [{ id: demoOrganization.id, name: demoOrganization.name, description: demoOrganization.description }],
      organizationRoles: [{ organizationId: demoOrganization.id, roleId: demoEditorRole.id, roleName: demoEditorRole.name }],
    },
    application: { id: 'app_sample', name: 'Sample SPA', type: 'SPA' },
    grant: { type: 'authorization_code' },
    // How this sign-in went: password and a TOTP code (services/claims-context.ts).
    interaction: { userId: 'user_sample', amr: ['pwd', 'otp', 'mfa'], acr: 'urn:gatehouse:acr:mfa', mfaFactors: ['otp'] },
  };
}

export function sampleMachineContext(roles: Role[] = [demoReaderRole]): Record<string, unknown> {
  return {
    application: { id: 'app_m2m', name: 'Sample service', type: 'MachineToMachine', roles },
    grant: { type: 'client_credentials' },
  };
}
