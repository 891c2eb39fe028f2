import type { Db } from '../db.ts';

/*
 * A user's OIDC sessions and grants, read from oidc-provider's rows (storage/oidc-adapter.ts).
 * The account id lives only inside the JSON payload, so rows are narrowed with a LIKE on its
 * exact serialised form (JSON.stringify writes no spaces) and confirmed after parsing: a `%` or
 * `_` in an id only widens the candidates, so nothing is escaped.
 */
export interface OidcRow {
  id: string;
  uid: string | null;
  payload: Record<string, unknown>;
  expiresAt: number;
}

async function listAccountRows(db: Db, modelName: 'Session' | 'Grant', accountId: string, now: number): Promise<OidcRow[]> {
  const rows = await db
    .selectFrom('oidcModelInstances')
    .select(['id', 'uid', 'payload', 'expiresAt'])
    .where('modelName', '=', modelName)
    .where('expiresAt', '>', now)
    .where('consumedAt', 'is', null)
    .where('payload', 'like', `%${JSON.stringify({ accountId }).slice(1, -1)}%`)
    .orderBy('expiresAt', 'desc')
    .execute();
  return rows
    .map((row) => ({ id: row.id, uid: row.uid, payload: JSON.parse(row.payload) as Record<string, unknown>, expiresAt: row.expiresAt }))
    .filter((row) => row.payload.accountId === accountId);
}

/** The user's unexpired sessions, newest expiry first. `id` is the session cookie's value: never expose it. */
export function listUserOidcSessions(db: Db, accountId: string, now: number): Promise<OidcRow[]> {
  return listAccountRows(db, 'Session', accountId, now);
}

/** The user's unexpired grants (one per application signed in to). */
export function listUserOidcGrants(db: Db, accountId: string, now: number): Promise<OidcRow[]> {
  return listAccountRows(db, 'Grant', accountId, now);
}

export async function deleteOidcSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('oidcModelInstances').where('modelName', '=', 'Session').where('id', '=', id).execute();
}

/** A grant and every token issued under it (refresh tokens, opaque access tokens, codes). */
export async function deleteOidcGrant(db: Db, grantId: string): Promise<void> {
  await db
    .deleteFrom('oidcModelInstances')
    .where((eb) => eb.or([eb('grantId', '=', grantId), eb.and([eb('modelName', '=', 'Grant'), eb('id', '=', grantId)])]))
    .execute();
}

/** Every session and grant of the user, with the grants' tokens: what a password reset ends. Returns how many of each. */
export async function deleteUserOidcSessionsAndGrants(
  db: Db,
  accountId: string,
  now: number,
): Promise<{ sessions: number; grants: number }> {
  const sessions = await listUserOidcSessions(db, accountId, now);
  const grants = await listUserOidcGrants(db, accountId, now);
  for (const session of sessions) await deleteOidcSession(db, session.id);
  for (const grant of grants) await deleteOidcGrant(db, grant.id);
  return { sessions: sessions.length, grants: grants.length };
}
