import type { Db } from '../db.ts';
import { findSetting, upsertSetting } from './settings.ts';

// The sign-in experience is one JSON document in `settings` (one per install, as Logto's
// single "default" row); the service owns its shape and defaults.
const KEY = 'sign-in-experience';

export function findSignInExperienceDocument(db: Db): Promise<Record<string, unknown> | undefined> {
  return findSetting<Record<string, unknown>>(db, KEY);
}

export function saveSignInExperienceDocument(db: Db, value: Record<string, unknown>): Promise<void> {
  return upsertSetting(db, KEY, value);
}
