import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HasuraFixture } from '../../../server/test/support/seed.ts';

export interface ServerProcess {
  endpoint: string;
  issuer: string;
  fx: HasuraFixture;
  stop: () => Promise<void>;
}

/** Starts ./server-process.ts under tsx and waits for its JSON line. */
export function spawnServer(redirectOrigin: string): Promise<ServerProcess> {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  // Not `new URL(...)`: under jsdom the global URL is jsdom's, which node:url does not accept.
  const script = join(dirname(fileURLToPath(import.meta.url)), 'server-process.ts');
  const child = spawn(process.execPath, ['--import', tsx, script, redirectOrigin], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before it was ready`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (!out.includes('\n') || !line) return;
      resolve({
        ...(JSON.parse(line) as Omit<ServerProcess, 'stop'>),
        stop: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
  });
}
