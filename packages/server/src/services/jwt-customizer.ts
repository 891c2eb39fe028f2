import type { JwtCustomizerDto, JwtCustomizerTokenType } from '@gatehouse/client/dto';
import { NotFoundError } from '../domain/errors.ts';
import { deleteSetting, findSetting, upsertSetting } from '../storage/repositories/settings.ts';
import { inTransaction } from '../storage/transaction.ts';
import { SYSTEM, type RequestFacts } from '../domain/request-facts.ts';
import { recordEvent } from './events/record-event.ts';
import type { ServiceDeps } from './deps.ts';

// The stored configuration is the wire type (the SDK's): one declaration for server and console.
export type TokenType = JwtCustomizerTokenType;
export type JwtCustomizerConfig = JwtCustomizerDto;

const key = (type: TokenType) => `jwt-customizer:${type}`;

export interface JwtCustomizerStore {
  get(type: TokenType): Promise<JwtCustomizerConfig | undefined>;
  /**
   * What `get` would answer, from memory and without a promise (the Hasura webhook's steady
   * state), wrapped because "no script" is an answer too; undefined when not loaded yet or while
   * the change feed is down: then await `get`.
   */
  cached(type: TokenType): { config: JwtCustomizerConfig | undefined } | undefined;
  close(): void;
}

/** The stored scripts, read from memory on the token hot path; dropped on change (all processes). */
export function createJwtCustomizerStore(deps: ServiceDeps): JwtCustomizerStore {
  const cache = new Map<TokenType, Promise<JwtCustomizerConfig | undefined>>();
  const loaded = new Map<TokenType, { config: JwtCustomizerConfig | undefined }>();
  const unsubscribe = deps.changes.subscribe((topic) => {
    if (topic === 'jwt-customizer' || topic === '*') {
      cache.clear();
      loaded.clear();
    }
  });
  return {
    get(type) {
      // The change feed is down: another process's edit could be missed, so read through.
      if (!deps.changes.healthy()) return findSetting<JwtCustomizerConfig>(deps.db, key(type));
      let hit = cache.get(type);
      if (!hit) {
        const load = findSetting<JwtCustomizerConfig>(deps.db, key(type));
        hit = load;
        // Only the load still current (no change announced since it started) becomes the answer from memory.
        load.then(
          (config) => {
            if (cache.get(type) === load) loaded.set(type, { config });
          },
          () => cache.delete(type),
        );
        cache.set(type, hit);
      }
      return hit;
    },
    cached: (type) => (deps.changes.healthy() ? loaded.get(type) : undefined),
    close: unsubscribe,
  };
}

export async function getJwtCustomizer(deps: ServiceDeps, type: TokenType): Promise<JwtCustomizerConfig> {
  const config = await findSetting<JwtCustomizerConfig>(deps.db, key(type));
  if (!config) throw new NotFoundError(`No custom JWT claims script is configured for ${type} tokens.`);
  return config;
}

/** Names what changed, never the script or its environment variables (they may hold credentials). */
function changedFields(before: JwtCustomizerConfig | undefined, after: JwtCustomizerConfig | undefined): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter(
    (k) => JSON.stringify(before?.[k as keyof JwtCustomizerConfig]) !== JSON.stringify(after?.[k as keyof JwtCustomizerConfig]),
  );
}

export async function putJwtCustomizer(
  deps: ServiceDeps,
  type: TokenType,
  config: JwtCustomizerConfig,
  facts: RequestFacts = SYSTEM,
): Promise<JwtCustomizerConfig> {
  await inTransaction(deps.db, async (trx) => {
    const before = await findSetting<JwtCustomizerConfig>(trx, key(type));
    await upsertSetting(trx, key(type), config);
    await recordEvent(trx, {
      key: 'JwtCustomizer.Updated',
      facts,
      data: { tokenType: type, action: 'put', changedFields: changedFields(before, config), preset: config.preset ?? null },
      details: { tokenType: type, changedFields: changedFields(before, config) },
    });
  });
  await deps.changes.publish('jwt-customizer');
  return config;
}

export async function patchJwtCustomizer(
  deps: ServiceDeps,
  type: TokenType,
  patch: Partial<JwtCustomizerConfig>,
  facts: RequestFacts = SYSTEM,
): Promise<JwtCustomizerConfig> {
  const current = await getJwtCustomizer(deps, type);
  // An edited script is no longer the preset's (the claim location may have changed).
  const next = { ...current, ...patch, ...(patch.script !== undefined && patch.script !== current.script ? { preset: undefined } : {}) };
  return putJwtCustomizer(deps, type, next, facts);
}

export async function deleteJwtCustomizer(deps: ServiceDeps, type: TokenType, facts: RequestFacts = SYSTEM): Promise<void> {
  await getJwtCustomizer(deps, type);
  await inTransaction(deps.db, async (trx) => {
    await deleteSetting(trx, key(type));
    await recordEvent(trx, {
      key: 'JwtCustomizer.Updated',
      facts,
      data: { tokenType: type, action: 'delete' },
      details: { tokenType: type, deleted: true },
    });
  });
  await deps.changes.publish('jwt-customizer');
}
