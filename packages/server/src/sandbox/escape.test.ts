import { afterAll, describe, expect, it } from 'vitest';
import { mergeCustomClaims } from '../domain/claims/reserved-claims.ts';
import { sampleUserContext, sampleUserToken } from '../domain/claims/sample-context.ts';
import { createScriptRunner, type ScriptResult } from './index.ts';

// Generous by default (CI machines are slow); runaway tests set a short limit per run.
const runner = createScriptRunner({ timeoutMs: 2_000 });
afterAll(() => runner.close());

const input = { token: sampleUserToken(), context: sampleUserContext(), environmentVariables: {} };
const run = (body: string, limits?: Parameters<typeof runner.run>[2]): Promise<ScriptResult> =>
  runner.run(`const getCustomJwtClaims = async ({ token, context, api }) => {\n${body}\n};`, input, limits);

async function expectRunnerStillWorks(): Promise<void> {
  expect(await run('return { alive: true };')).toEqual({ ok: true, claims: { alive: true }, warnings: [] });
}

describe('escape attempts', () => {
  it.each([
    ['process', 'return { env: process.env };', "ReferenceError: 'process' is not defined"],
    ['require', "return { fs: require('fs') };", "ReferenceError: 'require' is not defined"],
    [
      'globalThis.constructor.constructor',
      "return { p: globalThis.constructor.constructor('return process')() };",
      'EvalError: Function constructor is disabled in custom-claims scripts',
    ],
    [
      'a function literal constructor',
      "return { p: (function () {}).constructor('return this')() };",
      'EvalError: Function constructor is disabled in custom-claims scripts',
    ],
    [
      'the async function constructor',
      "return { p: await (async () => {}).constructor('return 1')() };",
      'EvalError: AsyncFunction constructor is disabled in custom-claims scripts',
    ],
    [
      'the generator function constructor',
      "return { p: Object.getPrototypeOf(function* () {}).constructor('yield 1')().next() };",
      'EvalError: GeneratorFunction constructor is disabled in custom-claims scripts',
    ],
    [
      'Reflect.construct on Function',
      "return { p: Reflect.construct(Function, ['return 1'])() };",
      'EvalError: Function constructor is disabled in custom-claims scripts',
    ],
    ['direct eval', "return { p: eval('1 + 1') };", 'EvalError: eval is disabled in custom-claims scripts'],
    ['indirect eval declaring a global', "(0, eval)('let leaked = 1'); return {};", 'EvalError: eval is disabled in custom-claims scripts'],
    ['dynamic import', "return { fs: await import('fs') };", "ReferenceError: could not load module 'fs'"],
  ])('%s fails as kind runtime', async (_, body, message) => {
    expect(await run(body)).toMatchObject({ ok: false, kind: 'runtime', message });
    await expectRunnerStillWorks();
  });

  it('offers no host objects, timers or fetch', async () => {
    const names = [
      'process',
      'require',
      'module',
      'setTimeout',
      'setInterval',
      'queueMicrotask',
      'fetch',
      'Buffer',
      'WeakRef',
      'FinalizationRegistry',
      'std',
      'os',
    ];
    const result = await run(`return Object.fromEntries(${JSON.stringify(names)}.map((name) => [name, typeof globalThis[name]]));`);
    expect(result).toEqual({ ok: true, claims: Object.fromEntries(names.map((name) => [name, 'undefined'])), warnings: [] });
  });

  it('cannot close the wrapper function early and run code outside it', async () => {
    const result = await runner.run('}); globalThis.pwned = 1; (() => {', input);
    expect(result).toMatchObject({ ok: false, kind: 'syntax', line: 1 });
    expect(await run('return { pwned: typeof pwned };')).toMatchObject({ ok: true, claims: { pwned: 'undefined' } });
  });

  it('leaves every object reachable from the global scope and the hidden intrinsics frozen', async () => {
    const result = await run(`
      const roots = [globalThis, Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(async function () {}),
        Object.getPrototypeOf(async function* () {}), Object.getPrototypeOf([][Symbol.iterator]()),
        Object.getPrototypeOf(new Map().entries()), Object.getPrototypeOf(''[Symbol.iterator]()),
        Object.getPrototypeOf([].values().map((x) => x)), getCustomJwtClaims === undefined ? null : Object.getPrototypeOf(getCustomJwtClaims)];
      const seen = new Set(); const open = []; const stack = [...roots];
      while (stack.length) {
        const value = stack.pop();
        if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) continue;
        seen.add(value);
        if (!Object.isFrozen(value)) open.push(String(value && value.name || Object.prototype.toString.call(value)));
        stack.push(Object.getPrototypeOf(value));
        for (const key of Reflect.ownKeys(value)) {
          const desc = Object.getOwnPropertyDescriptor(value, key);
          stack.push(desc.value, desc.get, desc.set);
        }
      }
      return { checked: seen.size, open };`);
    expect(result).toMatchObject({ ok: true, claims: { open: [] } });
    expect((result as unknown as { claims: { checked: number } }).claims.checked).toBeGreaterThan(500);
  });

  it('does not expose the bootstrap through caller or arguments', async () => {
    const result = await runner.run(
      `function getCustomJwtClaims() {
        let caller; try { caller = typeof getCustomJwtClaims.caller; } catch (e) { caller = 'throws'; }
        let callee; try { callee = typeof arguments.callee.caller; } catch (e) { callee = 'throws'; }
        return { caller, callee };
      }`,
      input,
    );
    expect(result).toMatchObject({ ok: true });
    const claims = (result as { claims: Record<string, string> }).claims;
    for (const value of Object.values(claims)) expect(['throws', 'undefined', 'object']).toContain(value);
  });
});

