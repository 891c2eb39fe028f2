import type { ChangeBus } from '../storage/change-bus.ts';
import type { Db } from '../storage/db.ts';
import { findUserById } from '../storage/repositories/users.ts';
import type { UserRow } from '../storage/schema.ts';

export interface UserDirectory {
  byId(id: string): Promise<UserRow | undefined>;
  close(): void;
}

/**
 * User rows for oidc-provider's findAccount (every refresh and code exchange), kept in memory
 * and dropped on any user or RBAC change in any process, so a suspension or deletion takes
 * effect at once. Bounded; unknown ids are not cached. `lastSignInAt` may lag (sign-in does
 * not announce it): it is informational only.
 */
export function createUserDirectory(db: Db, changes: ChangeBus, maxEntries = 50_000): UserDirectory {
  const cache = new Map<string, UserRow>();
  let generation = 0;
  const unsubscribe = changes.subscribe((topic) => {
    if (topic === 'users' || topic === 'rbac' || topic === '*') {
      generation += 1;
      cache.clear();
    }
  });
  return {
    async byId(id) {
      const hit = cache.get(id);
      if (hit) return hit;
      const started = generation;
      const row = await findUserById(db, id);
      if (row && started === generation) {
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
        cache.set(id, row);
      }
      return row;
    },
    close: unsubscribe,
  };
}
