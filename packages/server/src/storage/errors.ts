import { AppError, ConflictError, StorageBusyError, ValidationError } from '../domain/errors.ts';

const entityNames: Record<string, string> = {
  users: 'user',
  applications: 'application',
  resources: 'API resource',
  scopes: 'scope',
  roles: 'role',
};

function describeUnique(table: string | undefined, columns: string[]): string {
  const entity = (table && entityNames[table]) ?? 'record';
  const fields = columns.map((c) => c.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()));
  if (table === 'scopes') return 'A scope with this name already exists on this API resource.';
  if (fields.length === 0) return `This ${entity} already exists.`;
  return `A ${entity} with this ${fields.join(' and ')} already exists.`;
}

/**
 * Translates driver errors into domain errors, so nothing above storage ever matches on
 * SQLSTATEs or SQLite codes. SQLite `SQLITE_CONSTRAINT_UNIQUE` / `_PRIMARYKEY` and
 * PostgreSQL 23505 become ConflictError; foreign-key failures become ValidationError.
 */
export function toDomainError(error: unknown): unknown {
  if (error instanceof AppError || typeof error !== 'object' || error === null) return error;
  const e = error as { code?: string; message?: string; table?: string; detail?: string; constraint?: string };
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    // "UNIQUE constraint failed: roles.name" or "...: scopes.resource_id, scopes.name"
    const targets =
      (e.message ?? '')
        .split(':')[1]
        ?.split(',')
        .map((s) => s.trim()) ?? [];
    const table = targets[0]?.split('.')[0];
    const columns = targets.map((t) => t.split('.')[1] ?? '').filter((c) => c !== '' && c !== 'resource_id');
    return new ConflictError(describeUnique(table, columns), { cause: error });
  }
  if (e.code === '23505') {
    const columns =
      /Key \(([^)]+)\)/
        .exec(e.detail ?? '')?.[1]
        ?.split(',')
        .map((s) => s.trim()) ?? [];
    return new ConflictError(
      describeUnique(
        e.table,
        columns.filter((c) => c !== 'resource_id'),
      ),
      { cause: error },
    );
  }
  if (e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || e.code === '23503') {
    return new ValidationError('The request refers to an entity that does not exist.');
  }
  return error;
}

/**
 * SQLITE_BUSY and SQLITE_LOCKED (and their extended codes, e.g. SQLITE_BUSY_SNAPSHOT): another
 * connection, usually another process on the same file, kept the database locked past the
 * busy timeout. A retry later will succeed, so it is a StorageBusyError (503), never a 500.
 */
export function toBusyError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)) {
    return new StorageBusyError('The database is busy with another writer. Try again shortly.', { cause: error });
  }
  return error;
}
