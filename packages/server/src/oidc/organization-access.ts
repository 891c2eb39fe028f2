import { errors, type KoaContextWithOIDC } from 'oidc-provider';
import { findMembership, ORGANIZATIONS_SCOPE, type OrganizationMembership } from '../domain/rbac/organizations.ts';
import type { HolderKind } from '../domain/rbac/role-scopes.ts';
import type { AccessResolver } from '../services/access.ts';

/** The `organization_id` token-endpoint parameter (oidc/organization-grants.ts admits it). */
export function requestedOrganizationId(ctx: KoaContextWithOIDC): string | undefined {
  const value = (ctx.oidc.params as { organization_id?: unknown } | undefined)?.organization_id;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Logto answers these refusals with access_denied and HTTP 403. */
function accessDenied(message: string): Error {
  const error = new errors.AccessDenied(message);
  error.statusCode = 403;
  error.status = 403;
  return error;
}

/**
 * The holder's CURRENT membership of the organization, or access_denied with Logto's reason.
 * A user's refresh token must also hold `urn:logto:scope:organizations` (Logto's rule: the
 * user consented to sharing their organizations with the app).
 * A member of an organization with isMfaRequired must have a second factor bound.
 * The lookups are cached until the next organization (or MFA) change, so they cost no query in steady state.
 */
export async function requireOrganizationMembership(
  ctx: KoaContextWithOIDC,
  access: AccessResolver,
  kind: HolderKind,
  holderId: string | undefined,
  organizationId: string,
): Promise<OrganizationMembership> {
  const membership = holderId ? findMembership(await access.organizationsOf(kind, holderId), organizationId) : undefined;
  if (!membership) {
    throw accessDenied(kind === 'user' ? 'user is not a member of the organization' : 'app has not associated with the organization');
  }
  const refreshToken = ctx.oidc.entities.RefreshToken as { scopes?: Set<string> } | undefined;
  if (kind === 'user' && refreshToken && !refreshToken.scopes?.has(ORGANIZATIONS_SCOPE)) {
    throw new errors.InsufficientScope('refresh token missing required scope', ORGANIZATIONS_SCOPE);
  }
  // Logto's rule: an organization that requires MFA gives no token (organization or API) to a
  // member with no factor bound. Checked at every request, so removing the last factor takes
  // effect at the next refresh; the factor list is cached until the next 'mfa' change.
  if (kind === 'user' && holderId && membership.isMfaRequired && (await access.mfaFactorsOf(holderId)).length === 0) {
    throw accessDenied('organization requires MFA but the user has no MFA factor configured');
  }
  return membership;
}
