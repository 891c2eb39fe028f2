import { languageCandidates } from '../email-templates.ts';
import { de } from './de.ts';
import { en, type PhraseKey, type Phrases } from './en.ts';

export type { PhraseKey, Phrases };

/** Built-in languages of the hosted pages: one file each, every one with en's keys. */
const BUILT_IN: Record<string, Phrases> = { en, de };

/** Logto's custom phrases are nested ({ action: { sign_in: '…' } }); ours are flat dotted keys. */
export function flattenTranslation(translation: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (!translation || typeof translation !== 'object') return out;
  for (const [key, value] of Object.entries(translation)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flattenTranslation(value, path));
  }
  return out;
}

/**
 * The language of the pages and the phrases in it: the first of the request's languages
 * (ui_locales, else Accept-Language; only when autoDetect) that is built in or has custom
 * phrases, else the fallback language; custom phrases override built-in ones key by key.
 */
export function resolvePhrases(
  input: { requested: string | undefined; autoDetect: boolean; fallbackLanguage: string },
  custom: ReadonlyMap<string, Record<string, string>>,
): { languageTag: string; phrases: Phrases } {
  const has = (tag: string) => BUILT_IN[tag.toLowerCase()] !== undefined || custom.has(tag.toLowerCase());
  const candidates = languageCandidates(input.autoDetect ? input.requested : undefined, input.fallbackLanguage);
  const languageTag = candidates.find(has) ?? 'en';
  const base = BUILT_IN[languageTag.toLowerCase()] ?? BUILT_IN[languageTag.split('-')[0].toLowerCase()] ?? en;
  const overrides = custom.get(languageTag.toLowerCase()) ?? {};
  const phrases = { ...base };
  for (const key of Object.keys(en) as PhraseKey[]) if (typeof overrides[key] === 'string') phrases[key] = overrides[key];
  return { languageTag, phrases };
}

/** `{{name}}` placeholders filled from `values` (the caller escapes for HTML). */
export function fillPhrase(phrase: string, values: Record<string, string | number> = {}): string {
  return phrase.replace(/\{\{\s*(\w+)\s*\}\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}
