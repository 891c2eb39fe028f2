import type { ChangeBus, ChangeTopic } from '../storage/change-bus.ts';

/** Plain functions (no `this`), so callers can hand them on. */
export interface ChangeCache<V> {
  get: (key: string) => Promise<V>;
  /**
   * The cached value, without a promise: for hot paths that answer synchronously on a hit and
   * call `get` on `undefined` (not cached, or the change feed is down: then nothing is trusted).
   */
  peek: (key: string) => V | undefined;
  close: () => void;
}

/**
 * A read-through cache for hot-path lookups, emptied whenever one of `topics` (or `*`) is
 * announced on the change bus, in this process or another.
 * Invariant: a load that started before an invalidation never fills the cache afterwards (the
 * generation check), so a removed role or a suspended user can't come back from a slow query.
 * Values `keep` rejects (by default `undefined`: unknown ids) are not cached, so probing with
 * random keys cannot grow it; it is bounded by `maxEntries` (oldest first).
 * While the bus is not healthy (another process's change could be missed), every get reads
 * through and nothing is cached: correct answers at the cost of one query each.
 */
export function createChangeCache<V>(input: {
  changes: ChangeBus;
  topics: readonly ChangeTopic[];
  load: (key: string) => Promise<V>;
  keep?: (value: V) => boolean;
  maxEntries?: number;
}): ChangeCache<V> {
  const { load, keep = (v) => v !== undefined, maxEntries = 50_000 } = input;
  const cache = new Map<string, V>();
  let generation = 0;
  const close = input.changes.subscribe((topic) => {
    if (topic === '*' || input.topics.includes(topic)) {
      generation += 1;
      cache.clear();
    }
  });
  return {
    async get(key) {
      if (!input.changes.healthy()) return load(key);
      if (cache.has(key)) return cache.get(key)!;
      const started = generation;
      const value = await load(key);
      if (started === generation && keep(value)) {
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
        cache.set(key, value);
      }
      return value;
    },
    peek: (key) => (input.changes.healthy() ? cache.get(key) : undefined),
    close,
  };
}
