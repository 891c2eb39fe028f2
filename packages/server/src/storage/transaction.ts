import type { Db } from './db.ts';
import { toDomainError } from './errors.ts';

/**
 * Runs a use case's writes as one transaction and translates driver errors on the way out,
 * so a failed multi-row change leaves nothing written and surfaces as a domain error.
 */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute((trx) => fn(trx));
  } catch (error) {
    throw toDomainError(error);
  }
}
