import type { Db } from '../db.ts';
import { deleteSetting, findSetting, upsertSetting } from './settings.ts';

// Custom phrases are one JSON document per language in `settings` (few, small, read per page).
const PREFIX = 'custom-phrases:';

export interface CustomPhraseRow {
  languageTag: string;
  translation: Record<string, unknown>;
}

export async function listCustomPhrases(db: Db): Promise<CustomPhraseRow[]> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', `${PREFIX}%`).orderBy('key').execute();
  return rows.map((r) => JSON.parse(r.value) as CustomPhraseRow);
}

export function findCustomPhrase(db: Db, languageTag: string): Promise<CustomPhraseRow | undefined> {
  return findSetting<CustomPhraseRow>(db, `${PREFIX}${languageTag.toLowerCase()}`);
}

export function saveCustomPhrase(db: Db, row: CustomPhraseRow): Promise<void> {
  return upsertSetting(db, `${PREFIX}${row.languageTag.toLowerCase()}`, row);
}

export async function deleteCustomPhrase(db: Db, languageTag: string): Promise<boolean> {
  if (!(await findCustomPhrase(db, languageTag))) return false;
  await deleteSetting(db, `${PREFIX}${languageTag.toLowerCase()}`);
  return true;
}
