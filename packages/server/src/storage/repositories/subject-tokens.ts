import type { Selectable } from 'kysely';
import type { Db } from '../db.ts';
import type { SubjectTokensTable } from '../schema-tokens.ts';

export type SubjectTokenRow = Selectable<SubjectTokensTable>;

export async function insertSubjectToken(db: Db, row: SubjectTokenRow): Promise<void> {
  await db.insertInto('subjectTokens').values(row).execute();
}

export function findSubjectTokenByHash(db: Db, tokenHash: string): Promise<SubjectTokenRow | undefined> {
  return db.selectFrom('subjectTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

/** Marks the token used; true only for the one call that did (a conditional update: single use across processes). */
export async function consumeSubjectToken(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('subjectTokens')
    .set({ consumedAt: now })
    .where('id', '=', id)
    .where('consumedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteSubjectTokensExpiredBefore(db: Db, before: number): Promise<void> {
  await db.deleteFrom('subjectTokens').where('expiresAt', '<', before).execute();
}
