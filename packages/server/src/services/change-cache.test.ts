import { describe, expect, it } from 'vitest';
import { createLocalChangeBus } from '../storage/change-bus.ts';
import { createChangeCache } from './change-cache.ts';

describe('createChangeCache', () => {
  it('loads once, then serves from memory until one of its topics is announced', async () => {
    const changes = createLocalChangeBus();
    let loads = 0;
    const cache = createChangeCache({ changes, topics: ['rbac'], load: async (k) => `${k}:${++loads}` });
    expect(await cache.get('a')).toBe('a:1');
    expect(await cache.get('a')).toBe('a:1');
    await changes.publish('keys');
    expect(await cache.get('a')).toBe('a:1');
    await changes.publish('rbac');
    expect(await cache.get('a')).toBe('a:2');
    await changes.publish('*');
    expect(await cache.get('a')).toBe('a:3');
    cache.close();
  });

  it('never keeps a value loaded before an invalidation that happened during the load', async () => {
    const changes = createLocalChangeBus();
    let release!: () => void;
    let value = 'stale';
    const cache = createChangeCache({
      changes,
      topics: ['rbac'],
      load: async () => {
        const v = value;
        await new Promise<void>((r) => (release = r));
        return v;
      },
    });
    const pending = cache.get('k');
    value = 'fresh';
    await changes.publish('rbac');
    release();
    expect(await pending).toBe('stale');
    const next = cache.get('k');
    release();
    expect(await next).toBe('fresh');
  });

  it('does not cache unknown keys, and stays within its bound', async () => {
    const changes = createLocalChangeBus();
    let loads = 0;
    const cache = createChangeCache<string | undefined>({
      changes,
      topics: [],
      maxEntries: 2,
      load: async (k) => (loads++, k === 'x' ? undefined : k),
    });
    await cache.get('x');
    await cache.get('x');
    expect(loads).toBe(2);
    await cache.get('a');
    await cache.get('b');
    await cache.get('c'); // evicts a
    await cache.get('a');
    expect(loads).toBe(6);
  });

  it('reads through while the change feed is down, and caches again once it is back', async () => {
    // Issue 16.2: without the feed another process's change could be missed.
    let up = false;
    const changes = { ...createLocalChangeBus(), healthy: () => up };
    let loads = 0;
    const cache = createChangeCache({ changes, topics: ['rbac'], load: async (k) => `${k}:${++loads}` });
    expect(await cache.get('a')).toBe('a:1');
    expect(await cache.get('a')).toBe('a:2');
    up = true;
    expect(await cache.get('a')).toBe('a:3');
    expect(await cache.get('a')).toBe('a:3');
    up = false;
    expect(await cache.get('a')).toBe('a:4');
    cache.close();
  });

  it('peeks at a cached value without a promise, and at nothing while the feed is down or after a change', async () => {
    let up = true;
    const changes = { ...createLocalChangeBus(), healthy: () => up };
    let loads = 0;
    const cache = createChangeCache({ changes, topics: ['rbac'], load: async (k) => `${k}:${++loads}` });
    expect(cache.peek('a')).toBeUndefined();
    await cache.get('a');
    expect(cache.peek('a')).toBe('a:1');
    // Down: another process's change could be missed, so the hot path must load (read through).
    up = false;
    expect(cache.peek('a')).toBeUndefined();
    up = true;
    expect(cache.peek('a')).toBe('a:1');
    await changes.publish('rbac');
    expect(cache.peek('a')).toBeUndefined();
    cache.close();
  });
});
