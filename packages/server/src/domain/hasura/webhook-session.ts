import { pickDefaultRole, rolesForResource, type RoleWithScopes } from '../rbac/role-scopes.ts';

export type WebhookDecision =
  { ok: true; body: Record<string, string> } | { ok: false; error: 'role_not_held' | 'no_role_for_resource'; message: string };

/**
 * What Gatehouse's Hasura webhook answers for a verified token: the role asked for (or the
 * default role, by the preset's rule) must be one of the holder's CURRENT roles that grant a
 * scope of the resource. Hasura reads the session and its cache time from the JSON body
 * (HASURA.md 5.4-5.5), so every value is a string and `Cache-Control` is a body key.
 */
const where = (organization: { id: string } | undefined) => (organization ? ` in the organization ${organization.id}` : '');

export function decideWebhookSession(input: {
  subject: string;
  roles: readonly RoleWithScopes[];
  /**
   * The organization of the request (x-hasura-org-id, or the token's organization_id), whose
   * membership the caller has checked, with the holder's roles in it as RBAC roles. Those
   * roles count too; roles held in other organizations never do.
   */
  organization?: { id: string; roles: readonly RoleWithScopes[] };
  /** X-Hasura-Org-Ids, when the preset lists the holder's organizations. */
  organizationIds?: string;
  resource: string;
  requestedRole: string | undefined;
  preferredDefaults: readonly string[];
  expiresAt: number; // seconds
  now: number; // seconds
  cacheSeconds: number;
}): WebhookDecision {
  // Written as loops and assignments rather than spreads and Sets: Hasura calls this on every
  // GraphQL request. The answer's key order (User-Id, Role, Org-Id, Org-Ids, Cache-Control) is the same.
  const allowed = rolesForResource(input.roles, input.resource);
  if (input.organization) {
    for (const name of rolesForResource(input.organization.roles, input.resource)) if (!allowed.includes(name)) allowed.push(name);
  }
  if (allowed.length === 0) {
    return {
      ok: false,
      error: 'no_role_for_resource',
      message: `The token holder has no role granting a scope of ${input.resource}${where(input.organization)}.`,
    };
  }
  const role = input.requestedRole || pickDefaultRole(allowed, input.preferredDefaults)!;
  if (!allowed.includes(role)) {
    return {
      ok: false,
      error: 'role_not_held',
      message: `The token holder does not hold the role "${role}" for ${input.resource}${where(input.organization)}.`,
    };
  }
  const maxAge = Math.max(0, Math.min(input.cacheSeconds, Math.floor(input.expiresAt - input.now)));
  const body: Record<string, string> = { 'X-Hasura-User-Id': input.subject, 'X-Hasura-Role': role };
  if (input.organization) body['X-Hasura-Org-Id'] = input.organization.id;
  if (input.organizationIds !== undefined) body['X-Hasura-Org-Ids'] = input.organizationIds;
  body['Cache-Control'] = `max-age=${maxAge}`;
  return { ok: true, body };
}
