import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../storage/db.ts';
import { insertSettingIfAbsent, findSetting, upsertSetting, deleteSetting } from '../storage/repositories/settings.ts';
import { findUserByUsername, updateUser } from '../storage/repositories/users.ts';
import {
  findUserIdWithRole,
  insertApplicationRoles,
  insertUserRoles,
  listRolesOfApplication,
  listRolesOfUser,
} from '../storage/repositories/assignments.ts';
import { findApplicationById, updateApplication } from '../storage/repositories/applications.ts';
import { uriListColumn } from '../storage/repositories/json-columns.ts';
import { insertIfAbsent } from '../storage/repositories/insert-if-absent.ts';
import { updateResource } from '../storage/repositories/resources.ts';
import { createApplication, hashClientSecret } from './applications.ts';
import type { ServiceDeps } from './deps.ts';
import { hashPassword } from './passwords.ts';
import { createUser } from './users.ts';

/** Fixed ids, so every process sharing a database agrees on the built-ins without a lock. */
export const builtin = {
  managementResourceId: 'management-api',
  managementScopeId: 'management-api-all',
  managementScope: 'all',
  adminUserRoleId: 'admin-user-role',
  adminUserRoleName: 'gatehouse:admin',
  adminMachineRoleId: 'admin-machine-role',
  adminMachineRoleName: 'gatehouse:admin-machine',
  consoleAppId: 'gatehouse-console',
} as const;

/** Creates (or brings up to date) the built-in Management API resource, admin roles and console app. */
export async function ensureBuiltins(deps: ServiceDeps): Promise<void> {
  const { db, config } = deps;
  const now = Date.now();
  // Inserts that ignore an existing row make concurrent first starts safe.
  await insertIfAbsent(db, 'resources', {
    id: builtin.managementResourceId,
    name: 'Gatehouse Management API',
    indicator: config.managementApiIndicator,
    accessTokenTtl: 3600,
    isBuiltin: 1,
    createdAt: now,
  });
  // ENDPOINT may change between runs; the management audience follows it.
  await updateResource(db, builtin.managementResourceId, { indicator: config.managementApiIndicator });
  await insertIfAbsent(db, 'scopes', {
    id: builtin.managementScopeId,
    resourceId: builtin.managementResourceId,
    name: builtin.managementScope,
    description: 'Full access to the Management API',
    createdAt: now,
  });
  for (const [id, name, type] of [
    [builtin.adminUserRoleId, builtin.adminUserRoleName, 'User'],
    [builtin.adminMachineRoleId, builtin.adminMachineRoleName, 'MachineToMachine'],
  ] as const) {
    await insertIfAbsent(db, 'roles', {
      id,
      name,
      description: 'Built-in: full Management API access',
      type,
      isBuiltin: 1,
      createdAt: now,
    });
    await insertIfAbsent(db, 'rolesScopes', { roleId: id, scopeId: builtin.managementScopeId });
  }
  const consoleMeta = {
    redirectUris: [`${config.endpoint}/console/callback`],
    postLogoutRedirectUris: [`${config.endpoint}/console`],
  };
  if (!(await findApplicationById(db, builtin.consoleAppId))) {
    await createApplication(
      deps,
      { name: 'Gatehouse Console', type: 'SPA', description: 'The admin console (built-in)', oidcClientMetadata: consoleMeta },
      { id: builtin.consoleAppId, builtin: true },
    ).catch(() => undefined); // a concurrent first start may have created it
  }
  await updateApplication(db, builtin.consoleAppId, {
    redirectUris: uriListColumn(consoleMeta.redirectUris),
    postLogoutRedirectUris: uriListColumn(consoleMeta.postLogoutRedirectUris),
  });
}

/** BOOTSTRAP_ADMIN_* variables: an admin machine app and/or admin user, created or updated. */
export async function applyBootstrapAdmins(deps: ServiceDeps): Promise<void> {
  const { client, user } = deps.config.bootstrap;
  if (client) {
    const existing = await findApplicationById(deps.db, client.id);
    if (!existing) {
      await createApplication(
        deps,
        { name: 'Bootstrap admin', type: 'MachineToMachine', description: 'Created from BOOTSTRAP_ADMIN_CLIENT_ID' },
        { id: client.id, secret: client.secret },
      );
    } else {
      await updateApplication(deps.db, client.id, { secretHash: hashClientSecret(client.secret) });
    }
    const roles = await listRolesOfApplication(deps.db, client.id);
    if (!roles.some((r) => r.id === builtin.adminMachineRoleId)) {
      await insertApplicationRoles(deps.db, client.id, [builtin.adminMachineRoleId]);
    }
    await deps.changes.publish('applications');
  }
  if (user) {
    let existing = await findUserByUsername(deps.db, user.username);
    if (!existing) {
      await createUser(deps, { username: user.username, password: user.password, name: 'Administrator' });
      existing = (await findUserByUsername(deps.db, user.username))!;
    } else {
      await updateUser(deps.db, existing.id, { passwordHash: await hashPassword(user.password), updatedAt: Date.now() });
    }
    const roles = await listRolesOfUser(deps.db, existing.id);
    if (!roles.some((r) => r.id === builtin.adminUserRoleId)) await insertUserRoles(deps.db, existing.id, [builtin.adminUserRoleId]);
    await deps.changes.publish('rbac');
  }
}

async function hasAdminUser(db: Db): Promise<boolean> {
  return (await findUserIdWithRole(db, builtin.adminUserRoleId)) !== undefined;
}

interface SetupToken {
  hash: string;
  expiresAt: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * First start without bootstrap variables: a one-time setup link (no default password ever
 * exists). Only the token's hash is stored; a fresh token is issued at every start until an
 * admin exists, and it is valid for 24 hours.
 */
export async function issueSetupToken(deps: ServiceDeps): Promise<string | undefined> {
  if (await hasAdminUser(deps.db)) return undefined;
  const token = randomBytes(24).toString('base64url');
  await upsertSetting(deps.db, 'setup-token', { hash: sha256(token), expiresAt: Date.now() + 86_400_000 } satisfies SetupToken);
  return token;
}

export async function checkSetupToken(db: Db, token: string): Promise<boolean> {
  const stored = await findSetting<SetupToken>(db, 'setup-token');
  return stored !== undefined && stored.expiresAt > Date.now() && stored.hash === sha256(token) && !(await hasAdminUser(db));
}

export async function completeSetup(deps: ServiceDeps, input: { username: string; password: string }): Promise<string> {
  const user = await createUser(deps, { username: input.username, password: input.password, name: input.username });
  await insertUserRoles(deps.db, user.id, [builtin.adminUserRoleId]);
  await deleteSetting(deps.db, 'setup-token');
  await deps.changes.publish('rbac');
  return user.id;
}

/** Cookie-signing keys, shared through the database by every process. */
export async function loadCookieKeys(db: Db): Promise<string[]> {
  return insertSettingIfAbsent(db, 'cookie-keys', [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')]);
}
