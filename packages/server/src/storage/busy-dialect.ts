import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import { toBusyError } from './errors.ts';

type Compile = Parameters<NonNullable<Driver['savepoint']>>[2];

/** A connection whose failed statements surface as domain errors when SQLite is busy. */
function translating(inner: DatabaseConnection): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      try {
        return await inner.executeQuery<R>(query);
      } catch (error) {
        throw toBusyError(error);
      }
    },
    streamQuery: (query, chunkSize) => inner.streamQuery(query, chunkSize),
  };
}

/**
 * Wraps the SQLite dialect so SQLITE_BUSY / SQLITE_LOCKED (another process, such as the CLI,
 * holding the write lock past the busy timeout) reach the caller as StorageBusyError on every
 * statement, in or out of a transaction, and are answered 503 with Retry-After, not 500.
 * Kysely's SqliteDriver runs BEGIN/COMMIT/savepoints through the connection it is handed,
 * so those are translated too.
 */
export function withBusyErrors(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver(): Driver {
      const driver = dialect.createDriver();
      const inner = new WeakMap<DatabaseConnection, DatabaseConnection>();
      const unwrap = (c: DatabaseConnection) => inner.get(c) ?? c;
      return {
        init: () => driver.init(),
        async acquireConnection() {
          const connection = await driver.acquireConnection();
          const wrapped = translating(connection);
          inner.set(wrapped, connection);
          return wrapped;
        },
        beginTransaction: (c: DatabaseConnection, settings: TransactionSettings) => driver.beginTransaction(c, settings),
        commitTransaction: (c: DatabaseConnection) => driver.commitTransaction(c),
        rollbackTransaction: (c: DatabaseConnection) => driver.rollbackTransaction(c),
        savepoint: (c: DatabaseConnection, name: string, compile: Compile) => driver.savepoint!(c, name, compile),
        rollbackToSavepoint: (c: DatabaseConnection, name: string, compile: Compile) => driver.rollbackToSavepoint!(c, name, compile),
        releaseSavepoint: (c: DatabaseConnection, name: string, compile: Compile) => driver.releaseSavepoint!(c, name, compile),
        releaseConnection: (c: DatabaseConnection) => driver.releaseConnection(unwrap(c)),
        destroy: () => driver.destroy(),
      };
    },
  };
}
