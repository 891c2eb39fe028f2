import type { MfaFactor } from '../domain/accounts/mfa.ts';
import { findMembership, organizationRolesAsRbac, type OrganizationMembership } from '../domain/rbac/organizations.ts';
import type { HolderKind, RoleWithScopes } from '../domain/rbac/role-scopes.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Db } from '../storage/db.ts';
import { parseObjectColumn } from '../storage/repositories/json-columns.ts';
import { findUserById } from '../storage/repositories/users.ts';
import type { ApplicationRow, UserRow } from '../storage/schema.ts';
import type { AccessResolver } from './access.ts';
import type { ApplicationDirectory } from './application-directory.ts';

/**
 * The `context` argument of a custom claims script, in Logto's shape: what the script may
 * know about the user, the application and the grant. Roles come from the access resolver,
 * i.e. the holder's CURRENT roles.
 */
function roleView(roles: RoleWithScopes[]) {
  return roles.map((r) => ({ id: r.id, name: r.name, description: r.description, scopes: r.scopes }));
}

/**
 * The holder's organizations (`organizations`: id, name, description) and the roles held in
 * them (`organizationRoles`: organizationId, roleId, roleName), Logto's field names.
 */
function organizationsView(memberships: readonly OrganizationMembership[]) {
  return {
    organizations: memberships.map((m) => ({ id: m.id, name: m.name, description: m.description })),
    organizationRoles: memberships.flatMap((m) => m.roles.map((r) => ({ organizationId: m.id, roleId: r.id, roleName: r.name }))),
  };
}

/**
 * `context.organization` of an organization-scoped token: the organization, plus `roles`, the
 * roles the holder holds in it with the API scopes they grant there (the shape of
 * `user.roles`), which the Hasura preset maps to allowed roles.
 */
function organizationContext(membership: OrganizationMembership) {
  return {
    id: membership.id,
    name: membership.name,
    description: membership.description,
    customData: parseObjectColumn(membership.customData),
    roles: roleView(organizationRolesAsRbac(membership)),
  };
}

/**
 * How the user signed in (the session's RFC 8176 `amr` and `acr`, as in the ID token), and
 * `mfaFactors`, the second-factor methods among them (`otp`: TOTP or a backup code, `hwk`:
 * WebAuthn). Logto hands scripts the interaction's verificationRecords instead; Gatehouse
 * keeps no record after the sign-in, only what oidc-provider carries on the code and refresh token.
 */
export interface InteractionFacts {
  amr?: readonly string[];
  acr?: string;
}

const SECOND_FACTOR_METHODS = new Set(['otp', 'hwk']);

function interactionContext(userId: string, facts: InteractionFacts) {
  const amr = [...(facts.amr ?? [])];
  return { userId, amr, acr: facts.acr ?? null, mfaFactors: amr.filter((m) => SECOND_FACTOR_METHODS.has(m)) };
}

function userContext(
  user: UserRow,
  roles: RoleWithScopes[],
  memberships: readonly OrganizationMembership[] = [],
  mfaVerificationFactors: readonly MfaFactor[] = [],
) {
  return {
    id: user.id,
    username: user.username,
    primaryEmail: user.primaryEmail,
    primaryPhone: user.primaryPhone,
    name: user.name,
    avatar: user.avatar,
    customData: parseObjectColumn(user.customData),
    identities: {},
    profile: {},
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    isSuspended: user.isSuspended === 1,
    hasPassword: user.passwordHash !== null,
    // Logto's name: the factor types the user has bound, not the ones used in this sign-in.
    mfaVerificationFactors: [...mfaVerificationFactors],
    roles: roleView(roles),
    ...organizationsView(memberships),
  };
}

function applicationContext(app: ApplicationRow, roles?: RoleWithScopes[], memberships?: readonly OrganizationMembership[]) {
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    type: app.type,
    customData: parseObjectColumn(app.customData),
    // Machine apps hold roles too; the Hasura preset maps them for client-credentials tokens.
    ...(roles ? { roles: roleView(roles) } : {}),
    ...(memberships ? organizationsView(memberships) : {}),
  };
}

export async function buildClaimsContext(
  db: Db,
  access: AccessResolver,
  applications: ApplicationDirectory,
  input: {
    kind: HolderKind;
    userId?: string;
    user?: UserRow;
    applicationId?: string;
    grantType?: string;
    /** The token's organization (`organization_id`): adds `context.organization`. */
    organizationId?: string;
    /** How the user signed in, when the grant carries it: adds `context.interaction`. */
    interaction?: InteractionFacts;
  },
): Promise<Record<string, unknown>> {
  const app = input.applicationId ? await applications.byId(input.applicationId) : undefined;
  if (input.applicationId && !app) throw new NotFoundError(`Application ${input.applicationId} does not exist.`);
  const organization = (memberships: readonly OrganizationMembership[]) => {
    const membership = input.organizationId ? findMembership(memberships, input.organizationId) : undefined;
    return membership ? { organization: organizationContext(membership) } : {};
  };
  if (input.kind === 'application') {
    const [roles, memberships] = await Promise.all([
      access.rolesOf('application', app!.id),
      access.organizationsOf('application', app!.id),
    ]);
    return { application: applicationContext(app!, roles, memberships), ...organization(memberships) };
  }
  // The token endpoint already loaded the user (findAccount); other callers pass the id.
  const user = input.user ?? (input.userId ? await findUserById(db, input.userId) : undefined);
  if (!user) throw new NotFoundError(`User ${input.userId} does not exist.`);
  const [roles, memberships, factors] = await Promise.all([
    access.rolesOf('user', user.id),
    access.organizationsOf('user', user.id),
    access.mfaFactorsOf(user.id),
  ]);
  return {
    user: userContext(user, roles, memberships, factors),
    ...(app ? { application: applicationContext(app) } : {}),
    grant: { type: input.grantType ?? 'authorization_code' },
    ...(input.interaction ? { interaction: interactionContext(user.id, input.interaction) } : {}),
    ...organization(memberships),
  };
}
