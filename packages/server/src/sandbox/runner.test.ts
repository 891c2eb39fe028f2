import { afterAll, describe, expect, it } from 'vitest';
import { demoReaderRole, sampleUserContext, sampleUserToken } from '../domain/claims/sample-context.ts';
import { createScriptRunner, defaultScriptLimits, type ScriptInput } from './index.ts';

const runner = createScriptRunner();
afterAll(() => runner.close());

const input = (overrides: Partial<ScriptInput> = {}): ScriptInput => ({
  token: sampleUserToken(),
  context: sampleUserContext(),
  environmentVariables: { USER_DEFAULT_ROLE_NAMES: 'user:maintainer, user:reader' },
  ...overrides,
});

// The example from Logto's Hasura guide, unchanged.
const logtoHasuraScript = `
const getCustomJwtClaims = async ({ token, context, environmentVariables }) => {
  const getUserRoles = () => context.user.roles.map((role) => role.name);
  const defaultRoleNames = environmentVariables.USER_DEFAULT_ROLE_NAMES?.split(',').map((name) => name.trim()) ?? [];
  const roles = getUserRoles();
  const defaultRole = defaultRoleNames.find((name) => roles.includes(name)) ?? roles[0];
  return {
    'https://hasura.io/jwt/claims': {
      'x-hasura-user-id': context.user.id,
      'x-hasura-default-role': defaultRole,
      'x-hasura-allowed-roles': roles,
    },
  };
};`;

describe('the Logto script contract', () => {
  it('runs a Logto-style script reading roles and environment variables unchanged', async () => {
    const result = await runner.run(logtoHasuraScript, input());
    expect(result).toEqual({
      ok: true,
      claims: {
        'https://hasura.io/jwt/claims': {
          'x-hasura-user-id': 'user_sample',
          'x-hasura-default-role': 'user:maintainer',
          'x-hasura-allowed-roles': ['user:reader', 'user:maintainer'],
        },
      },
      warnings: [],
    });
  });

  it.each([
    ['an async arrow', 'const getCustomJwtClaims = async ({ token }) => ({ client: token.clientId });'],
    ['a function declaration', 'function getCustomJwtClaims({ token }) { return { client: token.clientId }; }'],
    ['an async function', 'async function getCustomJwtClaims({ token }) { return { client: token.clientId }; }'],
    ['a strict-mode script', '"use strict";\nvar getCustomJwtClaims = ({ token }) => Promise.resolve({ client: token.clientId });'],
  ])('accepts getCustomJwtClaims written as %s', async (_, script) => {
    expect(await runner.run(script, input())).toMatchObject({ ok: true, claims: { client: 'app_sample' } });
  });

  it('passes the token, the context and the environment variables as plain data', async () => {
    const script = `const getCustomJwtClaims = ({ token, context, environmentVariables, api }) => ({
      aud: token.aud, roles: context.user.roles.length, env: environmentVariables.USER_DEFAULT_ROLE_NAMES,
      apiKeys: Object.keys(api),
    });`;
    const result = await runner.run(script, input({ context: sampleUserContext([demoReaderRole]) }));
    expect(result).toMatchObject({
      ok: true,
      claims: { aud: 'https://hasura.example.com/api', roles: 1, env: 'user:maintainer, user:reader', apiKeys: ['denyAccess'] },
    });
  });

  it('returns kind denied with the message given to api.denyAccess', async () => {
    const script = `const getCustomJwtClaims = async ({ api }) => { api.denyAccess('no'); return { unreachable: true }; };`;
    expect(await runner.run(script, input())).toEqual({ ok: false, kind: 'denied', message: 'no' });
  });

  it('still denies when the script catches the error thrown by api.denyAccess', async () => {
    const script = `const getCustomJwtClaims = ({ api }) => { try { api.denyAccess('caught'); } catch {} return { a: 1 }; };`;
    expect(await runner.run(script, input())).toEqual({ ok: false, kind: 'denied', message: 'caught' });
  });

  it('collects console output as warnings', async () => {
    const script = `const getCustomJwtClaims = () => { console.log('roles', [1, 2]); console.warn('careful'); return {}; };`;
    expect(await runner.run(script, input())).toEqual({
      ok: true,
      claims: {},
      warnings: ['log: roles [1,2]', 'warn: careful'],
    });
  });

  it('reports a script without getCustomJwtClaims as kind syntax', async () => {
    expect(await runner.run('const somethingElse = () => ({});', input())).toMatchObject({
      ok: false,
      kind: 'syntax',
      message: expect.stringContaining('must define getCustomJwtClaims'),
    });
  });
});

