import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formField, openSignInPage, type CookieJar } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import {
  deepJsonText,
  malformedBodies,
  mutate,
  nastyPathParams,
  nastyStrings,
  nastyValue,
  seededRandom,
  valueFor,
  type Random,
} from '../support/fuzz.ts';
import { HASURA_API, SPA_REDIRECT, seedHasuraGuide, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * Every operation of /api/openapi.json, plus /oidc/token, /oidc/auth, introspection and the
 * sign-in form, gets generated requests: schema-shaped bodies with one value swapped for a
 * nasty one, wrong types, NUL, lone surrogates, direction marks, huge and deeply nested
 * values, empty and malformed bodies, percent garbage in paths. No answer may be a 5xx;
 * every 4xx of ours is problem+json with a detail, every /oidc 4xx an OAuth error.
 * FUZZ_SEED replays a run; FUZZ_ITERATIONS (per operation) makes it longer.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 16_07);
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 10);

interface Operation {
  method: string;
  path: string;
  parameters: Array<{ name: string; in: 'path' | 'query' }>;
  body?: Record<string, unknown>;
}

async function operationsOf(endpoint: string): Promise<Operation[]> {
  const doc = (await (await fetch(`${endpoint}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, any>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

function percent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate has no UTF-8 form: send the bytes of one
  }
}

/** HTTP Basic as RFC 6749 2.3.1 wants it (form-encoded parts), or raw when fuzzing. */
function basic(id: string, secret: string, raw = false): string {
  const user = raw ? `${id}:${secret}` : `${encodeURIComponent(id)}:${encodeURIComponent(secret)}`;
  return `Basic ${Buffer.from(user).toString('base64')}`;
}

class Recorder {
  sent = 0;
  readonly failures: string[] = [];

  async check(label: string, res: Response, expect: 'problem' | 'oauth' | 'any'): Promise<void> {
    this.sent += 1;
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    let problem = '';
    if (res.status >= 500) problem = '5xx';
    // 431: node:http refuses an over-long request line itself, before any code of ours runs.
    else if (res.status === 431) problem = '';
    else if (res.status >= 400 && expect !== 'any') {
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (
        expect === 'problem' &&
        (!type.startsWith('application/problem+json') || typeof body?.detail !== 'string' || body.detail === '')
      ) {
        problem = 'not problem+json with a detail';
      }
      if (expect === 'oauth' && type.includes('json') && typeof body?.error !== 'string') problem = 'JSON error without `error`';
    }
    if (problem) this.failures.push(`${label} -> ${res.status} (${problem}) ${type} ${text.slice(0, 160)}`);
  }
}

function bodyFor(op: Operation, rnd: Random): { body?: string; type?: string; note: string } {
  const mode = rnd.int(10);
  if (mode === 0) return { note: 'no body' };
  if (mode === 1) return { body: rnd.pick(malformedBodies), type: 'application/json', note: 'malformed' };
  if (mode === 2) return { body: JSON.stringify(nastyValue(rnd)), type: 'application/json', note: 'nasty body' };
  if (mode === 3)
    return {
      body: JSON.stringify(valueFor(op.body, rnd)),
      type: rnd.pick(['text/plain', 'application/x-www-form-urlencoded', '']),
      note: 'wrong type',
    };
  if (mode === 4 && rnd.chance(0.3)) return { body: `{"a":"${'z'.repeat(1_100_000)}"}`, type: 'application/json', note: 'too large' };
  if (mode === 4) {
    const field = rnd.pick([...Object.keys((op.body?.properties as object | undefined) ?? {}), 'customData']);
    return { body: `{"${field}":${deepJsonText(rnd.pick([33, 4112, 50_000]))}}`, type: 'application/json', note: `deep ${field}` };
  }
  if (mode === 6) return { body: rnd.pick(['{}', '{"unknownField":1}']), type: 'application/json', note: 'no known field' };
  const value = valueFor(op.body, rnd);
  return {
    body: JSON.stringify(mode === 5 ? value : mutate(value, rnd)),
    type: 'application/json',
    note: mode === 5 ? 'plausible' : 'mutated',
  };
}

for (const dialect of DIALECTS) {
  describe(`fuzzing every route (${dialect}, seed ${SEED})`, () => {
    let server: TestServer;
    let fx: HasuraFixture;
    let token: string;
    const ids: Record<string, string[]> = {};

    beforeAll(async () => {
      server = await startTestServer(dialect);
      fx = await seedHasuraGuide(server);
      token = await server.adminToken();
      ids.id = [fx.resourceId, fx.roles.reader, fx.user.id, fx.spa.id];
      ids.scopeId = [fx.scopes.read, fx.scopes.maintain];
      ids.roleId = [fx.roles.reader, fx.roles.maintainer];
      ids.userId = [fx.user.id];
      ids.applicationId = [fx.spa.id];
      ids.tokenType = ['access-token', 'client-credentials'];
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });

    // The OAuth surface first, while the fixture's user, app and resource still exist.
    it('answers /oidc/token, /oidc/auth, introspection and the sign-in form with no 5xx', async () => {
      const rnd = seededRandom(SEED);
      const rec = new Recorder();
      const some = (good: string[]) => (rnd.chance(0.5) ? rnd.pick(good) : rnd.pick(nastyStrings));
      const form = (params: Record<string, string>) =>
        rnd.chance(0.1)
          ? Object.entries(params)
              .map(([k, v]) => `${k}=${v}`)
              .join('&') // raw: literal NUL, bad escapes
          : new URLSearchParams(params).toString();
      const n = ITERATIONS * 6;
      for (let i = 0; i < n; i += 1) {
        const params: Record<string, string> = {
          grant_type: some(['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:device_code']),
          code: some(['abc']),
          refresh_token: some(['abc']),
          redirect_uri: some([SPA_REDIRECT]),
          code_verifier: some(['x'.repeat(43)]),
          resource: some([HASURA_API, server.managementApi]),
          scope: some(['openid', 'all read:user']),
        };
        if (rnd.chance(0.5)) params.client_id = some([fx.spa.id, server.admin.clientId]);
        const auth = rnd.pick([
          undefined,
          basic(server.admin.clientId, server.admin.clientSecret),
          basic(rnd.pick(nastyStrings), 'x', true),
          'Basic %%%',
        ]);
        const res = await fetch(`${server.endpoint}/oidc/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: auth } : {}) },
          body: form(params),
        });
        await rec.check(`POST /oidc/token ${JSON.stringify(params)}`, res, 'oauth');
      }
      for (let i = 0; i < n; i += 1) {
        const params: Record<string, string> = {
          client_id: some([fx.spa.id]),
          redirect_uri: some([SPA_REDIRECT]),
          response_type: some(['code']),
          scope: some(['openid offline_access']),
          code_challenge: some(['x'.repeat(43)]),
          code_challenge_method: some(['S256']),
          state: rnd.pick(nastyStrings),
          resource: some([HASURA_API]),
        };
        if (rnd.chance(0.3))
          params[rnd.pick(['prompt', 'login_hint', 'ui_locales', 'max_age', 'claims', 'nonce'])] = rnd.pick(nastyStrings);
        const query = rnd.chance(0.15)
          ? `client_id=${fx.spa.id}&state=${rnd.pick(['%00', '%ff', '%', 'a%00b'])}`
          : new URLSearchParams(params).toString();
        const res = await fetch(`${server.endpoint}/oidc/auth?${query}`, { redirect: 'manual' });
        await rec.check(`GET /oidc/auth?${query.slice(0, 200)}`, res, 'oauth');
      }
      for (let i = 0; i < n; i += 1) {
        const params = { token: rnd.pick(nastyStrings), token_type_hint: some(['access_token', 'refresh_token']) };
        const res = await fetch(`${server.endpoint}/oidc/token/introspection`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: basic(server.admin.clientId, server.admin.clientSecret),
          },
          body: form(params),
        });
        await rec.check(`POST /oidc/token/introspection ${JSON.stringify(params)}`, res, 'oauth');
      }
      let jar: CookieJar | undefined;
      let action = '';
      let csrf = '';
      for (let i = 0; i < n; i += 1) {
        if (i % 20 === 0) {
          const opened = await openSignInPage(server.issuer, fx.spa.id, SPA_REDIRECT);
          jar = opened.jar;
          action = new URL(/<form method="post" action="([^"]+)"/.exec(opened.page.html)![1], server.endpoint).href;
          csrf = formField(opened.page.html, 'csrf') ?? '';
        }
        const fields = {
          csrf: rnd.chance(0.8) ? csrf : rnd.pick(nastyStrings),
          identifier: rnd.pick(nastyStrings),
          password: rnd.pick(nastyStrings),
        };
        const target = rnd.chance(0.1) ? `${server.endpoint}/sign-in/${rnd.pick(nastyPathParams)}` : action;
        const res = await fetch(target, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar!.header() },
          body: form(fields),
        });
        await rec.check(`POST ${target.slice(server.endpoint.length)} ${JSON.stringify(fields).slice(0, 200)}`, res, 'any');
      }
      console.log(`[fuzz ${dialect}] /oidc and sign-in: ${rec.sent} requests, ${rec.failures.length} failures`);
      expect(rec.failures).toEqual([]);
    }, 120_000);

    it('answers every Management API operation with no 5xx, and problem+json for every 4xx', async () => {
      const rnd = seededRandom(SEED + 1);
      const rec = new Recorder();
      const operations = await operationsOf(server.endpoint);
      expect(operations.length).toBeGreaterThan(30);
      const slow: Array<[string, number]> = [];
      for (const op of operations) {
        const t0 = performance.now();
        for (let i = 0; i < ITERATIONS; i += 1) {
          let path = op.path.replace(/^\/api/, '');
          const query = new URLSearchParams();
          let rawQuery = '';
          for (const p of op.parameters) {
            if (p.in === 'path') {
              const value =
                rnd.chance(0.5) && ids[p.name]
                  ? rnd.pick(ids[p.name])
                  : rnd.chance(0.5)
                    ? rnd.pick(nastyPathParams)
                    : percent(rnd.pick(nastyStrings) || 'x');
              path = path.replace(`{${p.name}}`, value);
            } else if (rnd.chance(0.5)) {
              if (rnd.chance(0.2)) rawQuery = `&${p.name}=${rnd.pick(['%00', '%ff', '%', 'a%00b', '%ED%A0%80'])}`;
              else query.set(p.name, String(rnd.chance(0.3) ? valueFor(undefined, rnd) : rnd.pick(nastyStrings)));
            }
          }
          const bodyless = op.method === 'GET' || op.method === 'HEAD';
          const { body, type, note } = !bodyless && (op.body || rnd.chance(0.2)) ? bodyFor(op, rnd) : { note: 'no body' };
          const url = `${server.managementApi}${path}?${query.toString()}${rawQuery}`;
          const res = await fetch(url, {
            method: op.method,
            headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) },
            body,
          });
          await rec.check(
            `${op.method} ${op.path} [${note}] ${url.slice(server.endpoint.length, 200)} ${(body ?? '').slice(0, 200)}`,
            res,
            'problem',
          );
        }
        slow.push([`${op.method} ${op.path}`, Math.round(performance.now() - t0)]);
      }
      const slowest = slow
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([op, ms]) => `${op} ${ms} ms`);
      console.log(
        `[fuzz ${dialect}] Management API: ${operations.length} operations, ${rec.sent} requests, ${rec.failures.length} failures; slowest: ${slowest.join(', ')}`,
      );
      expect(rec.failures).toEqual([]);
    }, 120_000);
  });
}
