/**
 * `RequestInit` plus the resource whose access token to send, and optionally the Hasura role.
 *
 * @example
 * ```ts
 * const init: FetchWithTokenInit = { resource: 'https://hasura.example.com/api', hasuraRole: 'user:reader', method: 'POST' };
 * ```
 */
export interface FetchWithTokenInit extends RequestInit {
  /** The API resource indicator; its access token goes in `Authorization: Bearer`. */
  resource: string;
  /** Sent as `x-hasura-role`, to pick one of the token's `x-hasura-allowed-roles`. */
  hasuraRole?: string;
}

/** The request of `fetchWithToken`: the caller's init with the two headers set. */
export function withToken(init: FetchWithTokenInit, accessToken: string): RequestInit {
  const { resource: _resource, hasuraRole, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('authorization', `Bearer ${accessToken}`);
  if (hasuraRole) headers.set('x-hasura-role', hasuraRole);
  return { ...rest, headers };
}
