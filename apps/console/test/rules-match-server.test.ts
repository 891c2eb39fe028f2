import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { PresetBody } from '../../../packages/server/src/routes/jwt-customizer.ts';
import {
  ApplicationCreateBody,
  ResourceCreateBody,
  ScopeCreateBody,
  UserCreateBody,
  UserPasswordBody,
} from '../../../packages/server/src/routes/schemas.ts';
import {
  claimsNamespace,
  claimsNamespacePath,
  description,
  email,
  httpUrl,
  name,
  password,
  phone,
  redirectUri,
  scopeName,
  tokenTtl,
  username,
  type Rule,
} from '../src/validation/rules.ts';

// The console's form rules against the server's zod schemas (the authority), over the same
// inputs: a field the console lets through must pass the server, and one it refuses must be
// refused there too. `body` builds the request the console's form sends for that value.
const long = (n: number) => 'x'.repeat(n);
const cases: Array<{ rule: string; check: Rule; schema: z.ZodType; body: (v: string) => unknown; inputs: string[] }> = [
  {
    rule: 'name',
    check: name,
    schema: ResourceCreateBody,
    body: (v) => ({ name: v.trim(), indicator: 'https://api.example.com' }),
    inputs: ['', '   ', 'Hasura', ' Hasura ', long(256), long(257), ` ${long(256)} `],
  },
  {
    rule: 'description',
    check: description,
    schema: ScopeCreateBody,
    body: (v) => ({ name: 'read:user', description: v }),
    inputs: ['', 'Read users', long(2048), long(2049)],
  },
  {
    rule: 'httpUrl (resource indicator)',
    check: httpUrl,
    schema: ResourceCreateBody,
    body: (v) => ({ name: 'API', indicator: v.trim() }),
    inputs: [
      'https://hasura.example.com/api',
      'http://localhost:8080',
      ' https://hasura.example.com/api ',
      'hasura.example.com/api',
      'https://hasura.example.com/api#x',
      'https://hasura.example.com/api#',
      'ftp://files.example.com',
      'javascript:alert(1)',
      'mailto:admin@example.com',
      '/api',
      `https://example.com/${long(2030)}`,
      `https://example.com/${long(2040)}`,
    ],
  },
  {
    rule: 'redirectUri',
    check: redirectUri,
    schema: ApplicationCreateBody,
    body: (v) => ({ name: 'App', type: 'SPA', oidcClientMetadata: { redirectUris: [v] } }),
    inputs: [
      'http://localhost:5173/callback',
      'com.example.app:/callback',
      '/callback',
      'https://app.example.com/*',
      'https://app.example.com/cb#x',
      'https://app.example.com/cb#',
      'javascript:alert(1)',
      'data:text/html,hi',
      `https://example.com/${long(2040)}`,
    ],
  },
  {
    rule: 'scopeName',
    check: scopeName,
    schema: ScopeCreateBody,
    body: (v) => ({ name: v }),
    inputs: ['read:user', '', 'read user', 'read"user', 'read\\user', 'lesen:benutzer-ä', '!#[]~', long(256), long(257)],
  },
  {
    rule: 'username',
    check: username,
    schema: UserCreateBody,
    body: (v) => ({ username: v }),
    inputs: ['demo', '_demo.user-1', '1demo', 'de mo', 'demo@x', '', long(128), long(129)],
  },
  {
    rule: 'email',
    check: email,
    schema: UserCreateBody,
    body: (v) => ({ primaryEmail: v }),
    inputs: [
      'demo@example.com',
      'first.last+tag@sub.example.org',
      'demo@',
      '@example.com',
      'demo@example',
      '.demo@example.com',
      'de..mo@example.com',
      'demo@exa mple.com',
      `${long(310)}@example.com`,
    ],
  },
  {
    rule: 'phone',
    check: phone,
    schema: UserCreateBody,
    body: (v) => ({ primaryPhone: v }),
    inputs: ['+4915112345678', '4915112345678', '+49 151', '1234', '12345', long(0), '+'.concat('1'.repeat(20)), '1'.repeat(21)],
  },
  {
    rule: 'password',
    check: password,
    schema: UserPasswordBody,
    body: (v) => ({ password: v }),
    inputs: ['short', '12345678', 'correct horse battery staple', long(256), long(257)],
  },
  {
    rule: 'tokenTtl',
    check: tokenTtl,
    schema: ResourceCreateBody,
    body: (v) => ({ name: 'API', indicator: 'https://api.example.com', accessTokenTtl: Number(v) }),
    inputs: ['3600', '60', '59', '86400', '86401', ' 600 ', '1.5', 'abc', '', '-60'],
  },
  {
    rule: 'claimsNamespace',
    check: (v, values) => claimsNamespace(v.trim(), values),
    schema: PresetBody,
    body: (v) => ({ resource: 'https://hasura.example.com/api', format: { namespace: v.trim() } }),
    inputs: ['https://hasura.io/jwt/claims', 'hasura', '', '  ', long(256), long(257)],
  },
  {
    rule: 'claimsNamespacePath',
    check: (v, values) => claimsNamespacePath(v.trim(), values),
    schema: PresetBody,
    body: (v) => ({ resource: 'https://hasura.example.com/api', format: { namespacePath: v.trim() } }),
    inputs: ['hasura.claims', '$.hasura.claims', 'a', '_a.b-c', '1a', 'a..b', 'hasura.', '$a', 'a.b[0]', 'a b', ''],
  },
];

describe('console form rules agree with the server schemas', () => {
  for (const { rule, check, schema, body, inputs } of cases) {
    it(rule, () => {
      const verdicts = inputs.map((input) => ({
        input: input.length > 40 ? `${input.slice(0, 20)}… (${input.length} chars)` : input,
        console: check(input, {}) === undefined,
        server: schema.safeParse(body(input)).success,
      }));
      expect(verdicts.filter((v) => v.console !== v.server)).toEqual([]);
      // The list covers both verdicts, so agreement means something.
      expect(new Set(verdicts.map((v) => v.server)).size).toBe(2);
    });
  }
});
