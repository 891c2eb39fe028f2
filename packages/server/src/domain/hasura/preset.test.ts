import { afterAll, describe, expect, it } from 'vitest';
import { createScriptRunner, type ScriptResult } from '../../sandbox/index.ts';
import { ValidationError } from '../errors.ts';
import { hasuraJwtClaimLocation, hasuraPresetScript, type HasuraClaimsFormat } from './preset.ts';
import { mergeCustomClaims } from '../claims/reserved-claims.ts';
import {
  demoMaintainerRole,
  demoReaderRole,
  sampleMachineContext,
  sampleMachineToken,
  sampleUserContext,
  sampleUserToken,
} from '../claims/sample-context.ts';

const runner = createScriptRunner();
afterAll(() => runner.close());

const namespace = 'https://hasura.io/jwt/claims';
const userScript = hasuraPresetScript({ format: 'json', tokenKind: 'user' });
const otherApiRole = {
  id: 'role_other',
  name: 'billing:admin',
  description: '',
  scopes: [{ ...demoReaderRole.scopes[0], resource: { id: 'res_b', name: 'Billing', indicator: 'https://billing.example.com' } }],
};

function runUser(roles: Array<typeof demoReaderRole>, env: Record<string, string> = {}, script = userScript, aud?: string | string[]) {
  return runner.run(script, { token: sampleUserToken(aud), context: sampleUserContext(roles), environmentVariables: env });
}

function hasuraClaims(result: ScriptResult, key = namespace): Record<string, unknown> {
  expect(result).toMatchObject({ ok: true });
  return (result as { claims: Record<string, Record<string, unknown>> }).claims[key];
}

describe('the Hasura preset for user tokens', () => {
  it('refuses a user with no role granting a scope of the audience', async () => {
    expect(await runUser([])).toEqual({
      ok: false,
      kind: 'denied',
      message: 'The user holds no role granting a scope of https://hasura.example.com/api',
    });
    expect(await runUser([otherApiRole])).toMatchObject({ ok: false, kind: 'denied' });
  });

  it('gives a user with one role that role as allowed and default', async () => {
    expect(hasuraClaims(await runUser([demoReaderRole]))).toEqual({
      'x-hasura-user-id': 'user_sample',
      'x-hasura-allowed-roles': ['user:reader'],
      'x-hasura-default-role': 'user:reader',
    });
  });

  it('lists both roles and takes the first one when USER_DEFAULT_ROLE_NAMES is not set', async () => {
    expect(hasuraClaims(await runUser([demoReaderRole, demoMaintainerRole, otherApiRole]))).toEqual({
      'x-hasura-user-id': 'user_sample',
      'x-hasura-allowed-roles': ['user:reader', 'user:maintainer'],
      'x-hasura-default-role': 'user:reader',
    });
  });

  it.each([
    ['user:maintainer', 'user:maintainer'],
    [' admin , user:maintainer ,user:reader', 'user:maintainer'],
    ['admin', 'user:reader'],
    ['', 'user:reader'],
  ])('picks the default role from USER_DEFAULT_ROLE_NAMES=%j as %s', async (names, expected) => {
    const claims = hasuraClaims(await runUser([demoReaderRole, demoMaintainerRole], { USER_DEFAULT_ROLE_NAMES: names }));
    expect(claims['x-hasura-default-role']).toBe(expected);
  });

  it('never picks a default role outside the allowed roles', async () => {
    const claims = hasuraClaims(await runUser([demoReaderRole, otherApiRole], { USER_DEFAULT_ROLE_NAMES: 'billing:admin' }));
    expect(claims).toMatchObject({ 'x-hasura-allowed-roles': ['user:reader'], 'x-hasura-default-role': 'user:reader' });
  });

  it('matches an audience given as an array', async () => {
    const claims = hasuraClaims(await runUser([demoMaintainerRole], {}, userScript, ['https://other', 'https://hasura.example.com/api']));
    expect(claims['x-hasura-allowed-roles']).toEqual(['user:maintainer']);
  });

  it('falls back to HASURA_UNAUTHORIZED_ROLE when the user has no allowed role', async () => {
    expect(hasuraClaims(await runUser([otherApiRole], { HASURA_UNAUTHORIZED_ROLE: ' anonymous ' }))).toEqual({
      'x-hasura-user-id': 'user_sample',
      'x-hasura-allowed-roles': ['anonymous'],
      'x-hasura-default-role': 'anonymous',
    });
  });

  it('keeps the Hasura claims when merged over a token payload', async () => {
    const result = await runUser([demoReaderRole]);
    expect(result.ok).toBe(true);
    const { dropped } = mergeCustomClaims({ sub: 'user_sample' }, (result as { claims: Record<string, unknown> }).claims);
    expect(dropped).toEqual([]);
  });
});

