import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.ts';
import { silentLogger } from '../logger.ts';
import { createLocalChangeBus, type ChangeBus } from '../storage/change-bus.ts';
import { openDb, type Db } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { upsertSetting } from '../storage/repositories/settings.ts';
import { createJwtCustomizerStore, type JwtCustomizerConfig } from './jwt-customizer.ts';

describe('createJwtCustomizerStore', () => {
  let db: Db;
  let up: boolean;
  let changes: ChangeBus;
  const script = (s: string) => ({ script: s, environmentVariables: {} }) as unknown as JwtCustomizerConfig;

  beforeEach(async () => {
    db = openDb({ dialect: 'sqlite', path: ':memory:' });
    await migrateToLatest(db);
    up = true;
    changes = { ...createLocalChangeBus(), healthy: () => up };
  });
  afterEach(() => db.destroy());

  it('answers from memory only what a load still current produced, and nothing while the feed is down', async () => {
    const store = createJwtCustomizerStore({ config: loadConfig({}), db, logger: silentLogger(), changes });
    expect(store.cached('access-token')).toBeUndefined();
    expect(await store.get('access-token')).toBeUndefined();
    // "No script" is an answer too.
    expect(store.cached('access-token')).toEqual({ config: undefined });

    await upsertSetting(db, 'jwt-customizer:access-token', script('one'));
    const stale = store.get('access-token'); // a hit: the cached "no script"
    await changes.publish('jwt-customizer');
    expect(store.cached('access-token')).toBeUndefined();
    // A load that started before a change never becomes the answer from memory.
    const before = store.get('access-token');
    await changes.publish('jwt-customizer');
    await upsertSetting(db, 'jwt-customizer:access-token', script('two'));
    await before;
    await stale;
    expect(store.cached('access-token')).toBeUndefined();
    expect((await store.get('access-token'))?.script).toBe('two');
    expect(store.cached('access-token')?.config?.script).toBe('two');

    up = false;
    expect(store.cached('access-token')).toBeUndefined();
    store.close();
  });
});
