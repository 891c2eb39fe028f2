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

async function requireHolder(db: Db, kind: HolderKind, id: string): Promise<void> {
  const found = kind === 'user' ? await findUserById(db, id) : await findApplicationById(db, id);
  if (!found) throw new NotFoundError(`${kind === 'user' ? 'User' : 'Application'} ${id} does not exist.`);
  if (kind === 'application' && found && 'type' in found && found.type !== 'MachineToMachine') {
    throw new ValidationError('Roles can be assigned only to machine-to-machine applications.');
  }
}

/** Adds roles to a holder inside the caller's transaction; already-held roles are kept as is. */
async function addRolesInTrx(db: Db, kind: HolderKind, holderId: string, roleIds: readonly string[], path = 'roleIds'): Promise<void> {
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
}

export async function listHolderRoles(deps: ServiceDeps, kind: HolderKind, holderId: string): Promise<RoleDto[]> {
  await requireHolder(deps.db, kind, holderId);
  const rows =
    kind === 'user' ? await assignments.listRolesOfUser(deps.db, holderId) : await assignments.listRolesOfApplication(deps.db, holderId);
  return rows.map(toRoleDto);
}

export async function assignRolesToHolder(deps: ServiceDeps, kind: HolderKind, holderId: string, roleIds: string[]): Promise<RoleDto[]> {
  await inTransaction(deps.db, (trx) => addRolesInTrx(trx, kind, holderId, roleIds));
  await deps.changes.publish('rbac');
  return listHolderRoles(deps, kind, holderId);
}

export async function removeRoleFromHolder(deps: ServiceDeps, kind: HolderKind, holderId: string, roleId: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    await requireHolder(trx, kind, holderId);
    const removed =
      kind === 'user'
        ? await assignments.deleteUserRole(trx, holderId, roleId)
        : await assignments.deleteApplicationRole(trx, holderId, roleId);
    if (removed === 0) throw new NotFoundError(`${kind === 'user' ? 'User' : 'Application'} ${holderId} does not hold role ${roleId}.`);
  });
  await deps.changes.publish('rbac');
}

/** POST /roles/:id/users and /roles/:id/applications: all holders in one transaction. */
export async function assignRoleToHolders(deps: ServiceDeps, kind: HolderKind, roleId: string, holderIds: string[]): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const role = await findRoleById(trx, roleId);
    if (!role) throw new NotFoundError(`Role ${roleId} does not exist.`);
    assertRolesAssignable([role], kind);
    for (const holderId of new Set(holderIds)) await addRolesInTrx(trx, kind, holderId, [roleId]);
  });
  await deps.changes.publish('rbac');
}
