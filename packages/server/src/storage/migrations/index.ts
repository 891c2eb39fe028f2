import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026_11_28_00_00_00_initial.ts';
import * as usernameLowerIndex from './2026_12_01_00_00_00_users_username_lower_index.ts';

// A static list rather than FileMigrationProvider: the same list works from src (tests, tsx)
// and from dist, and a bundler can see every migration.
const migrations: Record<string, Migration> = {
  '2026_11_28_00_00_00_initial': initial,
  '2026_12_01_00_00_00_users_username_lower_index': usernameLowerIndex,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
