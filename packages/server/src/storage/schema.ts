import type { EmailTemplatesTable, MessageRateLimitsTable, VerificationCodesTable, VerificationRecordsTable } from './schema-accounts.ts';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { MfaVerificationsTable } from './schema-mfa.ts';
import type { ConnectorsTable, OrganizationJitSsoConnectorsTable, SsoConnectorsTable, UserIdentitiesTable } from './schema-connectors.ts';
import type { SubjectTokensTable } from './schema-tokens.ts';

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
  /** JSON: Logto's OIDC standard profile (givenName, familyName, nickname, locale, address, ...). */
  profile: Generated<string>;
  /** The address the user last proved to own with a code: the email is verified while it equals primaryEmail. */
  verifiedEmail: string | null;
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

interface RolesScopesTable {
  roleId: string;
  scopeId: string;
}

interface UsersRolesTable {
  userId: string;
  roleId: string;
}

interface ApplicationsRolesTable {
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

interface OidcModelInstancesTable {
  modelName: string;
  id: string;
  payload: string;
  expiresAt: number;
  consumedAt: number | null;
  grantId: string | null;
  uid: string | null;
  userCode: string | null;
}

interface SettingsTable {
  key: string;
  value: string;
  updatedAt: Timestamp;
}

interface SignInFailuresTable {
  key: string;
  failures: number;
  windowStart: number;
  lockedUntil: number | null;
}

export interface EventsTable {
  seq: Generated<number>;
  id: string;
  event: string;
  /** JSON: the event's own fields (Logto's payload minus hookId/createdAt/userAgent). */
  payload: string;
  createdAt: Timestamp;
}

export interface HooksTable {
  id: string;
  name: string;
  /** JSON array of event names. */
  events: string;
  /** JSON `{ url, headers }`. */
  config: string;
  signingKey: string;
  enabled: number;
  /** Set while the hook's deliveries keep failing; cleared by the next success. */
  failingSince: number | null;
  createdAt: Timestamp;
}

type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface HookDeliveriesTable {
  seq: Generated<number>;
  id: string;
  hookId: string;
  eventId: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: number;
  leaseUntil: number | null;
  deadlineAt: number;
  responseStatus: number | null;
  responseBody: string | null;
  lastError: string | null;
  createdAt: Timestamp;
  updatedAt: number;
}

export interface LogsTable {
  id: string;
  key: string;
  userId: string | null;
  applicationId: string | null;
  /** JSON, never holding a secret, hash, token or code (see services/events/audit.ts). */
  payload: string;
  createdAt: Timestamp;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  description: string | null;
  customData: string;
  isMfaRequired: number;
  createdAt: Timestamp;
}

/** The organization template: permissions (`invite:member`) and roles every organization shares. */
export interface OrganizationScopesTable {
  id: string;
  name: string;
  description: string | null;
  createdAt: Timestamp;
}

export interface OrganizationRolesTable {
  id: string;
  name: string;
  description: string | null;
  /** 'User' | 'MachineToMachine': who may hold the role (checked by the services). */
  type: string;
  createdAt: Timestamp;
}

interface OrganizationRoleScopesTable {
  organizationRoleId: string;
  organizationScopeId: string;
}

/** API-resource scopes an organization role grants inside the organization. */
interface OrganizationRoleResourceScopesTable {
  organizationRoleId: string;
  scopeId: string;
}

interface OrganizationUserRelationsTable {
  organizationId: string;
  userId: string;
}

interface OrganizationRoleUserRelationsTable {
  organizationId: string;
  userId: string;
  organizationRoleId: string;
}

interface OrganizationApplicationRelationsTable {
  organizationId: string;
  applicationId: string;
}

interface OrganizationRoleApplicationRelationsTable {
  organizationId: string;
  applicationId: string;
  organizationRoleId: string;
}

export interface OrganizationInvitationsTable {
  id: string;
  inviterId: string | null;
  /** The invitee's email, lowercased. */
  invitee: string;
  acceptedUserId: string | null;
  organizationId: string;
  /** Stored 'Pending' | 'Accepted' | 'Revoked' (| 'Expired'); a Pending row past expiresAt reads as Expired. */
  status: string;
  createdAt: Timestamp;
  updatedAt: number;
  expiresAt: number;
}

interface OrganizationInvitationRolesTable {
  organizationInvitationId: string;
  organizationRoleId: string;
}

interface OrganizationJitEmailDomainsTable {
  organizationId: string;
  /** Lowercased domain, e.g. `example.com`. */
  emailDomain: string;
}

interface OrganizationJitRolesTable {
  organizationId: string;
  organizationRoleId: string;
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
  emailTemplates: EmailTemplatesTable;
  verificationCodes: VerificationCodesTable;
  verificationRecords: VerificationRecordsTable;
  messageRateLimits: MessageRateLimitsTable;
  mfaVerifications: MfaVerificationsTable;
  organizations: OrganizationsTable;
  organizationScopes: OrganizationScopesTable;
  organizationRoles: OrganizationRolesTable;
  organizationRoleScopes: OrganizationRoleScopesTable;
  organizationRoleResourceScopes: OrganizationRoleResourceScopesTable;
  organizationUserRelations: OrganizationUserRelationsTable;
  organizationRoleUserRelations: OrganizationRoleUserRelationsTable;
  organizationApplicationRelations: OrganizationApplicationRelationsTable;
  organizationRoleApplicationRelations: OrganizationRoleApplicationRelationsTable;
  organizationInvitations: OrganizationInvitationsTable;
  organizationInvitationRoles: OrganizationInvitationRolesTable;
  organizationJitEmailDomains: OrganizationJitEmailDomainsTable;
  organizationJitRoles: OrganizationJitRolesTable;
  events: EventsTable;
  hooks: HooksTable;
  hookDeliveries: HookDeliveriesTable;
  logs: LogsTable;
  connectors: ConnectorsTable;
  ssoConnectors: SsoConnectorsTable;
  userIdentities: UserIdentitiesTable;
  organizationJitSsoConnectors: OrganizationJitSsoConnectorsTable;
  subjectTokens: SubjectTokensTable;
}

export type UserRow = Selectable<UsersTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
export type ResourceRow = Selectable<ResourcesTable>;
export type ScopeRow = Selectable<ScopesTable>;
export type RoleRow = Selectable<RolesTable>;
export type SigningKeyRow = Selectable<SigningKeysTable>;
export type OrganizationRow = Selectable<OrganizationsTable>;
export type OrganizationScopeRow = Selectable<OrganizationScopesTable>;
export type OrganizationRoleRow = Selectable<OrganizationRolesTable>;
export type OrganizationInvitationRow = Selectable<OrganizationInvitationsTable>;
export type HookRow = Selectable<HooksTable>;
export type HookDeliveryRow = Selectable<HookDeliveriesTable>;
export type LogRow = Selectable<LogsTable>;
