/**
 * `RequestInit` plus the resource whose access token to send, and optionally the organization
 * (the token is then scoped to it) and the Hasura role.
 *
 * @example
 * ```ts
 * const init: FetchWithTokenInit = {
 *   resource: 'https://hasura.example.com/api',
 *   organizationId: 'org_a',
 *   hasuraRole: 'editor',
 *   method: 'POST',
 * };
 * ```
 */
export interface FetchWithTokenInit extends RequestInit {
  /** The API resource indicator; its access token goes in `Authorization: Bearer`. */
  resource: string;
  /**
   * The organization the call acts in: the token is the organization-scoped one (claim
   * `organization_id`; the Hasura preset sets `x-hasura-org-id` from it).
   */
  organizationId?: string;
  /** Sent as `x-hasura-role`, to pick one of the token's `x-hasura-allowed-roles`. */
  hasuraRole?: string;
}

/** The request of `fetchWithToken`: the caller's init with the two headers set. */
export function withToken(init: FetchWithTokenInit, accessToken: string): RequestInit {
  const { resource: _resource, organizationId: _organizationId, hasuraRole, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('authorization', `Bearer ${accessToken}`);
  if (hasuraRole) headers.set('x-hasura-role', hasuraRole);
  return { ...rest, headers };
}
