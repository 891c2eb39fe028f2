import { DEFAULT_SIGN_IN_EXPERIENCE, effectiveSentinelPolicy, type SignInExperience } from '../../domain/accounts/sign-in-experience.ts';
import { DEFAULT_PASSWORD_POLICY } from '../../domain/accounts/password-policy.ts';
import { findSignInExperienceDocument } from '../../storage/repositories/sign-in-experience.ts';
import { createChangeCache } from '../change-cache.ts';
import type { ServiceDeps } from '../deps.ts';

export interface SignInExperienceStore {
  /** The current settings (cached; every process drops its copy when any process saves). */
  get(): Promise<SignInExperience>;
  /** The sign-in lockout in force: sentinelPolicy, with SIGN_IN_MAX_FAILURES / SIGN_IN_LOCKOUT_SECONDS as defaults. */
  lockout(): Promise<{ maxFailures: number; lockoutSeconds: number }>;
  close(): void;
}

/**
 * A stored document over the defaults: fields saved by an older version, or never saved,
 * read as their defaults, so a new field never needs a data migration.
 */
export function withDefaults(stored: Record<string, unknown> | undefined): SignInExperience {
  const doc = (stored ?? {}) as Partial<SignInExperience>;
  const policy = doc.passwordPolicy ?? DEFAULT_PASSWORD_POLICY;
  return {
    ...DEFAULT_SIGN_IN_EXPERIENCE,
    ...doc,
    id: 'default',
    passwordPolicy: {
      length: { ...DEFAULT_PASSWORD_POLICY.length, ...policy.length },
      characterTypes: { ...DEFAULT_PASSWORD_POLICY.characterTypes, ...policy.characterTypes },
      rejects: { ...DEFAULT_PASSWORD_POLICY.rejects, ...policy.rejects },
    },
  };
}

export function createSignInExperienceStore(deps: ServiceDeps): SignInExperienceStore {
  const cache = createChangeCache<SignInExperience>({
    changes: deps.changes,
    topics: ['sign-in-experience'],
    load: async () => withDefaults(await findSignInExperienceDocument(deps.db)),
    maxEntries: 1,
  });
  const get = () => cache.get('default');
  return {
    get,
    async lockout() {
      return effectiveSentinelPolicy((await get()).sentinelPolicy, deps.config.signIn);
    },
    close: () => cache.close(),
  };
}
