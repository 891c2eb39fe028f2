/**
 * Per-call cost of the sandbox, for the README's table. Not part of the server:
 *   node --import tsx packages/server/src/sandbox/measure.ts
 *
 * "inline" runs QuickJS on this thread (what a main-thread design would cost); "pool" is
 * the shipped runner (QuickJS in worker threads).
 */
import { readFileSync } from 'node:fs';
import { hasuraPresetScript } from '../domain/hasura/preset.ts';
import { sampleMachineContext, sampleMachineToken } from '../domain/claims/sample-context.ts';
import { SandboxEngine } from './engine.ts';
import { resolveLimits } from './limits.ts';
import { createScriptRunner } from './runner.ts';

const trivial = 'const getCustomJwtClaims = async ({ token }) => ({ tenant: "acme", client: token.clientId });';
const preset = hasuraPresetScript({ format: 'json', tokenKind: 'machine' });
const input = {
  token: sampleMachineToken(),
  context: sampleMachineContext(),
  environmentVariables: { USER_DEFAULT_ROLE_NAMES: 'user:reader' },
};
const limits = resolveLimits();
const inputJson = (): string =>
  JSON.stringify({ m: limits.maxOutputBytes, t: input.token, c: input.context, e: input.environmentVariables });

// Other work on a shared machine only ever adds time: report the best of three rounds.
const rounds = 3;

/**
 * CPU time of this (the main) thread in ms. Linux's schedstat counts only time actually on a
 * CPU, so unlike event-loop utilisation it is not inflated when other processes compete.
 */
function mainThreadCpuMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return performance.eventLoopUtilization().active;
  }
}

async function timeLoop(label: string, calls: number, body: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 500; i++) await body();
  let wall = Number.POSITIVE_INFINITY;
  let busy = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const cpu = mainThreadCpuMs();
    const started = performance.now();
    for (let i = 0; i < calls; i++) await body();
    wall = Math.min(wall, ((performance.now() - started) * 1000) / calls);
    busy = Math.min(busy, ((mainThreadCpuMs() - cpu) * 1000) / calls);
  }
  console.log(`${label.padEnd(44)} ${wall.toFixed(1).padStart(6)} µs/call wall, ${busy.toFixed(1)} µs/call main-thread CPU`);
}

async function concurrent(label: string, run: () => Promise<unknown>, calls = 20_000, inFlight = 32): Promise<void> {
  for (let i = 0; i < 1000; i++) await run();
  let wall = Number.POSITIVE_INFINITY;
  let busy = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const cpu = mainThreadCpuMs();
    const started = performance.now();
    let batch: Array<Promise<unknown>> = [];
    for (let i = 0; i < calls; i++) {
      batch.push(run());
      if (batch.length >= inFlight) {
        await Promise.all(batch);
        batch = [];
      }
    }
    await Promise.all(batch);
    wall = Math.min(wall, ((performance.now() - started) * 1000) / calls);
    busy = Math.min(busy, ((mainThreadCpuMs() - cpu) * 1000) / calls);
  }
  console.log(`${label.padEnd(44)} ${wall.toFixed(1).padStart(6)} µs/call wall, ${busy.toFixed(1)} µs/call main-thread CPU`);
}

console.log(`input: ${inputJson().length} bytes of JSON`);
const engine = new SandboxEngine(8);
for (const [name, script] of [
  ['trivial', trivial],
  ['hasura preset', preset],
] as const) {
  await timeLoop(`inline (main thread), ${name}`, 20_000, () =>
    engine.run({ script, inputJson: inputJson(), limits, startedAt: performance.now() }),
  );
}
engine.close();

const runner = createScriptRunner();
for (const [name, script] of [
  ['trivial', trivial],
  ['hasura preset', preset],
] as const) {
  await timeLoop(`pool, one call at a time, ${name}`, 5_000, () => runner.run(script, input));
  await concurrent(`pool, 32 in flight, ${name}`, () => runner.run(script, input));
}
await runner.close();