describe('the Hasura preset formats', () => {
  const both = [demoReaderRole, demoMaintainerRole];
  const expected = {
    'x-hasura-user-id': 'user_sample',
    'x-hasura-allowed-roles': ['user:reader', 'user:maintainer'],
    'x-hasura-default-role': 'user:maintainer',
  };
  const env = { USER_DEFAULT_ROLE_NAMES: 'user:maintainer' };

  it.each<[string, HasuraClaimsFormat, (claims: Record<string, unknown>) => unknown, object]>([
    ['json', 'json', (c) => c[namespace], { claims_namespace: namespace, claims_format: 'json' }],
    [
      'stringified_json',
      'stringified_json',
      (c) => JSON.parse(c[namespace] as string),
      { claims_namespace: namespace, claims_format: 'stringified_json' },
    ],
    [
      'a custom namespace',
      { namespace: 'https://myapp.example.com/claims' },
      (c) => c['https://myapp.example.com/claims'],
      { claims_namespace: 'https://myapp.example.com/claims', claims_format: 'json' },
    ],
    [
      'a namespace path',
      { namespacePath: 'hasura.claims' },
      (c) => (c.hasura as Record<string, unknown>).claims,
      { claims_namespace_path: '$.hasura.claims' },
    ],
    [
      'a $-prefixed path with a hyphen',
      { namespacePath: '$.app.hasura-claims' },
      (c) => (c.app as Record<string, unknown>)['hasura-claims'],
      { claims_namespace_path: '$.app.hasura-claims' },
    ],
  ])('emits the claims as %s and reports the matching JWT secret fields', async (_, format, pick, location) => {
    const script = hasuraPresetScript({ format, tokenKind: 'user' });
    const result = await runUser(both, env, script);
    expect(result).toMatchObject({ ok: true });
    const claims = (result as { claims: Record<string, unknown> }).claims;
    expect(pick(claims)).toEqual(expected);
    expect(Object.keys(claims)).toHaveLength(1);
    expect(hasuraJwtClaimLocation(format)).toEqual(location);
    expect(script).toContain(JSON.stringify(location));
  });

  it.each(['', 'a..b', 'hasura[0]', '$.["x"]', 'hasura claims', 'sub.claims'])('rejects the namespace path %j', (path) => {
    expect(() => hasuraJwtClaimLocation({ namespacePath: path })).toThrow(ValidationError);
    expect(() => hasuraPresetScript({ format: { namespacePath: path }, tokenKind: 'user' })).toThrow(ValidationError);
  });

  it('rejects an empty or reserved namespace', () => {
    expect(() => hasuraJwtClaimLocation({ namespace: ' ' })).toThrow(ValidationError);
    expect(() => hasuraJwtClaimLocation({ namespace: 'aud' })).toThrow(ValidationError);
  });

  it('keeps a namespace containing comment or quote characters inert', async () => {
    const odd = 'x*/ throw 1; /*"\'`';
    const result = await runUser([demoReaderRole], {}, hasuraPresetScript({ format: { namespace: odd }, tokenKind: 'user' }));
    expect(hasuraClaims(result, odd)).toMatchObject({ 'x-hasura-default-role': 'user:reader' });
  });
});

describe('the Hasura preset for machine tokens', () => {
  const machineScript = hasuraPresetScript({ format: 'json', tokenKind: 'machine' });
  const runMachine = (roles: Array<typeof demoReaderRole>, env: Record<string, string> = {}) =>
    runner.run(machineScript, { token: sampleMachineToken(), context: sampleMachineContext(roles), environmentVariables: env });

  it('uses the application id and the application roles', async () => {
    expect(hasuraClaims(await runMachine([demoReaderRole, demoMaintainerRole], { USER_DEFAULT_ROLE_NAMES: 'user:maintainer' }))).toEqual({
      'x-hasura-user-id': 'app_m2m',
      'x-hasura-allowed-roles': ['user:reader', 'user:maintainer'],
      'x-hasura-default-role': 'user:maintainer',
    });
  });

  it('refuses an application without an allowed role, or falls back to the unauthorized role', async () => {
    expect(await runMachine([])).toEqual({
      ok: false,
      kind: 'denied',
      message: 'The application holds no role granting a scope of https://hasura.example.com/api',
    });
    expect(hasuraClaims(await runMachine([], { HASURA_UNAUTHORIZED_ROLE: 'service' }))).toMatchObject({
      'x-hasura-allowed-roles': ['service'],
      'x-hasura-default-role': 'service',
    });
  });

  it('is a readable Logto-style script', () => {
    expect(machineScript).toMatch(/^\/\*\*\n \* Hasura claims for machine-to-machine/);
    expect(machineScript).toContain('const getCustomJwtClaims = async ({ token, context, environmentVariables, api }) => {');
    expect(machineScript).toContain('const application = context.application;');
    expect(machineScript.split('\n').every((line) => line.length <= 120)).toBe(true);
  });
});
