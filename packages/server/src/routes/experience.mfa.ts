import type Router from '@koa/router';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type Koa from 'koa';
import { z } from 'zod';
import { MFA_FACTORS } from '../domain/accounts/mfa.ts';
import type { RequestFacts } from '../domain/request-facts.ts';
import type { RouteRegistry } from '../http/route.ts';
import {
  addMfaToProfile,
  createPasskeySignIn,
  createTotpSecret,
  createWebAuthnAuthentication,
  createWebAuthnRegistration,
  generateBackupCodes,
  verifyBackupCode,
  verifyPasskeySignIn,
  verifyTotp,
  verifyWebAuthnAuthentication,
  verifyWebAuthnRegistration,
} from '../services/experience/mfa.ts';
import type { ExperienceDeps, InteractionHandle } from '../services/experience/service.ts';

const verificationId = z.string().min(1).max(64);
const VerificationIdResponse = z.object({ verificationId: z.string() });
/** The browser's PublicKeyCredential as JSON (toJSON()); @simplewebauthn/server checks every field. */
const credentialJson = z
  .object({
    id: z.string().max(2048),
    rawId: z.string().max(2048),
    type: z.literal('public-key'),
    response: z.record(z.string(), z.unknown()),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.string().optional(),
  })
  .loose();
const options = z.record(z.string(), z.unknown()).describe('PublicKeyCredential options JSON (PublicKeyCredential.parse*OptionsFromJSON)');

/**
 * Logto's second-factor and passkey routes of the Experience API, on its router (same-origin
 * JSON, bound to the interaction cookie): /verification/totp, /web-authn, /backup-code,
 * /sign-in-passkey, and POST /profile/mfa.
 */
export function experienceMfaRoutes(
  router: Router,
  registry: RouteRegistry,
  deps: ExperienceDeps,
  session: (ctx: Koa.Context) => Promise<InteractionHandle>,
): void {
  const tag = 'Experience';
  const attempt = (ctx: Koa.Context, facts: RequestFacts) => ({ ip: ctx.ip, facts });
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/totp/secret',
      tag,
      operationId: 'CreateTotpSecret',
      summary: 'A new TOTP secret for the identified user, with its otpauth URI and QR code (SVG data URL)',
      response: z.object({ verificationId: z.string(), secret: z.string(), secretQrCode: z.string(), keyUri: z.string() }),
    },
    async ({ ctx }) => createTotpSecret(deps, await session(ctx)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/totp/verify',
      tag,
      operationId: 'VerifyTotpVerification',
      summary:
        "With verificationId: the new secret's first code. Without: a code of the user's app (once per code; failures count to the lockout)",
      body: z.object({ code: z.string().max(16), verificationId: verificationId.optional() }),
      response: VerificationIdResponse,
    },
    async ({ ctx, body, facts }) => verifyTotp(deps, await session(ctx), body, attempt(ctx, facts)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/web-authn/registration',
      tag,
      operationId: 'CreateWebAuthnRegistrationVerification',
      summary: 'Options for navigator.credentials.create (a passkey or security key for the identified user)',
      response: z.object({ verificationId: z.string(), registrationOptions: options }),
    },
    async ({ ctx }) => createWebAuthnRegistration(deps, await session(ctx), ctx.get('user-agent') || undefined),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/web-authn/registration/verify',
      tag,
      operationId: 'VerifyWebAuthnRegistrationVerification',
      summary: "Check the authenticator's answer; bind it with POST /profile/mfa",
      body: z.object({ verificationId, payload: credentialJson }),
      response: VerificationIdResponse,
    },
    async ({ ctx, body }) =>
      verifyWebAuthnRegistration(deps, await session(ctx), {
        verificationId: body.verificationId,
        payload: body.payload as unknown as RegistrationResponseJSON,
      }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/web-authn/authentication',
      tag,
      operationId: 'CreateWebAuthnAuthenticationVerification',
      summary: "Options for navigator.credentials.get with the identified user's credentials (a second factor)",
      response: z.object({ verificationId: z.string(), authenticationOptions: options }),
    },
    async ({ ctx }) => createWebAuthnAuthentication(deps, await session(ctx)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/web-authn/authentication/verify',
      tag,
      operationId: 'VerifyWebAuthnAuthenticationVerification',
      summary: 'Check the assertion (origin, RP ID, challenge, signature, counter)',
      body: z.object({ verificationId, payload: credentialJson }),
      response: VerificationIdResponse,
    },
    async ({ ctx, body }) =>
      verifyWebAuthnAuthentication(deps, await session(ctx), {
        verificationId: body.verificationId,
        payload: body.payload as unknown as AuthenticationResponseJSON,
      }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/backup-code/generate',
      tag,
      operationId: 'GenerateBackupCodes',
      summary: '10 new backup codes, shown once; bound with POST /profile/mfa',
      response: z.object({ verificationId: z.string(), codes: z.array(z.string()) }),
    },
    async ({ ctx }) => generateBackupCodes(deps, await session(ctx)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/backup-code/verify',
      tag,
      operationId: 'VerifyBackupCode',
      summary: 'Use a backup code (each once; failures count to the lockout)',
      body: z.object({ code: z.string().max(32) }),
      response: VerificationIdResponse,
    },
    async ({ ctx, body, facts }) => verifyBackupCode(deps, await session(ctx), body.code, attempt(ctx, facts)),
  );
  const passkeyOptions = {
    tag,
    summary: 'Usernameless passkey sign-in: options for any discoverable credential (passkeySignIn.enabled)',
    response: z.object({ verificationId: z.string(), authenticationOptions: options }),
  };
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/preflight/sign-in-passkey/authentication',
      operationId: 'CreatePreflightPasskeyAuthentication',
      ...passkeyOptions,
    },
    async ({ ctx }) => createPasskeySignIn(deps, await session(ctx)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/sign-in-passkey/authentication',
      operationId: 'CreateSignInPasskeyAuthentication',
      ...passkeyOptions,
    },
    async ({ ctx }) => createPasskeySignIn(deps, await session(ctx)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/sign-in-passkey/authentication/verify',
      tag,
      operationId: 'VerifySignInPasskeyAuthentication',
      summary: 'Check the assertion (user verification required); identifies the user whose credential it is',
      body: z.object({ verificationId: verificationId.optional(), payload: credentialJson }),
      response: VerificationIdResponse,
    },
    async ({ ctx, body }) =>
      verifyPasskeySignIn(deps, await session(ctx), {
        verificationId: body.verificationId,
        payload: body.payload as unknown as AuthenticationResponseJSON,
      }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/profile/mfa',
      tag,
      operationId: 'BindMfaVerification',
      summary: 'Bind a verified new factor (Totp, WebAuthn, BackupCode) to the account at submit',
      body: z.object({ type: z.enum(MFA_FACTORS), verificationId }),
      status: 204,
    },
    async ({ ctx, body }) => addMfaToProfile(deps, await session(ctx), body),
  );
}