describe('prototype pollution', () => {
  it('does not reach the host through Object.prototype or __proto__ in the returned claims', async () => {
    const result = await run(`
      try { Object.prototype.polluted = 1; } catch {}
      const claims = JSON.parse('{"__proto__": {"polluted": 1}, "a": 1}');
      claims.constructor = { prototype: { polluted: 1 } };
      return claims;`);
    expect(result.ok).toBe(true);
    const claims = (result as { claims: Record<string, unknown> }).claims;
    expect(Object.getPrototypeOf(claims)).toBe(Object.prototype);
    expect(Object.keys(claims)).toEqual(['__proto__', 'a', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const merged = mergeCustomClaims({ sub: 'user_sample' }, claims);
    expect(merged.dropped).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged.claims)).toBe(Object.prototype);
  });

  it('cannot pollute the sandbox for the next call either', async () => {
    await run('try { Object.prototype.polluted = 1; } catch {} try { Array.prototype.includes = () => true; } catch {} return {};');
    expect(await run('return { polluted: ({}).polluted ?? null, includes: [1].includes(2) };')).toMatchObject({
      ok: true,
      claims: { polluted: null, includes: false },
    });
  });
});

describe('runaway scripts', () => {
  it('stops an infinite loop as kind timeout', async () => {
    expect(await run('while (true) {}', { timeoutMs: 300 })).toMatchObject({ ok: false, kind: 'timeout' });
    await expectRunnerStillWorks();
  });

  it('stops while(true){} inside a promise as kind timeout', async () => {
    expect(await run('await new Promise((resolve) => resolve()).then(() => { while (true) {} });', { timeoutMs: 300 })).toMatchObject({
      ok: false,
      kind: 'timeout',
    });
    await expectRunnerStillWorks();
  });

  it('stops a memory bomb as kind memory', async () => {
    const result = await run('const hoard = []; for (;;) hoard.push({ n: hoard.length, list: [1, 2, 3] });', { timeoutMs: 10_000 });
    expect(result).toMatchObject({ ok: false, kind: 'memory', message: expect.stringContaining('out of memory') });
    await expectRunnerStillWorks();
  });

  it('stops unbounded recursion as kind memory with a clear message', async () => {
    const result = await runner.run(
      'function down(n) { return down(n + 1) + 1; }\nconst getCustomJwtClaims = () => ({ depth: down(0) });',
      input,
    );
    expect(result).toMatchObject({
      ok: false,
      kind: 'memory',
      message: expect.stringContaining('Maximum call stack size exceeded'),
      line: 1,
    });
    await expectRunnerStillWorks();
  });

  it('rejects a 10 MB return value as kind output', async () => {
    expect(await run("return { big: 'x'.repeat(10 * 1024 * 1024) };")).toMatchObject({
      ok: false,
      kind: 'output',
      message: 'The returned claims exceed 16384 bytes of JSON',
    });
    await expectRunnerStillWorks();
  });
});
