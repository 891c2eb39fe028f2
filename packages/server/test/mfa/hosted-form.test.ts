import { decodeJwt } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitSignIn, type Page } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { openExperience, type ExperienceClient } from '../support/experience.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Issue 15 item 1 (security): the hosted password form must not finish the sign-in of a user
// who has a second factor. The password leads to the MFA screen; only a verified factor (through
// the Experience API the page drives) reaches the app, and the ID token says how (amr, acr).
const REDIRECT = 'http://localhost:5173/callback';
const PASSWORD = 'a long enough password 1';

const totpOf = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) });

/** A six-digit code outside the accepted window (previous, current and next step). */
function wrongCode(secret: string): string {
  const totp = totpOf(secret);
  const now = Date.now();
  const valid = new Set([-30_000, 0, 30_000].map((d) => totp.generate({ timestamp: now + d })));
  for (let n = 0; ; n += 1) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

describe.each(DIALECTS)('hosted sign-in form with MFA (%s)', (dialect) => {
  let server: TestServer;
  let clientId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const app = await server.api('POST', '/applications', { name: 'App', type: 'SPA', oidcClientMetadata: { redirectUris: [REDIRECT] } });
    clientId = (app.body as { id: string }).id;
    const exp = await server.api('PATCH', '/sign-in-exp', { mfa: { factors: ['Totp', 'BackupCode'], policy: 'UserControlled' } });
    expect(exp.status).toBe(200);
  });
  afterAll(() => server?.stop());

  const createUser = async (username: string) => {
    const res = await server.api('POST', '/users', { username, password: PASSWORD });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  };

  /** The hosted form's POST with the right password, as a browser sends it. */
  async function postPassword(username: string): Promise<{ client: ExperienceClient; page: Page }> {
    const client = await openExperience({ endpoint: server.endpoint, clientId, redirectUri: REDIRECT });
    const page = await submitSignIn(
      client.jar,
      { url: `${server.endpoint}/`, status: 200, html: client.html },
      username,
      PASSWORD,
      REDIRECT,
    );
    return { client, page };
  }

  it('a password alone signs in a user without a factor, with amr pwd and the single-factor acr', async () => {
    const userId = await createUser('hosted-plain');
    const { client, page } = await postPassword('hosted-plain');
    expect(page.url.startsWith(REDIRECT)).toBe(true);
    expect(new URL(page.url).searchParams.get('code')).toBeTruthy();
    const tokens = await client.finish(page.url);
    const claims = decodeJwt(tokens.id_token ?? '');
    expect(claims.sub).toBe(userId);
    expect(claims.amr).toEqual(['pwd']);
    expect(claims.acr).toBe('urn:gatehouse:acr:1fa');
  });

  it('a user with TOTP enrolled gets the MFA screen, not a code; a wrong code is refused; the right one signs in with amr pwd otp mfa', async () => {
    const userId = await createUser('hosted-totp');
    const created = await server.api('POST', `/users/${userId}/mfa-verifications`, { type: 'Totp' });
    expect(created.status).toBe(200);
    const { secret } = created.body as { secret: string };

    const { client, page } = await postPassword('hosted-totp');
    // The password was right, but the browser is not sent to the app.
    expect(page.url.startsWith(REDIRECT)).toBe(false);
    expect(page.status).toBe(200);
    expect(page.html).toContain('id="screen-mfa-verify"');
    expect(page.html).toContain('id="mfa-totp-form"');
    expect(page.html).not.toContain('id="mfa-webauthn"');

    // Submitting without the second factor is refused.
    const early = await client.call('POST', '/submit');
    expect(early.status).toBe(403);
    expect((early.body as { code: string }).code).toBe('session.mfa.require_mfa_verification');
    // A wrong code is refused (and counts towards the lockout).
    const wrong = await client.call('POST', '/verification/totp/verify', { code: wrongCode(secret) });
    expect(wrong.status).toBe(400);
    expect((wrong.body as { code: string }).code).toBe('session.mfa.invalid_totp_code');

    const verified = await client.call('POST', '/verification/totp/verify', { code: totpOf(secret).generate() });
    expect(verified.status).toBe(200);
    const submitted = await client.call('POST', '/submit');
    expect(submitted.status).toBe(200);
    const tokens = await client.finish((submitted.body as { redirectTo: string }).redirectTo);
    const claims = decodeJwt(tokens.id_token ?? '');
    expect(claims.sub).toBe(userId);
    expect(claims.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(claims.acr).toBe('urn:gatehouse:acr:mfa');
  });

  it('a factor whose type the settings no longer offer is still required', async () => {
    const userId = await createUser('hosted-off');
    const created = await server.api('POST', `/users/${userId}/mfa-verifications`, { type: 'Totp' });
    expect(created.status).toBe(200);
    expect((await server.api('PATCH', '/sign-in-exp', { mfa: { factors: [], policy: 'UserControlled' } })).status).toBe(200);
    try {
      const { client, page } = await postPassword('hosted-off');
      expect(page.url.startsWith(REDIRECT)).toBe(false);
      expect(page.html).toContain('id="screen-mfa-verify"');
      expect((await client.call('POST', '/submit')).status).toBe(403);
    } finally {
      await server.api('PATCH', '/sign-in-exp', { mfa: { factors: ['Totp', 'BackupCode'], policy: 'UserControlled' } });
    }
  });

  it('under a Mandatory policy a user without a factor enrolls TOTP (server-made QR code) before reaching the app', async () => {
    const userId = await createUser('hosted-enroll');
    expect((await server.api('PATCH', '/sign-in-exp', { mfa: { factors: ['Totp', 'BackupCode'], policy: 'Mandatory' } })).status).toBe(200);
    try {
      const { client, page } = await postPassword('hosted-enroll');
      expect(page.url.startsWith(REDIRECT)).toBe(false);
      expect(page.html).toContain('id="screen-mfa-bind"');
      expect(page.html).toContain('id="mfa-qr"');
      expect((await client.call('POST', '/submit')).status).toBe(422);

      const enrollment = await client.call('POST', '/verification/totp/secret');
      expect(enrollment.status).toBe(200);
      const { verificationId, secret, secretQrCode } = enrollment.body as { verificationId: string; secret: string; secretQrCode: string };
      expect(secretQrCode).toMatch(/^data:image\/svg\+xml;base64,/);
      expect((await client.call('POST', '/verification/totp/verify', { code: totpOf(secret).generate(), verificationId })).status).toBe(
        200,
      );
      expect((await client.call('POST', '/profile/mfa', { type: 'Totp', verificationId })).status).toBe(204);
      const submitted = await client.call('POST', '/submit');
      expect(submitted.status).toBe(200);
      const claims = decodeJwt((await client.finish((submitted.body as { redirectTo: string }).redirectTo)).id_token ?? '');
      expect(claims.sub).toBe(userId);
      expect(claims.amr).toEqual(['pwd', 'otp', 'mfa']);
      const listed = (await server.api('GET', `/users/${userId}/mfa-verifications`)).body as Array<{ type: string }>;
      expect(listed.map((v) => v.type)).toEqual(['Totp']);
    } finally {
      await server.api('PATCH', '/sign-in-exp', { mfa: { factors: ['Totp', 'BackupCode'], policy: 'UserControlled' } });
    }
  });
});
