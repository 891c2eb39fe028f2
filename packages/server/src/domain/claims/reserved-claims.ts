/**
 * Claims a custom-claims script may never set, whatever the base payload holds.
 *
 * - `iss sub aud exp iat nbf jti`: RFC 7519 registered claims; verifiers act on them.
 * - `scope client_id`: the grant itself (RFC 9068 §2.2); changing them changes what the
 *   token allows.
 * - `cnf authorization_details`: oidc-provider writes them (sender-constraint binding for
 *   DPoP/mTLS, RAR); overwriting `cnf` would unbind a bound token.
 * - `act may_act`: RFC 8693 delegation; forging them claims an impersonation that never happened.
 * - `auth_time acr amr`: RFC 9068 authentication facts, not the script's to assert.
 * - `gid`: the grant id Gatehouse writes after the script runs, so introspection can tell a
 *   revoked grant's tokens; a script must not point a token at another grant.
 * - `organization_id`: the organization an API token was issued for (membership checked at
 *   issuance, Logto's claim); APIs and Hasura scope tenant data by it, so a script must not
 *   move a token to another tenant.
 * - `__proto__`: not a claim anyone needs, and a trap for any later `obj[key] = value` copy.
 *
 * `typ` is not here: oidc-provider puts `at+jwt` in the JOSE header, not in the payload.
 */
export const reservedClaimNames: ReadonlySet<string> = new Set([
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'nbf',
  'jti',
  'scope',
  'client_id',
  'cnf',
  'authorization_details',
  'act',
  'may_act',
  'auth_time',
  'acr',
  'gid',
  'amr',
  'organization_id',
  '__proto__',
]);

/**
 * Claims no token can carry: oidc-provider accepts extra claims only as a plain object, which
 * it tests with `value.constructor === Object`, so an own `constructor` claim fails the
 * token request as a server error. A script returning one has failed.
 */
const unissuableClaimNames: ReadonlySet<string> = new Set(['constructor']);

export interface MergedClaims {
  claims: Record<string, unknown>;
  /** Names the script returned but that were not applied, so the caller can warn. */
  dropped: string[];
  /** Names in `unissuableClaimNames` the script returned (not applied either). */
  unissuable: string[];
}

/** Adds `extra` to `base` without touching reserved claims. Neither input is modified. */
export function mergeCustomClaims(base: Record<string, unknown>, extra: Record<string, unknown>): MergedClaims {
  const claims: Record<string, unknown> = { ...base };
  const dropped: string[] = [];
  const unissuable: string[] = [];
  for (const name of Object.keys(extra)) {
    if (unissuableClaimNames.has(name)) {
      unissuable.push(name);
      continue;
    }
    if (reservedClaimNames.has(name)) {
      dropped.push(name);
      continue;
    }
    // defineProperty, not assignment: no setter on the way can see the value.
    Object.defineProperty(claims, name, { value: extra[name], enumerable: true, writable: true, configurable: true });
  }
  return { claims, dropped, unissuable };
}
