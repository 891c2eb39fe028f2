import type { Db } from '../db.ts';

/*
 * oidc-provider keeps a session's and a grant's account in the JSON payload of
 * oidc_model_instances (no column of its own). JSON.stringify writes `"accountId":"<id>"`
 * with no spaces, so a LIKE narrows the rows portably (SQLite and PostgreSQL) and the parsed
 * payload confirms each one.
 */
// `%` or `_` in an id would only widen the LIKE (SQLite has no default escape): the parse decides.
const likeAccount = (userId: string) => `%"accountId":${JSON.stringify(userId)}%`;

async function idsOfAccount(db: Db, modelName: 'Session' | 'Grant', userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('oidcModelInstances')
    .select(['id', 'payload'])
    .where('modelName', '=', modelName)
    .where('payload', 'like', likeAccount(userId))
    .execute();
  return rows.filter((r) => (JSON.parse(r.payload) as { accountId?: unknown }).accountId === userId).map((r) => r.id);
}

/**
 * Ends every browser session of a user and every grant with its tokens (refresh tokens,
 * opaque access tokens, codes): what a password reset does to the sessions an attacker may hold.
 * Returns how many sessions and grants ended.
 */
export async function deleteSessionsAndGrantsOfUser(db: Db, userId: string): Promise<{ sessions: number; grants: number }> {
  const sessions = await idsOfAccount(db, 'Session', userId);
  const grants = await idsOfAccount(db, 'Grant', userId);
  if (sessions.length > 0)
    await db.deleteFrom('oidcModelInstances').where('modelName', '=', 'Session').where('id', 'in', sessions).execute();
  if (grants.length > 0) {
    await db
      .deleteFrom('oidcModelInstances')
      .where((eb) => eb.or([eb('grantId', 'in', grants), eb.and([eb('modelName', '=', 'Grant'), eb('id', 'in', grants)])]))
      .execute();
  }
  return { sessions: sessions.length, grants: grants.length };
}
