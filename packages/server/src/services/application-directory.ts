import type { ChangeBus } from '../storage/change-bus.ts';
import type { Db } from '../storage/db.ts';
import { findApplicationById } from '../storage/repositories/applications.ts';
import type { ApplicationRow } from '../storage/schema.ts';

export interface ApplicationDirectory {
  byId(id: string): Promise<ApplicationRow | undefined>;
  close(): void;
}

/**
 * Application rows for the token hot path (oidc-provider's client lookup on every token
 * request, and the custom claims context), kept in memory and dropped on any application
 * change, in every process (change bus). Unknown ids are not cached, so probing with random
 * client ids cannot grow the cache.
 */
export function createApplicationDirectory(db: Db, changes: ChangeBus): ApplicationDirectory {
  const cache = new Map<string, ApplicationRow>();
  let generation = 0;
  const unsubscribe = changes.subscribe((topic) => {
    if (topic === 'applications' || topic === '*') {
      generation += 1;
      cache.clear();
    }
  });
  return {
    async byId(id) {
      const hit = cache.get(id);
      if (hit) return hit;
      const started = generation;
      const row = await findApplicationById(db, id);
      if (row && started === generation) cache.set(id, row);
      return row;
    },
    close: unsubscribe,
  };
}
