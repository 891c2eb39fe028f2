import { GatehouseError } from './errors.ts';

/**
 * The user's claims from the userinfo endpoint (`/oidc/me`): `sub` plus what the granted
 * scopes release (`profile`: `name`, `username`, `picture`, `updated_at`; `email`; `phone`).
 *
 * @example
 * ```ts
 * const { username, name } = await client.fetchUserInfo();
 * ```
 */
export interface UserInfo {
  sub: string;
  name?: string | null;
  username?: string | null;
  picture?: string | null;
  email?: string | null;
  email_verified?: boolean;
  phone_number?: string | null;
  phone_number_verified?: boolean;
  updated_at?: number;
  [claim: string]: unknown;
}

/**
 * The claims of the ID token (validated by the client at sign-in): always `iss`, `sub`, `aud`,
 * `exp`, `iat`, plus the profile claims its scopes release (as in {@link UserInfo}).
 *
 * @example
 * ```ts
 * const claims: IdTokenClaims = await client.getIdTokenClaims();
 * console.log(claims.sub, claims.username ?? claims.name);
 * ```
 */
export interface IdTokenClaims extends UserInfo {
  iss: string;
  aud: string | string[];
  exp: number;
  iat: number;
  auth_time?: number;
  nonce?: string;
  /** With `urn:logto:scope:organizations`: the ids of the user's organizations. */
  organizations?: string[];
  /** With `urn:logto:scope:organization_roles`: `"<organizationId>:<roleName>"` for each role held. */
  organization_roles?: string[];
}

/**
 * Hasura's claims namespace, as the Hasura preset (or a custom JWT script) writes it.
 * Every field is optional: a script may return any subset.
 *
 * @example
 * ```ts
 * const hasura: HasuraClaims | undefined = (await client.getAccessTokenClaims(api))['https://hasura.io/jwt/claims'];
 * const roles = hasura?.['x-hasura-allowed-roles'] ?? [];
 * ```
 */
export interface HasuraClaims {
  'x-hasura-allowed-roles'?: string[];
  'x-hasura-default-role'?: string;
  'x-hasura-user-id'?: string;
  /** The organization of an organization-scoped token (Hasura preset). */
  'x-hasura-org-id'?: string;
  [claim: string]: unknown;
}

/**
 * The payload of an access token for an API resource (a JWT signed by Gatehouse).
 * `aud` is the resource indicator, `scope` the requested scopes the user's roles grant.
 * An organization token has `aud` `urn:logto:organization:<id>` and the organization
 * permissions the user's roles in that organization grant as `scope`.
 * Decoded, not verified: the API that receives the token verifies it.
 *
 * @example
 * ```ts
 * const claims: AccessTokenClaims = await client.getAccessTokenClaims('https://hasura.example.com/api');
 * const scopes = claims.scope?.split(' ') ?? [];
 * ```
 */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  jti: string;
  client_id: string;
  scope?: string;
  /** The organization of an organization-scoped API token (asked for with an `organizationId`). */
  organization_id?: string;
  'https://hasura.io/jwt/claims'?: HasuraClaims;
  [claim: string]: unknown;
}

/**
 * Decodes (does not verify) a JWT's payload. Works in browsers and Node (atob, TextDecoder).
 *
 * @example
 * ```ts
 * const claims = decodeJwtPayload<AccessTokenClaims>(accessToken);
 * console.log(claims.sub, claims.act);
 * ```
 */
export function decodeJwtPayload<T>(jwt: string): T {
  const part = jwt.split('.')[1];
  if (!part) throw new GatehouseError('invalid_token', 'the token is not a JWT');
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const payload: unknown = JSON.parse(json);
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new TypeError('payload is not an object');
    return payload as T;
  } catch (error) {
    throw new GatehouseError('invalid_token', 'the token payload could not be decoded', { cause: error });
  }
}
