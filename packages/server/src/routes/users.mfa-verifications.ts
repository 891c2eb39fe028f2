import { z } from 'zod';
import { MFA_FACTORS } from '../domain/accounts/mfa.ts';
import { createUserMfaVerification, deleteUserMfaVerification, listUserMfaVerifications } from '../services/mfa/index.ts';
import type { RouteDeps } from './context.ts';
import { Id, IdParams } from './schemas.ts';

const MfaVerificationResponse = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().optional(),
  type: z.enum(MFA_FACTORS),
  agent: z.string().optional(),
  name: z.string().optional(),
  remainCodes: z.number().optional().describe('Backup codes not used yet'),
});

const MfaVerificationCreateBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('Totp'),
    secret: z.string().max(64).optional().describe('A base32 secret (16-32 characters); generated when omitted'),
  }),
  z.object({
    type: z.literal('BackupCode'),
    codes: z.array(z.string().max(16)).max(10).optional().describe('10 codes of 10 hex characters; generated when omitted'),
  }),
]);

const MfaVerificationCreateResponse = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('Totp'),
    secret: z.string(),
    secretQrCode: z.string().describe('The otpauth URI as a QR code (SVG data URL)'),
    keyUri: z.string().describe('otpauth://totp/... for authenticator apps'),
  }),
  z.object({ type: z.literal('BackupCode'), codes: z.array(z.string()) }),
]);

/**
 * Logto's admin MFA routes (GET|POST /users/:userId/mfa-verifications, DELETE .../:verificationId):
 * the secret or the codes are in the POST's answer only; removal is the recovery for a lost device.
 */
export function userMfaVerificationRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Users';
  registry.add(
    router,
    {
      method: 'get',
      path: '/users/:id/mfa-verifications',
      operationId: 'ListUserMfaVerifications',
      tag,
      summary: "List a user's MFA verifications (no secrets)",
      params: IdParams,
      response: z.array(MfaVerificationResponse),
    },
    ({ params }) => listUserMfaVerifications(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/users/:id/mfa-verifications',
      operationId: 'CreateUserMfaVerification',
      tag,
      summary: 'Create a TOTP or backup-code verification for a user; the secret or codes are returned only here (422 when one exists)',
      params: IdParams,
      body: MfaVerificationCreateBody,
      response: MfaVerificationCreateResponse,
    },
    ({ params, body, facts }) => createUserMfaVerification(deps, params.id, body, facts),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/users/:id/mfa-verifications/:verificationId',
      operationId: 'DeleteUserMfaVerification',
      tag,
      summary: 'Remove an MFA verification (the recovery when a device is lost)',
      params: z.object({ id: Id, verificationId: z.string().min(1).max(64) }),
      status: 204,
      response: z.undefined(),
    },
    async ({ params, facts }) => {
      await deleteUserMfaVerification(deps, params.id, params.verificationId, facts);
    },
  );
}
