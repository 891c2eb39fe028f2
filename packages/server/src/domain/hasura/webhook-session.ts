import { pickDefaultRole, rolesForResource, type RoleWithScopes } from '../rbac/role-scopes.ts';

export type WebhookDecision =
  { ok: true; body: Record<string, string> } | { ok: false; error: 'role_not_held' | 'no_role_for_resource'; message: string };

/**
 * What Gatehouse's Hasura webhook answers for a verified token: the role asked for (or the
 * default role, by the preset's rule) must be one of the holder's CURRENT roles that grant a
 * scope of the resource. Hasura reads the session and its cache time from the JSON body
 * (HASURA.md 5.4-5.5), so every value is a string and `Cache-Control` is a body key.
 */
export function decideWebhookSession(input: {
  subject: string;
  roles: readonly RoleWithScopes[];
  resource: string;
  requestedRole: string | undefined;
  preferredDefaults: readonly string[];
  expiresAt: number; // seconds
  now: number; // seconds
  cacheSeconds: number;
}): WebhookDecision {
  const allowed = rolesForResource(input.roles, input.resource);
  if (allowed.length === 0) {
    return { ok: false, error: 'no_role_for_resource', message: `The token holder has no role granting a scope of ${input.resource}.` };
  }
  const role = input.requestedRole || pickDefaultRole(allowed, input.preferredDefaults)!;
  if (!allowed.includes(role)) {
    return { ok: false, error: 'role_not_held', message: `The token holder does not hold the role "${role}" for ${input.resource}.` };
  }
  const maxAge = Math.max(0, Math.min(input.cacheSeconds, Math.floor(input.expiresAt - input.now)));
  return {
    ok: true,
    body: { 'X-Hasura-User-Id': input.subject, 'X-Hasura-Role': role, 'Cache-Control': `max-age=${maxAge}` },
  };
}
