import type { UserDto } from '@gatehouse/client/dto';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { Db } from '../storage/db.ts';
import { newId } from '../storage/ids.ts';
import type { Page, Paged } from '../storage/repositories/pagination.ts';
import * as repo from '../storage/repositories/users.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { ServiceDeps } from './deps.ts';
import { toUserDto } from './mappers.ts';
import { hashPassword } from './passwords.ts';
import { clearAccountLock } from './sign-in-lockout.ts';
import { SYSTEM, type RequestFacts } from '../domain/request-facts.ts';
import { recordEvent } from './events/record-event.ts';

export interface UserInput {
  username?: string | null;
  primaryEmail?: string | null;
  primaryPhone?: string | null;
  name?: string | null;
  avatar?: string | null;
  customData?: Record<string, unknown>;
  password?: string;
  /** A password already hashed (the Experience API hashes it when it is given, and keeps only the hash). */
  passwordHash?: string;
}

export async function listUsers(deps: ServiceDeps, page: Page, search?: string): Promise<Paged<UserDto>> {
  const [rows, total] = await Promise.all([repo.listUsers(deps.db, page, search), repo.countUsers(deps.db, search)]);
  return { items: rows.map(toUserDto), total };
}

async function requireUser(db: Db, id: string) {
  const row = await repo.findUserById(db, id);
  if (!row) throw new NotFoundError(`User ${id} does not exist.`);
  return row;
}

export async function getUser(deps: ServiceDeps, id: string): Promise<UserDto> {
  return toUserDto(await requireUser(deps.db, id));
}

export async function createUser(deps: ServiceDeps, input: UserInput, facts: RequestFacts = SYSTEM): Promise<UserDto> {
  if (!input.username && !input.primaryEmail && !input.primaryPhone) {
    throw new ValidationError('A user needs at least one of username, primaryEmail or primaryPhone.', [
      { path: 'username', message: 'required when primaryEmail and primaryPhone are absent' },
    ]);
  }
  // Hash outside the transaction: argon2 takes tens of milliseconds and must not hold a lock.
  const passwordHash = input.password === undefined ? (input.passwordHash ?? null) : await hashPassword(input.password);
  const id = newId(12);
  const now = Date.now();
  const row = await inTransaction(deps.db, async (trx) => {
    await repo.insertUser(trx, {
      id,
      username: input.username ?? null,
      primaryEmail: input.primaryEmail?.toLowerCase() ?? null,
      primaryPhone: input.primaryPhone ?? null,
      name: input.name ?? null,
      avatar: input.avatar ?? null,
      customData: JSON.stringify(input.customData ?? {}),
      passwordHash,
      isSuspended: 0,
      lastSignInAt: null,
      createdAt: now,
      updatedAt: now,
    });
    const created = (await repo.findUserById(trx, id))!;
    await recordEvent(trx, { key: 'User.Created', facts, data: toUserDto(created), userId: id, details: { userId: id } });
    return created;
  });
  return toUserDto(row);
}

export async function updateUser(
  deps: ServiceDeps,
  id: string,
  patch: Omit<UserInput, 'password'>,
  facts: RequestFacts = SYSTEM,
): Promise<UserDto> {
  const row = await inTransaction(deps.db, async (trx) => {
    await requireUser(trx, id);
    const { customData, primaryEmail, ...rest } = patch;
    await repo.updateUser(trx, id, {
      ...rest,
      ...(primaryEmail !== undefined ? { primaryEmail: primaryEmail?.toLowerCase() ?? null } : {}),
      ...(customData !== undefined ? { customData: JSON.stringify(customData) } : {}),
      updatedAt: Date.now(),
    });
    const updated = (await repo.findUserById(trx, id))!;
    await recordEvent(trx, {
      key: 'User.Data.Updated',
      facts,
      data: toUserDto(updated),
      userId: id,
      details: { userId: id, changes: patch },
    });
    return updated;
  });
  await deps.changes.publish('users');
  return toUserDto(row);
}

export async function setUserPassword(deps: ServiceDeps, id: string, password: string, facts: RequestFacts = SYSTEM): Promise<UserDto> {
  await requireUser(deps.db, id);
  const passwordHash = await hashPassword(password);
  await inTransaction(deps.db, async (trx) => {
    await repo.updateUser(trx, id, { passwordHash, updatedAt: Date.now() });
    // The field name is recorded, never the value (redact() drops it).
    const updated = await requireUser(trx, id);
    await recordEvent(trx, {
      key: 'User.Data.Updated',
      facts,
      data: toUserDto(updated),
      userId: id,
      details: { userId: id, changes: { password: 'set' } },
    });
  });
  // An admin who sets a new password has dealt with the account: its sign-in lockout ends.
  await clearAccountLock(deps, id);
  await deps.changes.publish('users');
  return getUser(deps, id);
}

export async function setUserSuspended(
  deps: ServiceDeps,
  id: string,
  isSuspended: boolean,
  facts: RequestFacts = SYSTEM,
): Promise<UserDto> {
  await inTransaction(deps.db, async (trx) => {
    await requireUser(trx, id);
    await repo.updateUser(trx, id, { isSuspended: isSuspended ? 1 : 0, updatedAt: Date.now() });
    const updated = await requireUser(trx, id);
    await recordEvent(trx, {
      key: 'User.SuspensionStatus.Updated',
      facts,
      data: toUserDto(updated),
      userId: id,
      details: { userId: id, changes: { isSuspended } },
    });
  });
  await deps.changes.publish('users');
  return getUser(deps, id);
}

export async function deleteUser(deps: ServiceDeps, id: string, facts: RequestFacts = SYSTEM): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const user = await requireUser(trx, id);
    await repo.deleteUser(trx, id);
    await recordEvent(trx, { key: 'User.Deleted', facts, data: toUserDto(user), userId: id, details: { userId: id } });
  });
  await deps.changes.publish('users');
}
