import type { ChangeBus } from '../storage/change-bus.ts';
import type { Db } from '../storage/db.ts';
import { findResourceByIndicator } from '../storage/repositories/resources.ts';
import type { ResourceRow } from '../storage/schema.ts';

export interface ResourceDirectory {
  /** The resource with this indicator, from memory after the first lookup. */
  byIndicator(indicator: string): Promise<ResourceRow | undefined>;
  /** Names of every scope the resource defines. */
  scopeNames(resourceId: string): Promise<Set<string>>;
  close(): void;
}

/** Resource lookups on the token hot path; dropped on any resource change (all processes). */
export function createResourceDirectory(db: Db, changes: ChangeBus): ResourceDirectory {
  const cache = new Map<string, ResourceRow | undefined>();
  const scopes = new Map<string, Set<string>>();
  let generation = 0;
  const unsubscribe = changes.subscribe((topic) => {
    if (topic === 'resources' || topic === 'rbac' || topic === '*') {
      generation += 1;
      cache.clear();
      scopes.clear();
    }
  });
  return {
    async byIndicator(indicator) {
      if (cache.has(indicator)) return cache.get(indicator);
      const started = generation;
      const row = await findResourceByIndicator(db, indicator);
      // Unknown indicators are not cached: the cache can't be grown by probing.
      if (row && started === generation) cache.set(indicator, row);
      return row;
    },
    async scopeNames(resourceId) {
      const hit = scopes.get(resourceId);
      if (hit) return hit;
      const started = generation;
      const rows = await db.selectFrom('scopes').select('name').where('resourceId', '=', resourceId).execute();
      const names = new Set(rows.map((r) => r.name));
      if (started === generation) scopes.set(resourceId, names);
      return names;
    },
    close: unsubscribe,
  };
}
