import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026_11_28_00_00_00_initial.ts';
import * as usernameLowerIndex from './2026_12_01_00_00_00_users_username_lower_index.ts';
import * as organizations from './2026_12_01_10_00_00_organizations.ts';
import * as signInExperience from './2026_12_01_11_00_00_sign_in_experience.ts';
import * as events from './2026_12_01_12_00_00_events.ts';
import * as mfa from './2026_12_01_13_00_00_mfa.ts';
import * as accountApi from './2026_12_02_10_00_00_account_api.ts';
import * as connectors from './2026_12_03_10_00_00_connectors.ts';
import * as subjectTokens from './2026_12_04_10_00_00_subject_tokens.ts';
import * as verificationRecordPayload from './2026_12_05_10_00_00_verification_record_payload.ts';

// A static list rather than FileMigrationProvider: the same list works from src (tests, tsx)
// and from dist, and a bundler can see every migration.
const migrations: Record<string, Migration> = {
  '2026_11_28_00_00_00_initial': initial,
  '2026_12_01_00_00_00_users_username_lower_index': usernameLowerIndex,
  '2026_12_01_10_00_00_organizations': organizations,
  '2026_12_01_11_00_00_sign_in_experience': signInExperience,
  '2026_12_01_12_00_00_events': events,
  '2026_12_01_13_00_00_mfa': mfa,
  '2026_12_02_10_00_00_account_api': accountApi,
  '2026_12_03_10_00_00_connectors': connectors,
  '2026_12_04_10_00_00_subject_tokens': subjectTokens,
  '2026_12_05_10_00_00_verification_record_payload': verificationRecordPayload,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
