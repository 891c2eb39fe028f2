import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026_11_28_00_00_00_initial.ts';

// A static list rather than FileMigrationProvider: the same list works from src (tests, tsx)
// and from dist, and a bundler can see every migration.
const migrations: Record<string, Migration> = {
  '2026_11_28_00_00_00_initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
