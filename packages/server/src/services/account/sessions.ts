import { NotFoundError } from '../../domain/errors.ts';
import { findApplicationById } from '../../storage/repositories/applications.ts';
import * as oidcRows from '../../storage/repositories/oidc-sessions.ts';
import type { ServiceDeps } from '../deps.ts';

/** Logto's SessionGrantRevokeTarget: which of a session's grants end with it (every application here is first-party). */
export type SessionGrantRevokeTarget = 'all' | 'firstParty';

interface Authorization {
  grantId?: string;
  sid?: string;
  persistsLogout?: boolean;
}

/**
 * Logto's userExtendedSessionGuard. The payload is a whitelist of oidc-provider's Session:
 * never its `jti`, which is the session cookie's value.
 */
export interface UserSession {
  payload: {
    uid: string;
    accountId: string;
    loginTs?: number;
    exp?: number;
    iat?: number;
    kind: 'Session';
    authorizations: Record<string, Authorization>;
  };
  lastSubmission: null;
  clientId: string | null;
  accountId: string;
  expiresAt: number;
  isCurrent?: boolean;
}

/** Logto's userApplicationGrantGuard. */
export interface UserGrant {
  id: string;
  payload: { exp: number; iat: number; jti: string; kind: 'Grant'; clientId: string; accountId: string };
  expiresAt: number;
  application: { id: string; name: string };
}

const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

function toUserSession(row: oidcRows.OidcRow, userId: string, currentUid?: string): UserSession {
  const p = row.payload;
  const authorizations: Record<string, Authorization> = {};
  for (const [clientId, a] of Object.entries((p.authorizations ?? {}) as Record<string, Authorization>)) {
    authorizations[clientId] = {
      ...(typeof a.grantId === 'string' ? { grantId: a.grantId } : {}),
      ...(typeof a.sid === 'string' ? { sid: a.sid } : {}),
      ...(typeof a.persistsLogout === 'boolean' ? { persistsLogout: a.persistsLogout } : {}),
    };
  }
  const uid = typeof p.uid === 'string' ? p.uid : (row.uid ?? '');
  return {
    payload: { uid, accountId: userId, loginTs: num(p.loginTs), exp: num(p.exp), iat: num(p.iat), kind: 'Session', authorizations },
    lastSubmission: null,
    clientId: Object.keys(authorizations)[0] ?? null,
    accountId: userId,
    expiresAt: row.expiresAt,
    ...(currentUid === undefined ? {} : { isCurrent: uid === currentUid }),
  };
}

/** The user's active sessions (Logto's GET /users/:userId/sessions and /my-account/sessions, with isCurrent). */
export async function listUserSessions(
  deps: ServiceDeps,
  userId: string,
  currentUid?: string | null,
): Promise<{ sessions: UserSession[] }> {
  const rows = await oidcRows.listUserOidcSessions(deps.db, userId, Date.now());
  return { sessions: rows.map((row) => toUserSession(row, userId, currentUid === null ? undefined : (currentUid ?? ''))) };
}

/**
 * Ends one session of the user, found by its uid (the id the listing shows); with a target,
 * its grants and their tokens too, so refresh tokens issued in it stop working (Logto's
 * revokeGrantsTarget). 404 when the user has no such session.
 */
export async function revokeUserSession(
  deps: ServiceDeps,
  userId: string,
  sessionUid: string,
  target?: SessionGrantRevokeTarget,
): Promise<void> {
  const rows = await oidcRows.listUserOidcSessions(deps.db, userId, Date.now());
  const row = rows.find((r) => (r.payload.uid ?? r.uid) === sessionUid);
  if (!row) throw new NotFoundError('Session not found.');
  if (target) {
    const authorizations = (row.payload.authorizations ?? {}) as Record<string, Authorization>;
    for (const { grantId } of Object.values(authorizations))
      if (typeof grantId === 'string') await oidcRows.deleteOidcGrant(deps.db, grantId);
  }
  await oidcRows.deleteOidcSession(deps.db, row.id);
  deps.logger.info({ event: 'session.revoked', userId, grants: target ?? 'kept' }, 'session revoked');
}

/** The user's active grants, one per application, with the application's name (Logto's GET /my-account/grants). */
export async function listUserGrants(deps: ServiceDeps, userId: string): Promise<{ grants: UserGrant[] }> {
  const rows = await oidcRows.listUserOidcGrants(deps.db, userId, Date.now());
  const grants: UserGrant[] = [];
  for (const row of rows) {
    const clientId = typeof row.payload.clientId === 'string' ? row.payload.clientId : '';
    const app = await findApplicationById(deps.db, clientId);
    grants.push({
      id: row.id,
      payload: {
        exp: num(row.payload.exp) ?? Math.floor(row.expiresAt / 1000),
        iat: num(row.payload.iat) ?? 0,
        jti: row.id,
        kind: 'Grant',
        clientId,
        accountId: userId,
      },
      expiresAt: row.expiresAt,
      application: { id: clientId, name: app?.name ?? clientId },
    });
  }
  return { grants };
}

/** Revokes one of the user's grants and every token issued under it; 404 when it is not theirs. */
export async function revokeUserGrant(deps: ServiceDeps, userId: string, grantId: string): Promise<void> {
  const rows = await oidcRows.listUserOidcGrants(deps.db, userId, Date.now());
  if (!rows.some((r) => r.id === grantId)) throw new NotFoundError('Grant not found.');
  await oidcRows.deleteOidcGrant(deps.db, grantId);
  deps.logger.info({ event: 'grant.revoked', userId }, 'grant revoked');
}
