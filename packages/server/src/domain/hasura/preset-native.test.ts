import { afterAll, describe, expect, it } from 'vitest';
import { createScriptRunner } from '../../sandbox/index.ts';
import { hasuraPresetScript, type HasuraClaimsFormat } from './preset.ts';
import { hasuraPresetClaims, uneditedHasuraPreset } from './preset-native.ts';

const api = 'https://hasura.example.com/api';
const role = (name: string, indicator = api) => ({
  id: name,
  name,
  description: null,
  scopes: [
    { id: `${name}-s`, name: `${name}:scope`, description: null, resourceId: 'r', resource: { id: 'r', name: 'Hasura', indicator } },
  ],
});
const formats: HasuraClaimsFormat[] = [
  'json',
  'stringified_json',
  { namespace: 'https://example.com/claims' },
  { namespacePath: 'hasura.claims' },
];
const holders = {
  none: [],
  reader: [role('user:reader')],
  both: [role('user:reader'), role('user:maintainer'), role('other', 'https://other.example.com')],
};
const envs = [
  {},
  { USER_DEFAULT_ROLE_NAMES: 'user:maintainer, user:reader' },
  { HASURA_UNAUTHORIZED_ROLE: 'anonymous' },
  { HASURA_ORG_IDS: 'true', USER_DEFAULT_ROLE_NAMES: 'editor' },
];
// Organization ids a Postgres array literal must quote: commas, quotes, braces, backslashes, spaces, NULL, empty.
const memberships = [[], [{ id: 'org_a' }, { id: 'org "b", {c}' }, { id: 'back\\slash' }, { id: ' spaced ' }, { id: 'null' }, { id: '' }]];
// An organization-scoped token (context.organization with the holder's roles there), or none.
const organizations = [undefined, { id: 'org_a', name: 'A', roles: [role('editor'), role('viewer', 'https://other.example.com')] }];

describe('the Hasura preset computed natively', () => {
  // Generous limits: this compares outcomes, and a busy CI machine must not turn a run into a timeout.
  const runner = createScriptRunner({ timeoutMs: 10_000 });
  afterAll(() => runner.close());

  it('gives exactly what the preset script gives in the sandbox, for every format, holder and variable', async () => {
    let cases = 0;
    for (const tokenKind of ['user', 'machine'] as const) {
      for (const format of formats) {
        const script = hasuraPresetScript({ format, tokenKind });
        for (const roles of Object.values(holders)) {
          for (const environmentVariables of envs) {
            for (const aud of [api, [api, 'https://x'], undefined, 'urn:logto:organization:org_a']) {
              for (const [i, organization] of organizations.entries()) {
                const holder = { id: 'h1', roles, organizations: memberships[i] };
                const input = {
                  token: { aud, kind: 'AccessToken' },
                  context: {
                    ...(tokenKind === 'user' ? { user: holder } : { application: holder }),
                    ...(organization ? { organization } : {}),
                  },
                  environmentVariables: environmentVariables as Record<string, string>,
                };
                const sandboxed = await runner.run(script, input);
                const native = hasuraPresetClaims({ format, tokenKind }, input);
                if (sandboxed.ok) expect(native, JSON.stringify(input)).toEqual({ ok: true, claims: sandboxed.claims });
                else expect(native, JSON.stringify(input)).toEqual({ ok: false, kind: sandboxed.kind, message: sandboxed.message });
                cases += 1;
              }
            }
          }
        }
      }
    }
    expect(cases).toBe(2 * 4 * 3 * 4 * 4 * 2);
  });

  it('adds the organization and its roles for an organization-scoped token, and nothing for an organization token', () => {
    const input = {
      token: { aud: api },
      context: { user: { id: 'u1', roles: [role('user:reader')], organizations: memberships[1] }, organization: organizations[1] },
      environmentVariables: { HASURA_ORG_IDS: 'true', USER_DEFAULT_ROLE_NAMES: 'editor' },
    };
    expect(hasuraPresetClaims({ format: 'json', tokenKind: 'user' }, input)).toEqual({
      ok: true,
      claims: {
        'https://hasura.io/jwt/claims': {
          'x-hasura-user-id': 'u1',
          // viewer grants a scope of another API only: not a Hasura role here.
          'x-hasura-allowed-roles': ['user:reader', 'editor'],
          'x-hasura-default-role': 'editor',
          'x-hasura-org-id': 'org_a',
          'x-hasura-org-ids': '{org_a,"org \\"b\\", {c}","back\\\\slash"," spaced ","null",""}',
        },
      },
    });
    const orgToken = { ...input, token: { aud: 'urn:logto:organization:org_a' } };
    expect(hasuraPresetClaims({ format: 'json', tokenKind: 'user' }, orgToken)).toEqual({ ok: true, claims: {} });
  });

  it('is used only while the stored script is exactly the generated one', () => {
    const script = hasuraPresetScript({ format: 'json', tokenKind: 'user' });
    const preset = { name: 'hasura' as const, format: 'json' as const };
    expect(uneditedHasuraPreset({ script, preset }, 'user')).toEqual({ format: 'json', tokenKind: 'user' });
    expect(uneditedHasuraPreset({ script: `${script}\n// edited`, preset }, 'user')).toBeUndefined();
    expect(uneditedHasuraPreset({ script }, 'user')).toBeUndefined();
    // A user-token preset stored for machine tokens is not the machine preset's script.
    expect(uneditedHasuraPreset({ script, preset }, 'machine')).toBeUndefined();
  });
});
