import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.ts';
import { silentLogger } from '../../logger.ts';
import { createLocalChangeBus, type ChangeTopic } from '../../storage/change-bus.ts';
import { openDb, type Db } from '../../storage/db.ts';
import { migrateToLatest } from '../../storage/migrate.ts';
import type { ServiceDeps } from '../deps.ts';
import { applyJitMemberships, emailDomainOf } from './jit.ts';

describe('applyJitMemberships', () => {
  let db: Db;
  let deps: ServiceDeps;
  let announced: ChangeTopic[];

  const insertOrg = async (id: string, domains: string[], roleIds: string[]) => {
    await db
      .insertInto('organizations')
      .values({ id, name: id, description: null, customData: '{}', isMfaRequired: 0, createdAt: 1 })
      .execute();
    for (const emailDomain of domains)
      await db.insertInto('organizationJitEmailDomains').values({ organizationId: id, emailDomain }).execute();
    for (const organizationRoleId of roleIds)
      await db.insertInto('organizationJitRoles').values({ organizationId: id, organizationRoleId }).execute();
  };
  const membership = async (userId: string) =>
    (
      await db
        .selectFrom('organizationUserRelations')
        .select('organizationId')
        .where('userId', '=', userId)
        .orderBy('organizationId')
        .execute()
    ).map((r) => r.organizationId);
  const roles = async (userId: string, organizationId: string) =>
    (
      await db
        .selectFrom('organizationRoleUserRelations')
        .select('organizationRoleId')
        .where('userId', '=', userId)
        .where('organizationId', '=', organizationId)
        .orderBy('organizationRoleId')
        .execute()
    ).map((r) => r.organizationRoleId);

  beforeEach(async () => {
    db = openDb({ dialect: 'sqlite', path: ':memory:' });
    await migrateToLatest(db);
    const changes = createLocalChangeBus();
    announced = [];
    changes.subscribe((t) => announced.push(t));
    deps = { config: loadConfig({}), db, logger: silentLogger(), changes };
    for (const id of ['member', 'admin']) {
      await db.insertInto('organizationRoles').values({ id, name: id, description: null, type: 'User', createdAt: 1 }).execute();
    }
    for (const id of ['u1', 'u2']) {
      await db.insertInto('users').values({ id, customData: '{}', isSuspended: 0, createdAt: 1, updatedAt: 1 }).execute();
    }
    await insertOrg('acme', ['acme.com'], ['member', 'admin']);
    await insertOrg('acme-eu', ['acme.com', 'acme.eu'], []);
    await insertOrg('globex', ['globex.com'], ['member']);
  });
  afterEach(() => db.destroy());

  it('adds a verified email to every organization of its domain, with that organization’s JIT roles', async () => {
    const joined = await applyJitMemberships(deps, { id: 'u1', email: 'Jane@ACME.com', emailVerified: true });
    expect(joined.map((j) => j.organizationId).sort()).toEqual(['acme', 'acme-eu']);
    expect(await membership('u1')).toEqual(['acme', 'acme-eu']);
    expect(await roles('u1', 'acme')).toEqual(['admin', 'member']);
    expect(await roles('u1', 'acme-eu')).toEqual([]);
    expect(announced).toEqual(['organizations']);
  });

  it('joins nothing for an unverified, missing or malformed email, or a domain without rules', async () => {
    expect(await applyJitMemberships(deps, { id: 'u1', email: 'jane@acme.com', emailVerified: false })).toEqual([]);
    expect(await applyJitMemberships(deps, { id: 'u1', email: null, emailVerified: true })).toEqual([]);
    expect(await applyJitMemberships(deps, { id: 'u1', email: 'acme.com', emailVerified: true })).toEqual([]);
    expect(await applyJitMemberships(deps, { id: 'u1', email: 'jane@sub.acme.com', emailVerified: true })).toEqual([]);
    expect(await membership('u1')).toEqual([]);
    expect(announced).toEqual([]);
  });

  it('keeps an existing membership and adds missing JIT roles without reporting it as joined', async () => {
    await db.insertInto('organizationUserRelations').values({ organizationId: 'globex', userId: 'u2' }).execute();
    const joined = await applyJitMemberships(deps, { id: 'u2', email: 'bob@globex.com', emailVerified: true });
    expect(joined).toEqual([]);
    expect(await roles('u2', 'globex')).toEqual(['member']);
    expect(announced).toEqual(['organizations']);
  });

  it('takes the domain after the last @', () => {
    expect(emailDomainOf('"a@b"@Example.org')).toBe('example.org');
    expect(emailDomainOf('@example.org')).toBeUndefined();
    expect(emailDomainOf('a@')).toBeUndefined();
  });
});
