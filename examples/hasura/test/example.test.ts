import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readHasuraMetadataDirectory } from '../../../packages/server/src/cli/hasura-metadata-reader.ts';
import { collectHasuraRoles, decideJwt, parseJwtSecret } from '../../../packages/server/src/domain/hasura-model/index.ts';
import { createTestKeys, gatehousePayload, sign } from '../../../packages/server/src/domain/hasura-model/jwt-test-fixtures.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESOURCE = 'https://hasura.example.com/api';

interface Service {
  image?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

async function compose(): Promise<Record<string, Service>> {
  // Compose resolves `<<` merge keys, as YAML 1.1 did.
  const document = parse(await readFile(join(root, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
  return document.services;
}

describe('examples/hasura compose.yaml', () => {
  it('runs PostgreSQL, Gatehouse and Hasura v2, plus a webhook-mode Hasura behind a profile', async () => {
    const services = await compose();
    expect(Object.keys(services).sort()).toEqual(['gatehouse', 'hasura', 'hasura-webhook', 'postgres']);
    expect(services.hasura.image).toMatch(/^hasura\/graphql-engine:v2\./);
    expect(services['hasura-webhook'].image).toMatch(/^hasura\/graphql-engine:v2\./);
    expect(services['hasura-webhook'].profiles).toEqual(['webhook']);
    expect(services.hasura.depends_on).toMatchObject({ gatehouse: { condition: 'service_healthy' } });
    expect(services.hasura.volumes).toEqual(['./migrations:/hasura-migrations', './metadata:/hasura-metadata']);
  });

  it('points Hasura JWT mode at Gatehouse: jwk_url, issuer $ENDPOINT/oidc and the resource as audience', async () => {
    const { gatehouse, hasura } = await compose();
    const env = hasura.environment ?? {};
    expect(env.HASURA_GRAPHQL_ADMIN_SECRET).toBeTruthy();
    expect(env.HASURA_GRAPHQL_AUTH_HOOK).toBeUndefined();
    const parsed = parseJwtSecret(env.HASURA_GRAPHQL_JWT_SECRET ?? '');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const port = gatehouse.environment?.PORT;
    expect(parsed.config.source).toEqual({ kind: 'jwk_url', url: `http://gatehouse:${port}/oidc/jwks` });
    expect(parsed.config.issuer).toBe(`${gatehouse.environment?.ENDPOINT}/oidc`);
    expect(parsed.config.audience).toEqual([RESOURCE]);
    expect(parsed.config.claims).toEqual({ mode: 'namespace', namespace: 'https://hasura.io/jwt/claims', format: 'json' });
  });

  it('accepts a token shaped like a Gatehouse access token with that secret', async () => {
    const { hasura } = await compose();
    const parsed = parseJwtSecret(hasura.environment?.HASURA_GRAPHQL_JWT_SECRET ?? '');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const keys = await createTestKeys();
    const now = 1_750_000_000;
    const token = await sign(keys.rsa, gatehousePayload());
    const decision = await decideJwt({
      config: parsed.config,
      jwks: keys.jwks,
      headers: { authorization: `Bearer ${token}`, 'x-hasura-role': 'user:maintainer' },
      now,
    });
    expect(decision).toMatchObject({ accepted: true, role: 'user:maintainer' });
  });

  it('configures webhook mode against /api/authn/hasura, without JWT secret or unauthorized role', async () => {
    const env = (await compose())['hasura-webhook'].environment ?? {};
    expect(env.HASURA_GRAPHQL_ADMIN_SECRET).toBeTruthy();
    expect(env.HASURA_GRAPHQL_JWT_SECRET).toBeUndefined();
    expect(env.HASURA_GRAPHQL_UNAUTHORIZED_ROLE).toBeUndefined();
    const hook = new URL(env.HASURA_GRAPHQL_AUTH_HOOK ?? '');
    expect(`${hook.origin}${hook.pathname}`).toBe('http://gatehouse:3001/api/authn/hasura');
    expect(hook.searchParams.get('resource')).toBe(RESOURCE);
  });
});

describe('examples/hasura metadata and migration', () => {
  it('uses exactly the roles user:reader and user:maintainer', async () => {
    const { roles, sources } = collectHasuraRoles(await readHasuraMetadataDirectory(join(root, 'metadata')));
    expect(roles).toEqual(['user:maintainer', 'user:reader']);
    expect(sources['user:reader']).toEqual(['table default.public.user: select']);
    expect(sources['user:maintainer']).toContain('table default.public.user: update');
  });

  it('exposes GET /user and PATCH /user as REST endpoints over the query collection', async () => {
    const metadata = await readHasuraMetadataDirectory(join(root, 'metadata'));
    const endpoints = metadata.rest_endpoints as { url: string; methods: string[]; definition: { query: { query_name: string } } }[];
    const collections = metadata.query_collections as { definition: { queries: { name: string; query: string }[] } }[];
    const queries = new Map(collections.flatMap((collection) => collection.definition.queries).map((query) => [query.name, query.query]));
    expect(endpoints.map((endpoint) => [endpoint.methods.join(','), endpoint.url])).toEqual([
      ['GET', 'user'],
      ['PATCH', 'user'],
    ]);
    expect(queries.get(endpoints[0].definition.query.query_name)).toMatch(/^query getUser/);
    expect(queries.get(endpoints[1].definition.query.query_name)).toMatch(/update_user\(/);
  });

  it('creates the user table the metadata tracks', async () => {
    const sql = await readFile(join(root, 'migrations/default/1718000000000_create_table_public_user/up.sql'), 'utf8');
    expect(sql).toMatch(/CREATE TABLE "public"\."user"/);
  });
});