describe('results that are not claims', () => {
  it.each([
    ['null', 'null'],
    ['an array', '[1, 2]'],
    ['a string', "'claims'"],
    ['a function', '() => ({})'],
    ['a promise of null', 'Promise.resolve(null)'],
    ['a class instance', 'new (class Claims {})()'],
  ])('rejects %s as kind output', async (_, value) => {
    const result = await runner.run(`const getCustomJwtClaims = async () => ${value};`, input());
    expect(result).toMatchObject({ ok: false, kind: 'output', message: expect.stringContaining('plain object') });
  });

  it('rejects claims that cannot be serialised as JSON as kind output', async () => {
    const result = await runner.run('const getCustomJwtClaims = () => ({ big: 10n });', input());
    expect(result).toMatchObject({ ok: false, kind: 'output', message: expect.stringContaining('JSON') });
  });

  it('rejects a promise that can never settle as kind output', async () => {
    const result = await runner.run('const getCustomJwtClaims = () => new Promise(() => {});', input());
    expect(result).toMatchObject({ ok: false, kind: 'output', message: expect.stringContaining('never settles') });
  });

  it('accepts claims up to maxOutputBytes and rejects one byte more', async () => {
    // {"a":"..."} is 8 bytes of JSON around the value.
    const script = 'const getCustomJwtClaims = ({ environmentVariables }) => ({ a: "é".repeat(Number(environmentVariables.N)) });';
    const limits = { maxOutputBytes: 108 };
    expect(await runner.run(script, input({ environmentVariables: { N: '50' } }), limits)).toMatchObject({ ok: true });
    expect(await runner.run(script, input({ environmentVariables: { N: '51' } }), limits)).toMatchObject({
      ok: false,
      kind: 'output',
      message: 'The returned claims exceed 108 bytes of JSON',
    });
  });
});

describe('error positions', () => {
  it('reports a syntax error as kind syntax with the line in the user script', async () => {
    const script = 'const a = 1;\n\nconst getCustomJwtClaims = async () => {\n  return { a: };\n};';
    expect(await runner.run(script, input())).toMatchObject({ ok: false, kind: 'syntax', line: 4, column: 15 });
  });

  it('reports a runtime error with its line and column in the user script', async () => {
    const script = 'const getCustomJwtClaims = async ({ context }) => {\n  const user = null;\n  return { id: user.id };\n};';
    expect(await runner.run(script, input())).toEqual({
      ok: false,
      kind: 'runtime',
      message: "TypeError: cannot read property 'id' of null",
      line: 3,
      column: 20,
    });
  });

  it('reports the line of an error thrown after an await', async () => {
    const script = 'const getCustomJwtClaims = async () => {\n  await null;\n\n  throw new Error("late");\n};';
    expect(await runner.run(script, input())).toMatchObject({ kind: 'runtime', message: 'Error: late', line: 4 });
  });

  it('reports an error thrown while the script top level runs', async () => {
    const script = 'const config = JSON.parse("{");\nconst getCustomJwtClaims = () => ({});';
    expect(await runner.run(script, input())).toMatchObject({ kind: 'runtime', line: 1 });
  });

  it('reports a thrown non-error value without a position', async () => {
    expect(await runner.run('const getCustomJwtClaims = () => { throw "plain"; };', input())).toEqual({
      ok: false,
      kind: 'runtime',
      message: 'Uncaught plain',
    });
  });

  it('supports Error subclasses that set this.name (frozen prototypes allow overriding)', async () => {
    const script = `class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } }
const getCustomJwtClaims = () => { throw new MyError('custom'); };`;
    expect(await runner.run(script, input())).toMatchObject({ kind: 'runtime', message: 'MyError: custom', line: 1 });
  });
});

describe('the runner', () => {
  it('keeps no state between two calls of the same cached script', async () => {
    const script = `let calls = 0;
const cache = new Map();
const getCustomJwtClaims = async ({ context }) => {
  calls += 1;
  const previous = cache.get('last');
  cache.set('last', context.user.id);
  try { globalThis.lastUser = context.user.id; } catch {}
  try { Object.prototype.lastUser = context.user.id; } catch {}
  try { Array.prototype.push = () => 0; } catch {}
  return { calls, previous: previous ?? null, globalLeak: globalThis.lastUser ?? null, protoLeak: ({}).lastUser ?? null };
};`;
    const first = await runner.run(script, input());
    const otherUser = sampleUserContext();
    (otherUser.user as { id: string }).id = 'user_other';
    const second = await runner.run(script, input({ context: otherUser }));
    const expected = { calls: 1, previous: null, globalLeak: null, protoLeak: null };
    expect(first).toMatchObject({ ok: true, claims: expected });
    expect(second).toMatchObject({ ok: true, claims: expected });
  });

  it('treats missing input parts as empty objects', async () => {
    const script =
      'const getCustomJwtClaims = ({ token, context, environmentVariables }) => ({ n: Object.keys({ ...token, ...context, ...environmentVariables }).length });';
    const result = await runner.run(script, {} as ScriptInput);
    expect(result).toMatchObject({ ok: true, claims: { n: 0 } });
  });

  it('reports input that is not JSON-serialisable as kind runtime', async () => {
    const result = await runner.run('const getCustomJwtClaims = () => ({});', input({ token: { n: 1n } }));
    expect(result).toMatchObject({ ok: false, kind: 'runtime', message: expect.stringContaining('JSON') });
  });

  it('exposes frozen default limits', () => {
    expect(Object.isFrozen(defaultScriptLimits)).toBe(true);
    expect(defaultScriptLimits).toMatchObject({ timeoutMs: 1000, memoryBytes: 32 * 1024 * 1024, maxOutputBytes: 16 * 1024 });
    expect(defaultScriptLimits.fetch.enabled).toBe(false);
  });

  it('resolves runs after close() to kind runtime and closes twice without error', async () => {
    const closing = createScriptRunner();
    expect(await closing.run('const getCustomJwtClaims = () => ({ a: 1 });', input())).toMatchObject({ ok: true });
    await closing.close();
    await closing.close();
    expect(await closing.run('const getCustomJwtClaims = () => ({ a: 1 });', input())).toMatchObject({
      ok: false,
      kind: 'runtime',
      message: 'The script runner is closed',
    });
  });
});
