import type { HolderKind, RoleWithScopes } from '../domain/rbac/role-scopes.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Db } from '../storage/db.ts';
import { findUserById } from '../storage/repositories/users.ts';
import type { ApplicationRow, UserRow } from '../storage/schema.ts';
import type { AccessResolver } from './access.ts';
import type { ApplicationDirectory } from './application-directory.ts';

/**
 * The `context` argument of a custom claims script, in Logto's shape: what the script may
 * know about the user, the application and the grant. Roles come from the access resolver,
 * i.e. the holder's CURRENT roles.
 */
const parse = (json: string): Record<string, unknown> => {
  const v: unknown = JSON.parse(json);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
};

function roleView(roles: RoleWithScopes[]) {
  return roles.map((r) => ({ id: r.id, name: r.name, description: r.description, scopes: r.scopes }));
}

export function userContext(user: UserRow, roles: RoleWithScopes[]) {
  return {
    id: user.id,
    username: user.username,
    primaryEmail: user.primaryEmail,
    primaryPhone: user.primaryPhone,
    name: user.name,
    avatar: user.avatar,
    customData: parse(user.customData),
    identities: {},
    profile: {},
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    isSuspended: user.isSuspended === 1,
    hasPassword: user.passwordHash !== null,
    roles: roleView(roles),
  };
}

export function applicationContext(app: ApplicationRow, roles?: RoleWithScopes[]) {
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    type: app.type,
    customData: parse(app.customData),
    // Machine apps hold roles too; the Hasura preset maps them for client-credentials tokens.
    ...(roles ? { roles: roleView(roles) } : {}),
  };
}

export async function buildClaimsContext(
  db: Db,
  access: AccessResolver,
  applications: ApplicationDirectory,
  input: { kind: HolderKind; userId?: string; user?: UserRow; applicationId?: string; grantType?: string },
): Promise<Record<string, unknown>> {
  const app = input.applicationId ? await applications.byId(input.applicationId) : undefined;
  if (input.applicationId && !app) throw new NotFoundError(`Application ${input.applicationId} does not exist.`);
  if (input.kind === 'application') {
    return { application: applicationContext(app!, await access.rolesOf('application', app!.id)) };
  }
  // The token endpoint already loaded the user (findAccount); other callers pass the id.
  const user = input.user ?? (input.userId ? await findUserById(db, input.userId) : undefined);
  if (!user) throw new NotFoundError(`User ${input.userId} does not exist.`);
  return {
    user: userContext(user, await access.rolesOf('user', user.id)),
    ...(app ? { application: applicationContext(app) } : {}),
    grant: { type: input.grantType ?? 'authorization_code' },
  };
}
