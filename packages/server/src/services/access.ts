import { groupMemberships, type OrganizationMembership } from '../domain/rbac/organizations.ts';
import { effectiveRoles, groupRoleScopes, type HolderKind, type RoleWithScopes } from '../domain/rbac/role-scopes.ts';
import type { ChangeBus } from '../storage/change-bus.ts';
import type { Db } from '../storage/db.ts';
import type { MfaFactor } from '../domain/accounts/mfa.ts';
import { findApplicationById } from '../storage/repositories/applications.ts';
import { listRoleScopeRowsOfHolder } from '../storage/repositories/assignments.ts';
import { listMfaFactorTypesOfUser } from '../storage/repositories/mfa-verifications.ts';
import {
  listMemberRoleFacts,
  listOrganizationScopeNames,
  listOrganizationsOfMember,
  listRoleGrantFacts,
} from '../storage/repositories/organizations-access.ts';
import { findUserById } from '../storage/repositories/users.ts';
import { createChangeCache } from './change-cache.ts';

export interface AccessResolver {
  /** The holder's effective roles with their scopes, as the database says now. */
  rolesOf(kind: HolderKind, id: string): Promise<RoleWithScopes[]>;
  /** Whether the holder exists and may get tokens (users: not suspended). */
  isActive(kind: HolderKind, id: string): Promise<boolean>;
  /** The holder's organizations with the roles held in each, as the database says now. */
  organizationsOf(kind: HolderKind, id: string): Promise<OrganizationMembership[]>;
  /**
   * What rolesOf, isActive and organizationsOf would answer, from memory and without a promise
   * (the Hasura webhook's steady state); undefined when it is not cached: then await those.
   */
  cachedRolesOf(kind: HolderKind, id: string): RoleWithScopes[] | undefined;
  cachedIsActive(kind: HolderKind, id: string): boolean | undefined;
  cachedOrganizationsOf(kind: HolderKind, id: string): OrganizationMembership[] | undefined;
  /** Every organization scope (permission) name of the organization template. */
  organizationScopeNames(): Promise<string[]>;
  /**
   * The factor types the user has bound (Logto's mfaVerificationFactors; a spent backup-code set
   * still counts, as in Logto). Cached until the MFA service announces 'mfa'.
   */
  mfaFactorsOf(userId: string): Promise<MfaFactor[]>;
  close(): void;
}

const topics = ['rbac', 'resources', 'users', 'applications'] as const;
const split = (key: string) => {
  const at = key.indexOf(':');
  return { kind: key.slice(0, at) as HolderKind, id: key.slice(at + 1) };
};

/**
 * Role lookups for token issuance and the Hasura webhook, cached in memory and dropped on
 * every RBAC change announced on the change bus (LISTEN/NOTIFY across processes).
 */
export function createAccessResolver(db: Db, changes: ChangeBus): AccessResolver {
  const roles = createChangeCache({
    changes,
    topics,
    keep: () => true,
    load: async (key) => {
      const { kind, id } = split(key);
      return effectiveRoles(groupRoleScopes(await listRoleScopeRowsOfHolder(db, { kind, id })), kind);
    },
  });
  const active = createChangeCache({
    changes,
    topics,
    keep: () => true,
    load: async (key) => {
      const { kind, id } = split(key);
      return kind === 'user' ? (await findUserById(db, id))?.isSuspended === 0 : (await findApplicationById(db, id)) !== undefined;
    },
  });
  // Memberships change on 'organizations'; the API scopes an organization role grants change
  // with 'resources'/'rbac'; a deleted user or app drops its memberships by cascade.
  const organizationTopics = ['organizations', ...topics] as const;
  const organizations = createChangeCache({
    changes,
    topics: organizationTopics,
    keep: () => true,
    load: async (key) => {
      const { kind, id } = split(key);
      const [orgs, roleFacts] = await Promise.all([listOrganizationsOfMember(db, kind, id), listMemberRoleFacts(db, kind, id)]);
      const grants = await listRoleGrantFacts(db, [...new Set(roleFacts.map((r) => r.roleId))]);
      return groupMemberships({ organizations: orgs, roles: roleFacts, grants }, kind);
    },
  });
  const template = createChangeCache({ changes, topics: ['organizations'], keep: () => true, load: () => listOrganizationScopeNames(db) });
  // Its own topic: profile edits ('users') are frequent and do not change factors; a deleted
  // user's factors go by cascade, and a deleted user gets no token anyway.
  const mfaFactors = createChangeCache({
    changes,
    topics: ['mfa'],
    keep: () => true,
    load: async (userId) => (await listMfaFactorTypesOfUser(db, userId)) as MfaFactor[],
  });
  return {
    rolesOf: (kind, id) => roles.get(`${kind}:${id}`),
    isActive: (kind, id) => active.get(`${kind}:${id}`),
    organizationsOf: (kind, id) => organizations.get(`${kind}:${id}`),
    cachedRolesOf: (kind, id) => roles.peek(`${kind}:${id}`),
    cachedIsActive: (kind, id) => active.peek(`${kind}:${id}`),
    cachedOrganizationsOf: (kind, id) => organizations.peek(`${kind}:${id}`),
    organizationScopeNames: () => template.get('template'),
    mfaFactorsOf: (userId) => mfaFactors.get(userId),
    close() {
      mfaFactors.close();
      roles.close();
      active.close();
      organizations.close();
      template.close();
    },
  };
}
