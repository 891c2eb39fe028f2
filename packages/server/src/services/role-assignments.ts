import type { RoleDto } from '@gatehouse/client/dto';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { assertRolesAssignable, type HolderKind } from '../domain/rbac/role-scopes.ts';
import type { Db } from '../storage/db.ts';
import * as assignments from '../storage/repositories/assignments.ts';
import { findApplicationById } from '../storage/repositories/applications.ts';
import { findRoleById, findRolesByIds } from '../storage/repositories/roles.ts';
import { findUserById } from '../storage/repositories/users.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { ServiceDeps } from './deps.ts';
import { toRoleDto } from './mappers.ts';
import { SYSTEM, type RequestFacts } from '../domain/request-facts.ts';
import { recordEvent } from './events/record-event.ts';

/**
 * One event per holder whose roles changed: `User.Roles.Updated` (Gatehouse's own; a webhook
 * can subscribe) for users, an audit-only `Application.Roles.Updated` for applications.
 */
async function recordRolesChanged(
  trx: Db,
  kind: HolderKind,
  holderId: string,
  change: { addedRoleIds?: string[]; removedRoleIds?: string[] },
  facts: RequestFacts,
): Promise<void> {
  const roles = (
    kind === 'user' ? await assignments.listRolesOfUser(trx, holderId) : await assignments.listRolesOfApplication(trx, holderId)
  ).map(toRoleDto);
  const holder = kind === 'user' ? { userId: holderId } : { applicationId: holderId };
  await recordEvent(trx, {
    key: kind === 'user' ? 'User.Roles.Updated' : 'Application.Roles.Updated',
    facts,
    ...holder,
    data: { ...holder, roles, ...change },
    details: { ...holder, ...change },
  });
}

async function requireHolder(db: Db, kind: HolderKind, id: string): Promise<void> {
  const found = kind === 'user' ? await findUserById(db, id) : await findApplicationById(db, id);
  if (!found) throw new NotFoundError(`${kind === 'user' ? 'User' : 'Application'} ${id} does not exist.`);
  if (kind === 'application' && found && 'type' in found && found.type !== 'MachineToMachine') {
    throw new ValidationError('Roles can be assigned only to machine-to-machine applications.');
  }
}

/** Adds roles to a holder inside the caller's transaction; already-held roles are kept as is. */
async function addRolesInTrx(
  db: Db,
  kind: HolderKind,
  holderId: string,
  roleIds: readonly string[],
  facts: RequestFacts,
  path = 'roleIds',
): Promise<void> {
  await requireHolder(db, kind, holderId);
  const ids = [...new Set(roleIds)];
  const roles = await findRolesByIds(db, ids);
  const found = new Set(roles.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new ValidationError(
      'Some roles do not exist.',
      missing.map((id) => ({ path, message: `role ${id} does not exist` })),
    );
  }
  assertRolesAssignable(roles, kind);
  const held = new Set(
    (kind === 'user' ? await assignments.listRolesOfUser(db, holderId) : await assignments.listRolesOfApplication(db, holderId)).map(
      (r) => r.id,
    ),
  );
  const fresh = ids.filter((id) => !held.has(id));
  if (kind === 'user') await assignments.insertUserRoles(db, holderId, fresh);
  else await assignments.insertApplicationRoles(db, holderId, fresh);
  if (fresh.length > 0) await recordRolesChanged(db, kind, holderId, { addedRoleIds: fresh }, facts);
}

export async function listHolderRoles(deps: ServiceDeps, kind: HolderKind, holderId: string): Promise<RoleDto[]> {
  await requireHolder(deps.db, kind, holderId);
  const rows =
    kind === 'user' ? await assignments.listRolesOfUser(deps.db, holderId) : await assignments.listRolesOfApplication(deps.db, holderId);
  return rows.map(toRoleDto);
}

export async function assignRolesToHolder(
  deps: ServiceDeps,
  kind: HolderKind,
  holderId: string,
  roleIds: string[],
  facts: RequestFacts = SYSTEM,
): Promise<RoleDto[]> {
  await inTransaction(deps.db, (trx) => addRolesInTrx(trx, kind, holderId, roleIds, facts));
  await deps.changes.publish('rbac');
  return listHolderRoles(deps, kind, holderId);
}

export async function removeRoleFromHolder(
  deps: ServiceDeps,
  kind: HolderKind,
  holderId: string,
  roleId: string,
  facts: RequestFacts = SYSTEM,
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    await requireHolder(trx, kind, holderId);
    const removed =
      kind === 'user'
        ? await assignments.deleteUserRole(trx, holderId, roleId)
        : await assignments.deleteApplicationRole(trx, holderId, roleId);
    if (removed === 0) throw new NotFoundError(`${kind === 'user' ? 'User' : 'Application'} ${holderId} does not hold role ${roleId}.`);
    await recordRolesChanged(trx, kind, holderId, { removedRoleIds: [roleId] }, facts);
  });
  await deps.changes.publish('rbac');
}

/** POST /roles/:id/users and /roles/:id/applications: all holders in one transaction. */
export async function assignRoleToHolders(
  deps: ServiceDeps,
  kind: HolderKind,
  roleId: string,
  holderIds: string[],
  facts: RequestFacts = SYSTEM,
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const role = await findRoleById(trx, roleId);
    if (!role) throw new NotFoundError(`Role ${roleId} does not exist.`);
    assertRolesAssignable([role], kind);
    for (const holderId of new Set(holderIds)) await addRolesInTrx(trx, kind, holderId, [roleId], facts);
  });
  await deps.changes.publish('rbac');
}
