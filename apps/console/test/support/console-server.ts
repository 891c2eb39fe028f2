import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { startTestServer, type TestServer } from '../../../../packages/server/test/support/server.ts';

const consoleDir = join(import.meta.dirname, '../..');

/** Builds apps/console/dist when it is missing (or CONSOLE_REBUILD=1), the way `npm run build` would. */
export async function ensureConsoleBuilt(): Promise<void> {
  if (existsSync(join(consoleDir, 'dist', 'index.html')) && process.env.CONSOLE_REBUILD !== '1') return;
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(consoleDir, 'vite.config.ts'), root: consoleDir, mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };

export const MAX_FAILURES = 3;

export function startConsoleServer(): Promise<TestServer> {
  // A low sign-in failure limit, so the suite can lock a user out quickly; a script time
  // limit that a busy CI machine's cold sandbox worker stays within (the suite tests the
  // console, not the sandbox's limits).
  return startTestServer('sqlite', {
    env: {
      BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      SIGN_IN_MAX_FAILURES: String(MAX_FAILURES),
      SCRIPT_TIMEOUT_MS: '10000',
    },
  });
}

/**
 * Which endpoints of the contract this server has. They land in parallel with the console; a
 * missing route answers 404 while an existing one rejects an empty body with 400.
 */
export async function probeFeatures(server: TestServer) {
  const exists = async (method: string, path: string) => (await server.api(method, path, method === 'GET' ? undefined : {})).status !== 404;
  const [customizer, scriptTest, preset, jwtSecret, doctor] = await Promise.all([
    exists('PUT', '/configs/jwt-customizer/access-token'),
    exists('POST', '/configs/jwt-customizer/test'),
    exists('PUT', '/configs/jwt-customizer/access-token/presets/hasura'),
    exists('GET', '/hasura/jwt-secret'),
    exists('POST', '/hasura/doctor'),
  ]);
  return { customizer, scriptTest, preset, jwtSecret, doctor };
}
export type Features = Awaited<ReturnType<typeof probeFeatures>>;
