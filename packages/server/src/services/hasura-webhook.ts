import { postgresArrayLiteral } from '../domain/hasura/pg-array.ts';
import { decideWebhookSession } from '../domain/hasura/webhook-session.ts';
import { findMembership, organizationRolesAsRbac, organizationsClaim, type OrganizationMembership } from '../domain/rbac/organizations.ts';
import { TokenRejectedError } from '../domain/errors.ts';
import { parseRoleNameList, type HolderKind, type RoleWithScopes } from '../domain/rbac/role-scopes.ts';
import type { AccessResolver } from './access.ts';
import type { ServiceDeps } from './deps.ts';
import type { JwtCustomizerConfig, JwtCustomizerStore } from './jwt-customizer.ts';
import type { TokenVerifier, VerifiedToken } from './token-verifier.ts';

export interface WebhookRequest {
  resource: string | undefined;
  unauthorizedRole: string | undefined;
  /**
   * The client's headers, keys in lower case: node:http's `req.headers` (GET: Hasura forwards
   * them), or a POST body's `headers` as the route lower-cased them (headerLookup).
   */
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

/**
 * A POST body's `headers` with lower-case keys, answering as a case-insensitive lookup would:
 * an exact lower-case string key first, else the first key equal ignoring case (an array
 * gives its first item, any other non-string nothing). Built once per request, so the
 * decision reads each header with one property access.
 */
export function headerLookup(headers: Record<string, unknown>): Record<string, unknown> {
  const lookup = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(headers)) {
    const name = k.toLowerCase();
    if (!(name in lookup)) lookup[name] = Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined;
  }
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string' && k === k.toLowerCase()) lookup[k] = v;
  return lookup;
}

