import { postgresArrayLiteral } from '../domain/hasura/pg-array.ts';
import { decideWebhookSession } from '../domain/hasura/webhook-session.ts';
import { findMembership, organizationRolesAsRbac, organizationsClaim } from '../domain/rbac/organizations.ts';
import { TokenRejectedError } from '../domain/errors.ts';
import { parseRoleNameList } from '../domain/rbac/role-scopes.ts';
import type { AccessResolver } from './access.ts';
import type { ServiceDeps } from './deps.ts';
import type { JwtCustomizerStore } from './jwt-customizer.ts';
import type { TokenVerifier } from './token-verifier.ts';

export interface WebhookRequest {
  resource: string | undefined;
  unauthorizedRole: string | undefined;
  /** The client's headers: forwarded as request headers (GET) or posted in the body (POST). */
  headers: Record<string, unknown>;
}

/** Hasura's contract (HASURA.md 5.4): 200 + an object of strings, or 401 { error, message }. */
export interface WebhookReply {
  status: number;
  body: Record<string, string>;
}

export interface HasuraWebhookDeps extends Pick<ServiceDeps, 'config'> {
  access: AccessResolver;
  verifier: TokenVerifier;
  jwtCustomizers: JwtCustomizerStore;
}

function headerOf(headers: Record<string, unknown>, name: string): string | undefined {
  const direct = headers[name];
  if (typeof direct === 'string') return direct;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

const deny = (error: string, message: string): WebhookReply => ({ status: 401, body: { error, message } });

/**
 * Gatehouse's answer to Hasura for one request. The role comes from `x-hasura-role` (Hasura's
 * header) or `Expected-Role` (Logto's), else the default role; it must be one of the holder's
 * CURRENT roles for the resource (cached in memory, invalidated on every change, across
 * processes through the change bus). With an organization (`x-hasura-org-id` or the token's
 * `organization_id`) the holder must be a member now, their roles in that organization count
 * too, and the answer carries `X-Hasura-Org-Id`. Never 200 {}.
 */
export async function decideHasuraWebhook(deps: HasuraWebhookDeps, req: WebhookRequest): Promise<WebhookReply> {
  if (!req.resource) {
    return {
      status: 400,
      body: { error: 'invalid_request', message: 'The query parameter resource=<API resource indicator> is required.' },
    };
  }
  const authorization = headerOf(req.headers, 'authorization');
  if (!authorization) {
    if (req.unauthorizedRole) return { status: 200, body: { 'X-Hasura-Role': req.unauthorizedRole } };
    return deny('unauthenticated', 'No Authorization header, and no unauthorizedRole is configured.');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match?.[1]) return deny('invalid_token', 'The Authorization header must be "Bearer <access token>".');
  let token;
  try {
    token = await deps.verifier.verify(match[1], req.resource);
  } catch (error) {
    if (error instanceof TokenRejectedError) return deny(error.details.reason, error.message);
    throw error;
  }
  const machine = token.clientId !== undefined && token.sub === token.clientId;
  const kind = machine ? 'application' : 'user';
  if (!(await deps.access.isActive(kind, token.sub))) return deny('inactive', 'The token holder no longer exists or is suspended.');
  const preset = await deps.jwtCustomizers.get(machine ? 'client-credentials' : 'access-token');
  // Organizations: per request (x-hasura-org-id, one token for every organization, as
  // hasura/graphql-engine#1601 asks) or the token's own organization_id; CURRENT membership
  // either way, from the same change-invalidated cache as roles.
  const requestedOrganization = headerOf(req.headers, 'x-hasura-org-id') || undefined;
  if (token.organizationId && requestedOrganization && requestedOrganization !== token.organizationId) {
    return deny('organization_mismatch', 'The token was issued for another organization than x-hasura-org-id names.');
  }
  const organizationId = requestedOrganization ?? token.organizationId;
  const listOrganizations = preset?.environmentVariables.HASURA_ORG_IDS?.trim() === 'true';
  const memberships = organizationId || listOrganizations ? await deps.access.organizationsOf(kind, token.sub) : [];
  const membership = organizationId ? findMembership(memberships, organizationId) : undefined;
  if (organizationId && !membership) return deny('not_a_member', `The token holder is not a member of the organization ${organizationId}.`);
  const decision = decideWebhookSession({
    subject: token.sub,
    roles: await deps.access.rolesOf(kind, token.sub),
    ...(membership ? { organization: { id: membership.id, roles: organizationRolesAsRbac(membership) } } : {}),
    ...(listOrganizations ? { organizationIds: postgresArrayLiteral(organizationsClaim(memberships)) } : {}),
    resource: req.resource,
    requestedRole: headerOf(req.headers, 'x-hasura-role') || headerOf(req.headers, 'expected-role'),
    preferredDefaults: parseRoleNameList(preset?.environmentVariables.USER_DEFAULT_ROLE_NAMES),
    expiresAt: token.exp,
    now: Date.now() / 1000,
    cacheSeconds: deps.config.hasuraWebhookCacheSeconds,
  });
  return decision.ok ? { status: 200, body: decision.body } : deny(decision.error, decision.message);
}
