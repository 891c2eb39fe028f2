import type { JwtCustomizerTokenType } from '@gatehouse/client/dto';

/** Logto's script contract: the function the sandbox calls for every token of this type. */
export const DEFAULT_SCRIPT = `/**
 * Returns extra claims for the token. Reserved claims (iss sub aud exp iat nbf jti scope
 * client_id) cannot be overwritten. Call api.denyAccess(message) to refuse the token.
 */
const getCustomJwtClaims = async ({ token, context, environmentVariables, api }) => {
  return {};
};
`;

const now = () => Math.floor(Date.now() / 1000);

/** Sample token payloads and contexts, shaped like the real ones (PRODUCT.md, custom JWT claims). */
export function sampleToken(tokenType: JwtCustomizerTokenType, origin: string): Record<string, unknown> {
  const iat = now();
  const base = { jti: 'sample-jti', iss: `${origin}/oidc`, aud: 'https://hasura.example.com/api', iat, exp: iat + 3600 };
  return tokenType === 'access-token'
    ? { ...base, sub: 'sample-user-id', client_id: 'sample-app-id', scope: 'read:user' }
    : { ...base, sub: 'sample-machine-app-id', client_id: 'sample-machine-app-id', scope: 'read:user' };
}

const sampleRoles = [
  {
    id: 'sample-role-id',
    name: 'user:reader',
    description: 'Reads users',
    scopes: [
      {
        id: 'sample-scope-id',
        name: 'read:user',
        description: 'Read users',
        resourceId: 'sample-resource-id',
        resource: { id: 'sample-resource-id', name: 'Hasura', indicator: 'https://hasura.example.com/api' },
      },
    ],
  },
];

export function sampleContext(tokenType: JwtCustomizerTokenType): Record<string, unknown> {
  if (tokenType === 'client-credentials') {
    return {
      application: { id: 'sample-machine-app-id', name: 'Sample machine app', type: 'MachineToMachine', roles: sampleRoles },
      grant: { type: 'client_credentials' },
    };
  }
  return {
    user: {
      id: 'sample-user-id',
      username: 'demo',
      primaryEmail: 'demo@example.com',
      primaryPhone: null,
      name: 'Demo User',
      avatar: null,
      customData: {},
      roles: sampleRoles,
    },
    application: { id: 'sample-app-id', name: 'Sample SPA', type: 'SPA' },
    grant: { type: 'authorization_code' },
  };
}

export const pretty = (value: unknown) => JSON.stringify(value, null, 2);
