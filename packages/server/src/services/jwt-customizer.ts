import type { HasuraClaimsFormat, JwtCustomizerDto, JwtCustomizerTokenType } from '@gatehouse/client/dto';
import { NotFoundError } from '../domain/errors.ts';
import { deleteSetting, findSetting, upsertSetting } from '../storage/repositories/settings.ts';
import type { ServiceDeps } from './deps.ts';

// The stored configuration is the wire type (the SDK's): one declaration for server and console.
export type TokenType = JwtCustomizerTokenType;
export type ClaimsFormat = HasuraClaimsFormat;
export type JwtCustomizerConfig = JwtCustomizerDto;

const key = (type: TokenType) => `jwt-customizer:${type}`;

export interface JwtCustomizerStore {
  get(type: TokenType): Promise<JwtCustomizerConfig | undefined>;
  close(): void;
}

/** The stored scripts, read from memory on the token hot path; dropped on change (all processes). */
export function createJwtCustomizerStore(deps: ServiceDeps): JwtCustomizerStore {
  const cache = new Map<TokenType, Promise<JwtCustomizerConfig | undefined>>();
  const unsubscribe = deps.changes.subscribe((topic) => {
    if (topic === 'jwt-customizer' || topic === '*') cache.clear();
  });
  return {
    get(type) {
      // The change feed is down: another process's edit could be missed, so read through.
      if (!deps.changes.healthy()) return findSetting<JwtCustomizerConfig>(deps.db, key(type));
      let hit = cache.get(type);
      if (!hit) {
        hit = findSetting<JwtCustomizerConfig>(deps.db, key(type));
        hit.catch(() => cache.delete(type));
        cache.set(type, hit);
      }
      return hit;
    },
    close: unsubscribe,
  };
}

export async function getJwtCustomizer(deps: ServiceDeps, type: TokenType): Promise<JwtCustomizerConfig> {
  const config = await findSetting<JwtCustomizerConfig>(deps.db, key(type));
  if (!config) throw new NotFoundError(`No custom JWT claims script is configured for ${type} tokens.`);
  return config;
}

export async function putJwtCustomizer(deps: ServiceDeps, type: TokenType, config: JwtCustomizerConfig): Promise<JwtCustomizerConfig> {
  await upsertSetting(deps.db, key(type), config);
  await deps.changes.publish('jwt-customizer');
  return config;
}

export async function patchJwtCustomizer(
  deps: ServiceDeps,
  type: TokenType,
  patch: Partial<JwtCustomizerConfig>,
): Promise<JwtCustomizerConfig> {
  const current = await getJwtCustomizer(deps, type);
  // An edited script is no longer the preset's (the claim location may have changed).
  const next = { ...current, ...patch, ...(patch.script !== undefined && patch.script !== current.script ? { preset: undefined } : {}) };
  return putJwtCustomizer(deps, type, next);
}

export async function deleteJwtCustomizer(deps: ServiceDeps, type: TokenType): Promise<void> {
  await getJwtCustomizer(deps, type);
  await deleteSetting(deps.db, key(type));
  await deps.changes.publish('jwt-customizer');
}