function headerOf(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

const deny = (error: string, message: string): WebhookReply => ({ status: 401, body: { error, message } });
const BEARER = /^Bearer\s+(\S+)$/i;
const NO_MEMBERSHIPS: readonly OrganizationMembership[] = [];
/** x-hasura-org-id names another organization than the token's organization_id. */
const MISMATCH = Symbol('organization mismatch');

/**
 * Gatehouse's answer to Hasura for one request. The role comes from `x-hasura-role` (Hasura's
 * header) or `Expected-Role` (Logto's), else the default role; it must be one of the holder's
 * CURRENT roles for the resource (cached in memory, invalidated on every change, across
 * processes through the change bus). With an organization (`x-hasura-org-id` or the token's
 * `organization_id`) the holder must be a member now, their roles in that organization count
 * too, and the answer carries `X-Hasura-Org-Id`. Never 200 {}.
 *
 * Hasura calls this on every GraphQL request: when the token, the holder and the preset are
 * all in memory (the steady state) the answer is synchronous, with no promise (in this process
 * every promise also pays oidc-provider's AsyncLocalStorage hooks); otherwise it loads what is
 * missing and answers the same way.
 */
export function decideHasuraWebhook(deps: HasuraWebhookDeps, req: WebhookRequest): WebhookReply | Promise<WebhookReply> {
  const { resource } = req;
  if (!resource) {
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
  let token: VerifiedToken | undefined;
  try {
    // Steady state: "Bearer <a token verified before>". A remembered token is a JWT (no
    // whitespace), so the header matches BEARER with that capture: no need to run it.
    if (authorization.startsWith('Bearer ') && authorization.charCodeAt(7) > 32)
      token = deps.verifier.cached(authorization.slice(7), resource);
  } catch (error) {
    return refusal(error);
  }
  if (token) return decideFor(deps, req, resource, token);
  const bearer = BEARER.exec(authorization)?.[1];
  if (!bearer) return deny('invalid_token', 'The Authorization header must be "Bearer <access token>".');
  return verifyThenDecide(deps, req, resource, bearer);
}

function refusal(error: unknown): WebhookReply {
  if (error instanceof TokenRejectedError) return deny(error.details.reason, error.message);
  throw error;
}

async function verifyThenDecide(deps: HasuraWebhookDeps, req: WebhookRequest, resource: string, bearer: string): Promise<WebhookReply> {
  let token;
  try {
    token = await deps.verifier.verify(bearer, resource);
  } catch (error) {
    return refusal(error);
  }
  return decideFor(deps, req, resource, token);
}

const kindOf = (token: VerifiedToken): HolderKind =>
  token.clientId !== undefined && token.sub === token.clientId ? 'application' : 'user';
const customizerOf = (kind: HolderKind) => (kind === 'application' ? 'client-credentials' : 'access-token');
const inactive = () => deny('inactive', 'The token holder no longer exists or is suspended.');
const listsOrganizations = (preset: JwtCustomizerConfig | undefined) => preset?.environmentVariables.HASURA_ORG_IDS?.trim() === 'true';

/**
 * The request's organization: per request (x-hasura-org-id, one token for every organization,
 * as hasura/graphql-engine#1601 asks) or the token's own organization_id; CURRENT membership
 * either way, from the same change-invalidated cache as roles.
 */
function organizationOf(req: WebhookRequest, token: VerifiedToken): string | undefined | typeof MISMATCH {
  const requested = headerOf(req.headers, 'x-hasura-org-id') || undefined;
  if (token.organizationId && requested && requested !== token.organizationId) return MISMATCH;
  return requested ?? token.organizationId;
}
const mismatch = () => deny('organization_mismatch', 'The token was issued for another organization than x-hasura-org-id names.');

/** From memory when the holder and the preset are cached, else through loadThenDecide. */
function decideFor(
  deps: HasuraWebhookDeps,
  req: WebhookRequest,
  resource: string,
  token: VerifiedToken,
): WebhookReply | Promise<WebhookReply> {
  const kind = kindOf(token);
  const active = deps.access.cachedIsActive(kind, token.sub);
  if (active === undefined) return loadThenDecide(deps, req, resource, token, kind);
  if (!active) return inactive();
  const preset = deps.jwtCustomizers.cached(customizerOf(kind));
  const roles = deps.access.cachedRolesOf(kind, token.sub);
  if (preset === undefined || roles === undefined) return loadThenDecide(deps, req, resource, token, kind);
  const organizationId = organizationOf(req, token);
  if (organizationId === MISMATCH) return mismatch();
  const listOrganizations = listsOrganizations(preset.config);
  const memberships = organizationId || listOrganizations ? deps.access.cachedOrganizationsOf(kind, token.sub) : NO_MEMBERSHIPS;
  if (memberships === undefined) return loadThenDecide(deps, req, resource, token, kind);
  return judge(deps, req, resource, token, preset.config, roles, memberships, organizationId, listOrganizations);
}

/** The same checks in the same order, awaiting what is not cached (first request, or the change feed is down). */
async function loadThenDecide(
  deps: HasuraWebhookDeps,
  req: WebhookRequest,
  resource: string,
  token: VerifiedToken,
  kind: HolderKind,
): Promise<WebhookReply> {
  if (!(await deps.access.isActive(kind, token.sub))) return inactive();
  const preset = await deps.jwtCustomizers.get(customizerOf(kind));
  const organizationId = organizationOf(req, token);
  if (organizationId === MISMATCH) return mismatch();
  const listOrganizations = listsOrganizations(preset);
  const memberships = organizationId || listOrganizations ? await deps.access.organizationsOf(kind, token.sub) : NO_MEMBERSHIPS;
  const membership = organizationId ? findMembership(memberships, organizationId) : undefined;
  if (organizationId && !membership) return notAMember(organizationId);
  const roles = await deps.access.rolesOf(kind, token.sub);
  return judge(deps, req, resource, token, preset, roles, memberships, organizationId, listOrganizations);
}

const notAMember = (organizationId: string) =>
  deny('not_a_member', `The token holder is not a member of the organization ${organizationId}.`);

// A membership's roles as RBAC roles, built once per cached membership (dropped with it on any change).
const organizationRoles = new WeakMap<OrganizationMembership, RoleWithScopes[]>();
function organizationRolesOf(membership: OrganizationMembership): RoleWithScopes[] {
  let roles = organizationRoles.get(membership);
  if (!roles) organizationRoles.set(membership, (roles = organizationRolesAsRbac(membership)));
  return roles;
}

// The preset's USER_DEFAULT_ROLE_NAMES, parsed once per stored configuration (the cached object).
const defaultRoleNames = new WeakMap<JwtCustomizerConfig, string[]>();
function preferredDefaults(preset: JwtCustomizerConfig | undefined): string[] {
  if (!preset) return [];
  let names = defaultRoleNames.get(preset);
  if (!names) defaultRoleNames.set(preset, (names = parseRoleNameList(preset.environmentVariables.USER_DEFAULT_ROLE_NAMES)));
  return names;
}

function judge(
  deps: HasuraWebhookDeps,
  req: WebhookRequest,
  resource: string,
  token: VerifiedToken,
  preset: JwtCustomizerConfig | undefined,
  roles: readonly RoleWithScopes[],
  memberships: readonly OrganizationMembership[],
  organizationId: string | undefined,
  listOrganizations: boolean,
): WebhookReply {
  const membership = organizationId ? findMembership(memberships, organizationId) : undefined;
  if (organizationId && !membership) return notAMember(organizationId);
  const decision = decideWebhookSession({
    subject: token.sub,
    roles,
    organization: membership ? { id: membership.id, roles: organizationRolesOf(membership) } : undefined,
    organizationIds: listOrganizations ? postgresArrayLiteral(organizationsClaim(memberships)) : undefined,
    resource,
    requestedRole: headerOf(req.headers, 'x-hasura-role') || headerOf(req.headers, 'expected-role'),
    preferredDefaults: preferredDefaults(preset),
    expiresAt: token.exp,
    now: Date.now() / 1000,
    cacheSeconds: deps.config.hasuraWebhookCacheSeconds,
  });
  return decision.ok ? { status: 200, body: decision.body } : deny(decision.error, decision.message);
}
