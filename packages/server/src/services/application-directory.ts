import type { ChangeBus } from '../storage/change-bus.ts';
import type { Db } from '../storage/db.ts';
import { findApplicationById } from '../storage/repositories/applications.ts';
import type { ApplicationRow } from '../storage/schema.ts';
import { createChangeCache } from './change-cache.ts';

export interface ApplicationDirectory {
  byId: (id: string) => Promise<ApplicationRow | undefined>;
  close: () => void;
}

/**
 * Application rows for the token hot path (oidc-provider's client lookup on every token
 * request, and the custom claims context), dropped on any application change in any process.
 */
export function createApplicationDirectory(db: Db, changes: ChangeBus): ApplicationDirectory {
  const cache = createChangeCache({ changes, topics: ['applications'], load: (id) => findApplicationById(db, id) });
  return { byId: cache.get, close: cache.close };
}
