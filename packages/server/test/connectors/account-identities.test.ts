import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithCode } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startStubProvider } from './upstream.ts';

// Issue 15 item 4: link and unlink a social identity through Logto's Account API paths.

const REDIRECT = 'http://localhost:5173/callback';
const PASSWORD = 'Amber-Falcon-Riddle-83';

for (const dialect of DIALECTS) {
  describe(`Account API identities (${dialect})`, () => {
    let server: TestServer;
    let stub: Awaited<ReturnType<typeof startStubProvider>>;
    let connectorId: string;
    let token: string;
    let userId: string;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      stub = await startStubProvider({
        clientId: 'link-client',
        account: { sub: 'gina-upstream', email: 'gina@example.net', name: 'Gina' },
      });
      const connector = await server.api('POST', '/connectors', {
        connectorId: 'oidc',
        config: { clientId: 'link-client', clientSecret: 'link-secret', issuer: stub.issuer },
        metadata: { target: 'link-idp' },
      });
      expect(connector.status).toBe(200);
      connectorId = connector.body.id;
      const app = await server.api('POST', '/applications', { name: 'App', type: 'SPA', oidcClientMetadata: { redirectUris: [REDIRECT] } });
      const user = await server.api('POST', '/users', { username: 'gina', password: PASSWORD });
      userId = user.body.id;
      const signedIn = await signInWithCode({
        issuer: server.issuer,
        clientId: app.body.id,
        redirectUri: REDIRECT,
        username: 'gina',
        password: PASSWORD,
        scope: 'openid profile offline_access',
      });
      token = signedIn.tokens.access_token;
    });
    afterAll(async () => {
      await stub?.stop();
      await server?.stop();
    });

    async function call(method: string, path: string, body?: unknown, verificationId?: string) {
      const res = await fetch(`${server.endpoint}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(verificationId ? { 'logto-verification-id': verificationId } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    }

    /** A verified Social record: the provider's answer to a request started through the Account API. */
    async function socialRecord(): Promise<{ id: string; connectorData: Record<string, string> }> {
      const started = await call('POST', '/verifications/social', {
        connectorId,
        redirectUri: 'http://localhost:5173/link',
        state: 'link-state-1',
      });
      expect(started.status).toBe(200);
      const answer = new URL((await fetch(started.body.authorizationUri, { redirect: 'manual' })).headers.get('location')!);
      const connectorData = Object.fromEntries(answer.searchParams);
      const verified = await call('POST', '/verifications/social/verify', {
        verificationRecordId: started.body.verificationRecordId,
        connectorData,
      });
      expect(verified.status).toBe(200);
      return { id: verified.body.verificationRecordId, connectorData };
    }
    const identitiesOf = async () => (await server.api('GET', `/users/${userId}`)).body.identities as Record<string, { userId: string }>;

    it('links an identity with a fresh verification, once, and unlinks it', async () => {
      const record = await socialRecord();
      // The provider's answer is spent: verifying it again is refused.
      expect(
        (await call('POST', '/verifications/social/verify', { verificationRecordId: record.id, connectorData: record.connectorData }))
          .status,
      ).toBe(400);

      expect((await call('POST', '/my-account/identities', { newIdentifierVerificationRecordId: record.id })).status).toBe(401);
      const proof = await call('POST', '/verifications/password', { password: PASSWORD });
      expect(proof.status).toBe(201);
      const proofId = proof.body.verificationRecordId as string;
      expect((await call('POST', '/my-account/identities', { newIdentifierVerificationRecordId: record.id }, proofId)).status).toBe(204);
      expect((await identitiesOf())['link-idp']?.userId).toBe('gina-upstream');
      // The Social record is used once.
      expect((await call('POST', '/my-account/identities', { newIdentifierVerificationRecordId: record.id }, proofId)).status).toBe(400);

      expect((await call('DELETE', '/my-account/identities/link-idp')).status).toBe(401);
      expect((await call('DELETE', '/my-account/identities/link-idp', undefined, proofId)).status).toBe(204);
      expect(await identitiesOf()).toEqual({});
      const again = await call('DELETE', '/my-account/identities/link-idp', undefined, proofId);
      expect(again.status).toBe(404);
      expect(again.body.code).toBe('user.identity_not_exist');
    });

    it('refuses an identity that another account holds', async () => {
      const other = await server.api('POST', '/users', { username: 'hank', password: PASSWORD });
      expect((await server.api('PUT', `/users/${other.body.id}/identities/link-idp`, { userId: 'gina-upstream' })).status).toBe(200);
      const record = await socialRecord();
      const proof = await call('POST', '/verifications/password', { password: PASSWORD });
      const linked = await call(
        'POST',
        '/my-account/identities',
        { newIdentifierVerificationRecordId: record.id },
        proof.body.verificationRecordId,
      );
      expect(linked.status).toBe(409);
      expect(await identitiesOf()).toEqual({});
    });
  });
}
