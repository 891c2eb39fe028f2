/**
 * The Management API's wire types. They use Logto's field names, so scripts written against
 * Logto's Management API keep working. The server checks its zod schemas against these.
 */

/** An API resource: an audience that access tokens are issued for. */
export interface ResourceDto {
  id: string;
  name: string;
  /** The resource indicator (RFC 8707), e.g. `https://hasura.example.com/api`; the token's `aud`. */
  indicator: string;
  /** Access token lifetime in seconds. */
  accessTokenTtl: number;
  isBuiltin?: boolean;
}

/** A scope (permission) of an API resource. */
export interface ScopeDto {
  id: string;
  resourceId: string;
  name: string;
  description: string | null;
}

export type RoleType = 'User' | 'MachineToMachine';

/** A role bundles scopes; users hold `User` roles, machine apps hold `MachineToMachine` roles. */
export interface RoleDto {
  id: string;
  name: string;
  description: string | null;
  type: RoleType;
  isBuiltin?: boolean;
}

export interface UserDto {
  id: string;
  username: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  name: string | null;
  avatar: string | null;
  customData: Record<string, unknown>;
  isSuspended: boolean;
  hasPassword: boolean;
  /** The user proved to own primaryEmail with a code (Account API, sign-up); false after an admin changes it. */
  primaryEmailVerified: boolean;
  lastSignInAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** One active OIDC session of a user (Logto's userExtendedSessionGuard; the payload never carries the session's cookie id). */
export interface UserSessionDto {
  payload: {
    /** The session's public id: what DELETE .../sessions/:sessionId takes. */
    uid: string;
    accountId: string;
    /** Seconds since the epoch when the user signed in. */
    loginTs?: number;
    exp?: number;
    iat?: number;
    kind: 'Session';
    /** Per application signed in to in this session: its grant. */
    authorizations: Record<string, { grantId?: string; sid?: string; persistsLogout?: boolean }>;
  };
  lastSubmission: null;
  clientId: string | null;
  accountId: string;
  expiresAt: number;
  /** Account API only: the session the calling token was issued in. */
  isCurrent?: boolean;
}

/** `GET /api/users/:id/sessions` and `GET /api/my-account/sessions`. */
export interface UserSessionsDto {
  sessions: UserSessionDto[];
}

/** `GET /api/users/:id/lockout`: whether failed sign-ins have locked the account, and until when. */
export interface UserLockoutDto {
  locked: boolean;
  /** Epoch ms when the lock ends; null when not locked. */
  lockedUntil: number | null;
}

export type ApplicationType = 'SPA' | 'Traditional' | 'Native' | 'MachineToMachine';

export interface ApplicationDto {
  id: string;
  name: string;
  description: string | null;
  type: ApplicationType;
  oidcClientMetadata: { redirectUris: string[]; postLogoutRedirectUris: string[] };
  customData: Record<string, unknown>;
  isBuiltin?: boolean;
  createdAt: number;
  /** Present only in the responses that create the application or rotate its secret. */
  secret?: string;
}

/** An RFC 9457 problem document, as every Management API error is returned. */
export interface ProblemDto {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: Array<{ path: string; message: string }>;
  /** Logto's error data where the Experience API has some: a refused password's `issues`, the `missingProfile` fields. */
  data?: unknown;
}

export type * from './dto-jwt.ts';
export type * from './dto-events.ts';
export type * from './dto-organizations.ts';
export type * from './dto-connectors.ts';
export type * from './dto-sign-in-experience.ts';
