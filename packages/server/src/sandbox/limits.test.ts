import { afterAll, describe, expect, it } from 'vitest';
import { createScriptRunner, defaultScriptLimits } from './index.ts';
import { importedMemoryMinimum } from './instance.ts';
import { resolveLimits } from './limits.ts';

const runner = createScriptRunner({ timeoutMs: 5_000 });
afterAll(() => runner.close());

const input = { token: {}, context: {}, environmentVariables: {} };
const script = (body: string): string => `const getCustomJwtClaims = async () => {\n${body}\n};`;

describe('resolveLimits', () => {
  it('layers per-run limits over runner defaults over the built-in defaults, fetch field by field', () => {
    const limits = resolveLimits({ timeoutMs: 200, fetch: { enabled: true } }, { memoryBytes: 8 * 1024 * 1024, fetch: { timeoutMs: 50 } });
    expect(limits).toEqual({
      ...defaultScriptLimits,
      timeoutMs: 200,
      memoryBytes: 8 * 1024 * 1024,
      fetch: { ...defaultScriptLimits.fetch, enabled: true, timeoutMs: 50 },
    });
  });

  it('clamps values outside the supported ranges and ignores non-numbers', () => {
    const limits = resolveLimits({
      timeoutMs: -5,
      memoryBytes: 10,
      stackBytes: 64 * 1024 * 1024,
      maxOutputBytes: Number.NaN,
      fetch: { maxResponseBytes: 1e12 },
    });
    expect(limits).toMatchObject({
      timeoutMs: 1,
      memoryBytes: 1024 * 1024,
      stackBytes: 256 * 1024,
      maxOutputBytes: defaultScriptLimits.maxOutputBytes,
      fetch: { maxResponseBytes: 8 * 1024 * 1024 },
    });
  });
});

describe('limits in the runner', () => {
  it('stops a loop inside its time limit', async () => {
    const started = performance.now();
    const result = await runner.run(script('for (;;) {}'), input, { timeoutMs: 100 });
    expect(result).toMatchObject({ ok: false, kind: 'timeout', message: expect.stringContaining('within 100 ms') });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('applies a lower memory limit per run', async () => {
    const body = "const parts = []; for (let i = 0; i < 64; i++) parts.push('x'.repeat(256 * 1024) + i); return { n: parts.length };";
    expect(await runner.run(script(body), input)).toMatchObject({ ok: true, claims: { n: 64 } });
    expect(await runner.run(script(body), input, { memoryBytes: 4 * 1024 * 1024 })).toMatchObject({
      ok: false,
      kind: 'memory',
      message: 'The script ran out of memory (limit 4 MiB)',
    });
  });

  it.each([
    ['typed arrays', 'const keep = []; for (;;) keep.push(new Uint8Array(1024 * 1024));'],
    ['large strings', "const keep = []; for (;;) keep.push(JSON.stringify('y'.repeat(1024 * 1024) + keep.length));"],
  ])('caps large allocations (%s), which QuickJS alone does not count, at the memory limit', async (_, body) => {
    const result = await runner.run(script(body), input, { timeoutMs: 10_000, memoryBytes: 16 * 1024 * 1024 });
    expect(result).toMatchObject({ ok: false, kind: 'memory', message: 'The script ran out of memory (limit 16 MiB)' });
  });

  it('reads the minimum memory of the QuickJS WebAssembly module from its import section', async () => {
    const { readFile } = await import('node:fs/promises');
    const { createRequire } = await import('node:module');
    const fromQuickJS = createRequire(createRequire(import.meta.url).resolve('quickjs-emscripten'));
    const bytes = await readFile(fromQuickJS.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'));
    expect(importedMemoryMinimum(bytes)).toBe(256);
  });

  it('applies a lower stack limit per run', async () => {
    const body = 'const down = (n) => (n === 0 ? 0 : 1 + down(n - 1)); return { depth: down(1000) };';
    expect(await runner.run(script(body), input)).toMatchObject({ ok: true, claims: { depth: 1000 } });
    expect(await runner.run(script(body), input, { stackBytes: 32 * 1024 })).toMatchObject({
      ok: false,
      kind: 'memory',
      message: expect.stringContaining('limit 32 KiB'),
    });
  });

  it('stops heavy built-in loops that outrun the interrupt by terminating their worker', async () => {
    // Each iteration is a few bytecodes but tens of milliseconds of native work, so QuickJS's
    // interrupt (polled every ~10k bytecodes) would fire minutes late; the pool's watchdog steps in.
    const body = "const text = 'x'.repeat(1e6); for (;;) text.split('');";
    const started = performance.now();
    const result = await runner.run(script(body), input, { timeoutMs: 100 });
    expect(result).toMatchObject({ ok: false, kind: 'timeout' });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await runner.run(script('return { alive: true };'), input)).toMatchObject({ ok: true });
  });

  it('keeps the event loop and other scripts moving while one script runs away', async () => {
    const events: string[] = [];
    const runaway = runner.run(script('for (;;) {}'), input, { timeoutMs: 3_000 }).then(() => events.push('runaway'));
    const timer = new Promise((resolve) => setTimeout(resolve, 20)).then(() => events.push('timer'));
    const other = runner.run(script('return { ok: 1 };'), input).then(() => events.push('other'));
    await Promise.all([runaway, timer, other]);
    expect(events.at(-1)).toBe('runaway');
  });
});
