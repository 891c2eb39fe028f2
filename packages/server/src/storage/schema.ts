import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table shapes, in camelCase (Kysely's CamelCasePlugin maps them to snake_case SQL).
 * Portable types only: timestamps are epoch milliseconds (bigint), booleans 0/1 integers and
 * JSON documents text, so one migration set serves SQLite and PostgreSQL alike.
 */
type Timestamp = ColumnType<number, number, number>;

export interface UsersTable {
  id: string;
  username: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  name: string | null;
  avatar: string | null;
  customData: string;
  passwordHash: string | null;
  isSuspended: number;
  lastSignInAt: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ApplicationsTable {
  id: string;
  name: string;
  description: string | null;
  type: string;
  /** SHA-256 (hex) of the secret: secrets are 256-bit random, so a fast hash is enough. */
  secretHash: string | null;
  redirectUris: string;
  postLogoutRedirectUris: string;
  customData: string;
  isBuiltin: number;
  createdAt: Timestamp;
}

export interface ResourcesTable {
  id: string;
  name: string;
  indicator: string;
  accessTokenTtl: number;
  isBuiltin: number;
  createdAt: Timestamp;
}

export interface ScopesTable {
  id: string;
  resourceId: string;
  name: string;
  description: string | null;
  createdAt: Timestamp;
}

export interface RolesTable {
  id: string;
  name: string;
  description: string | null;
  type: string;
  isBuiltin: number;
  createdAt: Timestamp;
}

export interface RolesScopesTable {
  roleId: string;
  scopeId: string;
}

export interface UsersRolesTable {
  userId: string;
  roleId: string;
}

export interface ApplicationsRolesTable {
  applicationId: string;
  roleId: string;
}

export interface SigningKeysTable {
  id: string;
  alg: string;
  privateJwk: string;
  publicJwk: string;
  /** Becomes the signing key at this time; published in JWKS from creation. */
  activatesAt: Timestamp;
  /** Removed from JWKS after this time (null while it may still sign). */
  expiresAt: number | null;
  createdAt: Timestamp;
}

export interface OidcModelInstancesTable {
  modelName: string;
  id: string;
  payload: string;
  expiresAt: number;
  consumedAt: number | null;
  grantId: string | null;
  uid: string | null;
  userCode: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updatedAt: Timestamp;
}

export interface SignInFailuresTable {
  key: string;
  failures: number;
  windowStart: number;
  lockedUntil: number | null;
}

export interface Database {
  users: UsersTable;
  applications: ApplicationsTable;
  resources: ResourcesTable;
  scopes: ScopesTable;
  roles: RolesTable;
  rolesScopes: RolesScopesTable;
  usersRoles: UsersRolesTable;
  applicationsRoles: ApplicationsRolesTable;
  signingKeys: SigningKeysTable;
  oidcModelInstances: OidcModelInstancesTable;
  settings: SettingsTable;
  signInFailures: SignInFailuresTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
export type ResourceRow = Selectable<ResourcesTable>;
export type ScopeRow = Selectable<ScopesTable>;
export type RoleRow = Selectable<RolesTable>;
export type SigningKeyRow = Selectable<SigningKeysTable>;
