import { flattenTranslation, resolvePhrases, type Phrases } from '../domain/accounts/phrases/index.ts';
import { NotFoundError } from '../domain/errors.ts';
import * as repo from '../storage/repositories/custom-phrases.ts';
import type { ServiceDeps } from './deps.ts';
import type { SignInExperienceStore } from './sign-in-experience/store.ts';

/** Logto's custom phrase: `{ id, languageTag, translation }` (translation nested as Logto's phrases are). */
export interface CustomPhrase {
  id: string;
  languageTag: string;
  translation: Record<string, unknown>;
}

const toCustomPhrase = (row: repo.CustomPhraseRow): CustomPhrase => ({ id: row.languageTag.toLowerCase(), ...row });

export async function listCustomPhrases(deps: ServiceDeps): Promise<CustomPhrase[]> {
  return (await repo.listCustomPhrases(deps.db)).map(toCustomPhrase);
}

export async function getCustomPhrase(deps: ServiceDeps, languageTag: string): Promise<CustomPhrase> {
  const row = await repo.findCustomPhrase(deps.db, languageTag);
  if (!row) throw new NotFoundError(`No custom phrases for ${languageTag}.`);
  return toCustomPhrase(row);
}

/** Logto's PUT: the translation replaces the stored one for that language. */
export async function upsertCustomPhrase(
  deps: ServiceDeps,
  languageTag: string,
  translation: Record<string, unknown>,
): Promise<CustomPhrase> {
  await repo.saveCustomPhrase(deps.db, { languageTag, translation });
  return getCustomPhrase(deps, languageTag);
}

export async function deleteCustomPhrase(deps: ServiceDeps, languageTag: string): Promise<void> {
  if (!(await repo.deleteCustomPhrase(deps.db, languageTag))) throw new NotFoundError(`No custom phrases for ${languageTag}.`);
}

/** The hosted pages' language and phrases for a request's languages (see resolvePhrases). */
export async function phrasesFor(
  deps: ServiceDeps & { signInExperience: SignInExperienceStore },
  requested: string | undefined,
): Promise<{ languageTag: string; phrases: Phrases }> {
  const { languageInfo } = await deps.signInExperience.get();
  const custom = new Map(
    (await repo.listCustomPhrases(deps.db)).map((r) => [r.languageTag.toLowerCase(), flattenTranslation(r.translation)]),
  );
  return resolvePhrases({ requested, ...languageInfo }, custom);
}
