import type { OrganizationJitEmailDomainDto, OrganizationRoleDto } from '@gatehouse/client/dto';
import { ConflictError, NotFoundError, UnprocessableError } from '../../domain/errors.ts';
import type { Db } from '../../storage/db.ts';
import * as jit from '../../storage/repositories/organizations-jit.ts';
import { insertMemberRoles, insertMembers, listMemberIds } from '../../storage/repositories/organizations-members.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { announceOrganizations, recordOrganizationEvent } from './announce.ts';
import { requireOrganization, requireOrganizationRoleIds } from './guards.ts';
import { toOrganizationRoleDto } from './mappers.ts';

const domainsOf = (organizationId: string, domains: string[]): OrganizationJitEmailDomainDto[] =>
  domains.map((emailDomain) => ({ organizationId, emailDomain }));

export async function listJitEmailDomains(deps: ServiceDeps, organizationId: string): Promise<OrganizationJitEmailDomainDto[]> {
  await requireOrganization(deps.db, organizationId);
  return domainsOf(organizationId, await jit.listJitEmailDomains(deps.db, organizationId));
}

/** Domains are compared lowercased: `Example.COM` and `example.com` are one rule. */
export async function addJitEmailDomain(
  deps: ServiceDeps,
  organizationId: string,
  emailDomain: string,
): Promise<OrganizationJitEmailDomainDto> {
  const domain = emailDomain.toLowerCase();
  await inTransaction(deps.db, async (trx) => {
    await requireOrganization(trx, organizationId);
    if ((await jit.listJitEmailDomains(trx, organizationId)).includes(domain)) {
      throw new ConflictError(`The organization already provisions users of ${domain}.`);
    }
    await jit.insertJitEmailDomains(trx, organizationId, [domain]);
  });
  await announceOrganizations(deps);
  return { organizationId, emailDomain: domain };
}

export async function replaceJitEmailDomains(deps: ServiceDeps, organizationId: string, emailDomains: readonly string[]): Promise<void> {
  const domains = [...new Set(emailDomains.map((d) => d.toLowerCase()))];
  await inTransaction(deps.db, async (trx) => {
    await requireOrganization(trx, organizationId);
    await jit.deleteJitEmailDomains(trx, organizationId);
    await jit.insertJitEmailDomains(trx, organizationId, domains);
  });
  await announceOrganizations(deps);
}

export async function removeJitEmailDomain(deps: ServiceDeps, organizationId: string, emailDomain: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    await requireOrganization(trx, organizationId);
    if ((await jit.deleteJitEmailDomains(trx, organizationId, emailDomain.toLowerCase())) === 0) {
      throw new NotFoundError(`The organization has no JIT email domain ${emailDomain}.`);
    }
  });
  await announceOrganizations(deps);
}

export async function listJitRoles(deps: ServiceDeps, organizationId: string): Promise<OrganizationRoleDto[]> {
  await requireOrganization(deps.db, organizationId);
  return (await jit.listJitRoles(deps.db, organizationId)).map(toOrganizationRoleDto);
}

/** JIT provisions users, so only User organization roles qualify (422 otherwise). */
export async function setJitRoles(
  deps: ServiceDeps,
  organizationId: string,
  roleIds: readonly string[],
  mode: 'add' | 'replace',
): Promise<void> {
  const ids = [...new Set(roleIds)];
  await inTransaction(deps.db, async (trx) => {
    await requireOrganization(trx, organizationId);
    const roles = await requireOrganizationRoleIds(trx, ids);
    const m2m = roles.filter((r) => r.type !== 'User');
    if (m2m.length > 0) {
      throw new UnprocessableError(
        `JIT provisions users: only User organization roles qualify; ${m2m.map((r) => r.name).join(', ')} are not.`,
      );
    }
    if (mode === 'replace') await jit.deleteJitRoles(trx, organizationId);
    await jit.insertJitRoles(trx, organizationId, ids);
  });
  await announceOrganizations(deps);
}

export async function removeJitRole(deps: ServiceDeps, organizationId: string, roleId: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    await requireOrganization(trx, organizationId);
    if ((await jit.deleteJitRoles(trx, organizationId, roleId)) === 0) {
      throw new NotFoundError(`Organization role ${roleId} is not a JIT role of organization ${organizationId}.`);
    }
  });
  await announceOrganizations(deps);
}

export interface JitCandidate {
  id: string;
  /** The user's email address; JIT applies only when it is verified. */
  email: string | null | undefined;
  emailVerified: boolean;
}

export interface JitMembership {
  organizationId: string;
  organizationRoleIds: string[];
}

/** The part after the last `@`, lowercased; undefined for anything that is not an address. */
export function emailDomainOf(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return undefined;
  return email.slice(at + 1).toLowerCase();
}

async function applyInTrx(trx: Db, user: JitCandidate, domain: string): Promise<{ joined: JitMembership[]; matched: boolean }> {
  const rules = await jit.listJitRulesForDomain(trx, domain);
  const byOrg = new Map<string, string[]>();
  for (const rule of rules) {
    const roles = byOrg.get(rule.organizationId) ?? [];
    if (rule.organizationRoleId) roles.push(rule.organizationRoleId);
    byOrg.set(rule.organizationId, roles);
  }
  const joined: JitMembership[] = [];
  for (const [organizationId, organizationRoleIds] of byOrg) {
    const wasMember = (await listMemberIds(trx, 'user', organizationId, [user.id])).length > 0;
    await insertMembers(trx, 'user', organizationId, [user.id]);
    await insertMemberRoles(trx, 'user', organizationId, user.id, organizationRoleIds);
    if (!wasMember) {
      joined.push({ organizationId, organizationRoleIds });
      await recordOrganizationEvent(trx, { key: 'Organization.Membership.Updated', data: { organizationId, addedUserIds: [user.id] } });
    }
  }
  return { joined, matched: byOrg.size > 0 };
}

/**
 * Just-in-time membership, Logto's email-domain rule: a user whose VERIFIED email is in an
 * organization's JIT domains joins it with that organization's JIT roles (an existing member
 * keeps their membership and gains any missing JIT role). An unverified or absent email joins
 * nothing: anyone can type an address, only a verified one proves the domain.
 * For sign-up (and the accounts work) to call once the user exists. Pass `trx` to make it part
 * of the caller's transaction; the caller then calls `announceOrganizations(deps)` after its
 * commit (announcing earlier would let a cache refill from the not yet committed state).
 * Returns the organizations newly joined.
 */
export async function applyJitMemberships(deps: ServiceDeps, user: JitCandidate, trx?: Db): Promise<JitMembership[]> {
  if (!user.emailVerified || !user.email) return [];
  const domain = emailDomainOf(user.email);
  if (!domain) return [];
  if (trx) return (await applyInTrx(trx, user, domain)).joined;
  const { joined, matched } = await inTransaction(deps.db, (t) => applyInTrx(t, user, domain));
  // A member already in the organization may still have gained JIT roles: announce any match.
  if (matched) await announceOrganizations(deps);
  return joined;
}
