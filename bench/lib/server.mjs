// Starts Gatehouse (or the baseline server) as a separate OS process on loopback and waits
// until it answers; stops it by pid only.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { memory } from './proc.mjs';

export const root = join(import.meta.dirname, '../..');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Which server code runs:
 * - 'dist':  packages/server/dist/main.js, what `npm start` runs (needs `npm run build`);
 * - 'build': the same compiled JavaScript, emitted by tsc (no type check) into bench/.build
 *            for this run, so the bench never writes into packages/ and never runs stale code;
 * - 'src':   the TypeScript sources through tsx, like the tests (slower start, more memory).
 * 'auto' is 'dist' when it is newer than every source file, else 'build'.
 */
export function resolveServerMode(requested) {
  const distMain = join(root, 'packages/server/dist/main.js');
  if (requested === 'src' || requested === 'build') return requested;
  const distFresh = existsSync(distMain) && statSync(distMain).mtimeMs >= newestMtime(join(root, 'packages/server/src'));
  if (requested === 'dist') {
    if (!existsSync(distMain)) throw new Error('--server dist: packages/server/dist/main.js is missing; run `npm run build` first');
    if (!distFresh) process.stderr.write('warning: packages/server/dist is older than src; run `npm run build`\n');
    return 'dist';
  }
  return distFresh ? 'dist' : 'build';
}

const buildDir = join(root, 'bench/.build/server');

/** Emits packages/server/src as JavaScript into bench/.build/server (tsc, no type check). */
export function buildServer() {
  rmSync(buildDir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      'packages/server/tsconfig.json',
      '--outDir',
      buildDir,
      '--rootDir',
      'packages/server/src',
      '--composite',
      'false',
      '--incremental',
      'false',
      '--declaration',
      'false',
      '--declarationMap',
      'false',
      '--sourceMap',
      'false',
      '--noCheck',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (!existsSync(join(buildDir, 'main.js'))) throw new Error('tsc emitted no bench/.build/server/main.js');
}

async function waitFor(url, child, output, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited early (${child.exitCode ?? child.signalCode}):\n${output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) return performance.now();
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${timeoutMs} ms:\n${output()}`);
    }
    await sleep(10);
  }
}

function track(child, logPath) {
  let tail = '';
  const log = logPath ? createWriteStream(logPath) : undefined;
  const onData = (d) => {
    tail = (tail + d).slice(-8000);
    log?.write(d);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return () => tail;
}

async function stopChild(child, timeoutMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts Gatehouse: `node [--cpu-prof] --import tsx packages/server/src/main.ts` (or the built
 * dist/main.js) with a bootstrap admin app. Returns the time from spawn to the first 200 from
 * /ready (polled every 10 ms) and the idle RSS shortly after.
 */
export async function startGatehouse({ databaseUrl, mode, admin, logPath, profileDir, perf = false, env = {} }) {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const nodeArgs = [];
  if (profileDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  if (perf) nodeArgs.push('--perf-basic-prof-only-functions', '--interpreted-frames-native-stack');
  if (mode.startsWith('main:')) nodeArgs.push(mode.slice('main:'.length));
  else if (mode === 'dist') nodeArgs.push('packages/server/dist/main.js');
  else if (mode === 'build') nodeArgs.push(join(buildDir, 'main.js'));
  else nodeArgs.push('--import', 'tsx', 'packages/server/src/main.ts');
  const t0 = performance.now();
  const child = spawn(process.execPath, nodeArgs, {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ENDPOINT: endpoint,
      DATABASE_URL: databaseUrl,
      BOOTSTRAP_ADMIN_CLIENT_ID: admin.clientId,
      BOOTSTRAP_ADMIN_CLIENT_SECRET: admin.clientSecret,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = track(child, logPath);
  const readyAt = await waitFor(`${endpoint}/ready`, child, output, 60_000);
  const readyMs = readyAt - t0;
  await sleep(500);
  const idle = memory(child.pid);
  return {
    pid: child.pid,
    endpoint,
    readyMs,
    idleRssMb: idle.rssMb,
    output,
    stop: () => stopChild(child),
  };
}

export async function startBaseline() {
  const port = await freePort();
  const child = spawn(process.execPath, [join(import.meta.dirname, 'baseline-server.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = track(child);
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor(`${endpoint}/`, child, output, 10_000);
  return { pid: child.pid, endpoint, stop: () => stopChild(child) };
}
