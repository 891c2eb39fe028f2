import type { Config } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import type { ChangeBus } from '../storage/change-bus.ts';
import type { Db } from '../storage/db.ts';

/** What every service needs, built once in app.ts and passed explicitly (no singletons). */
export interface ServiceDeps {
  config: Readonly<Config>;
  db: Db;
  logger: Logger;
  changes: ChangeBus;
}
