import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { seedHasuraGuide, signInToHasura, HASURA_API } from './support/seed.ts';
import { clientCredentialsToken, startTestServer } from './support/server.ts';

describe('signing algorithms', () => {
  it.each(['ES256', 'EdDSA'] as const)('issues verifiable %s access and ID tokens when selected', async (alg) => {
    const server = await startTestServer('sqlite', { env: { SIGNING_ALG: alg } });
    try {
      const fx = await seedHasuraGuide(server);
      const { tokens } = await signInToHasura(server.issuer, fx);
      expect(decodeProtectedHeader(tokens.access_token).alg).toBe(alg);
      expect(decodeProtectedHeader(tokens.id_token!).alg).toBe(alg);
      const jwks = createRemoteJWKSet(new URL(`${server.issuer}/jwks`));
      await jwtVerify(tokens.access_token, jwks, { issuer: server.issuer, audience: HASURA_API });
    } finally {
      await server.stop();
    }
  });

  it('keeps signing with the stored key when SIGNING_ALG changes, and uses the new algorithm from the next rotation', async () => {
    const first = await startTestServer('sqlite', {
      databaseUrl: `sqlite:${process.env.TMPDIR ?? '/tmp'}/gatehouse-alg-${process.pid}.sqlite`,
    });
    const url = first.databaseUrl;
    await first.stop();
    const server = await startTestServer('sqlite', {
      databaseUrl: url,
      env: { SIGNING_ALG: 'ES256', JWKS_MAX_AGE: '1', KEY_ROTATION_LEAD_TIME: '2' },
    });
    try {
      const token = async () =>
        (
          await clientCredentialsToken(server.endpoint, server.admin.clientId, server.admin.clientSecret, {
            resource: server.managementApi,
            scope: 'all',
          })
        ).body.access_token as string;
      expect(decodeProtectedHeader(await token()).alg).toBe('RS256');
      await server.api('POST', '/configs/oidc/signing-keys/rotate', { leadTimeSeconds: 0 });
      await new Promise((r) => setTimeout(r, 200));
      expect(decodeProtectedHeader(await token()).alg).toBe('ES256');
    } finally {
      await server.stop();
      const { rmSync } = await import('node:fs');
      for (const suffix of ['', '-wal', '-shm']) rmSync(url.slice('sqlite:'.length) + suffix, { force: true });
    }
  });
});
