import { decodeJwt } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitSignIn } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { openExperience } from '../support/experience.ts';
import { HASURA_API, seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { refresh } from '../organizations/org-fixture.ts';

// Issue 15 item 3: a custom claims script sees the user's bound factors (Logto's
// context.user.mfaVerificationFactors) and how this sign-in went (context.interaction: the
// session's amr and the second-factor methods among them), also on a refreshed token.
const script = `
const getCustomJwtClaims = async ({ context }) => ({
  factors: context.user.mfaVerificationFactors,
  signin_amr: context.interaction ? context.interaction.amr : null,
  signin_mfa: context.interaction ? context.interaction.mfaFactors : null,
});`;

describe.each(DIALECTS)('MFA facts in the custom claims context (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedHasuraGuide(server);
    expect((await server.api('PATCH', '/sign-in-exp', { mfa: { factors: ['Totp', 'BackupCode'], policy: 'UserControlled' } })).status).toBe(
      200,
    );
    expect((await server.api('PUT', '/configs/jwt-customizer/access-token', { script, environmentVariables: {} })).status).toBe(200);
  }, 60_000);
  afterAll(() => server?.stop());

  /** Password on the hosted form, then the TOTP code when the user has one; the API token of a refresh. */
  async function apiClaims(totpSecret?: string) {
    const client = await openExperience({
      endpoint: server.endpoint,
      clientId: fx.spa.id,
      redirectUri: SPA_REDIRECT,
      extra: { scope: 'openid offline_access read:user', resource: HASURA_API },
    });
    const page = await submitSignIn(
      client.jar,
      { url: `${server.endpoint}/`, status: 200, html: client.html },
      fx.user.username,
      fx.user.password,
      SPA_REDIRECT,
    );
    let redirectTo = page.url;
    if (totpSecret) {
      expect(page.url.startsWith(SPA_REDIRECT)).toBe(false);
      const code = new TOTP({ secret: Secret.fromBase32(totpSecret) }).generate();
      expect((await client.call('POST', '/verification/totp/verify', { code })).status).toBe(200);
      const submitted = await client.call('POST', '/submit');
      expect(submitted.status).toBe(200);
      redirectTo = (submitted.body as { redirectTo: string }).redirectTo;
    }
    const tokens = await client.finish(redirectTo);
    const refreshed = await refresh(server.endpoint, fx.spa.id, tokens.refresh_token!, { resource: HASURA_API });
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    return decodeJwt(refreshed.body.access_token as string);
  }

  it('a password-only sign-in of a user without factors: no factors, amr pwd, no second factor used', async () => {
    const claims = await apiClaims();
    expect(claims.factors).toEqual([]);
    expect(claims.signin_amr).toEqual(['pwd']);
    expect(claims.signin_mfa).toEqual([]);
  });

  it('after enrolling TOTP and signing in with it: factors [Totp], amr pwd otp mfa, second factor otp', async () => {
    const created = await server.api('POST', `/users/${fx.user.id}/mfa-verifications`, { type: 'Totp' });
    expect(created.status).toBe(200);
    const claims = await apiClaims((created.body as { secret: string }).secret);
    expect(claims.factors).toEqual(['Totp']);
    expect(claims.signin_amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(claims.signin_mfa).toEqual(['otp']);
  });
});
