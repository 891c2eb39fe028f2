import type { ChangeBus } from '../storage/change-bus.ts';
import type { Db } from '../storage/db.ts';
import { findResourceByIndicator, listScopeNamesOfResource } from '../storage/repositories/resources.ts';
import type { ResourceRow } from '../storage/schema.ts';
import { createChangeCache } from './change-cache.ts';

export interface ResourceDirectory {
  /** The resource with this indicator, from memory after the first lookup. */
  byIndicator(indicator: string): Promise<ResourceRow | undefined>;
  /** Names of every scope the resource defines. */
  scopeNames(resourceId: string): Promise<Set<string>>;
  close(): void;
}

/** Resource lookups on the token hot path; dropped on any resource change (all processes). */
export function createResourceDirectory(db: Db, changes: ChangeBus): ResourceDirectory {
  const topics = ['resources', 'rbac'] as const;
  const resources = createChangeCache({ changes, topics, load: (indicator) => findResourceByIndicator(db, indicator) });
  const scopes = createChangeCache({
    changes,
    topics,
    load: async (resourceId) => new Set(await listScopeNamesOfResource(db, resourceId)),
  });
  return {
    byIndicator: (indicator) => resources.get(indicator),
    scopeNames: (resourceId) => scopes.get(resourceId),
    close() {
      resources.close();
      scopes.close();
    },
  };
}
