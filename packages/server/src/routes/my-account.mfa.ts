import { z } from 'zod';
import { MFA_FACTORS } from '../domain/accounts/mfa.ts';
import { accountCallerOf } from '../http/require-user-token.ts';
import * as mfa from '../services/account/mfa.ts';
import type { RouteDeps } from './context.ts';

const MfaVerification = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().optional(),
  type: z.enum(MFA_FACTORS),
  agent: z.string().optional(),
  name: z.string().optional(),
  remainCodes: z.number().optional(),
});
const AddBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Totp'), secret: z.string().min(1).max(64), code: z.string().min(1).max(16) }),
  z.object({ type: z.literal('BackupCode'), codes: z.array(z.string().max(32)).max(32) }),
]);
const Params = z.object({ verificationId: z.string().min(1).max(128) });

/**
 * Logto's /api/my-account/mfa-verifications for the user's own token: list, generate a TOTP
 * secret or backup codes, bind one (logto-verification-id), remove one (services/account/mfa.ts).
 */
export function myAccountMfaRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'My account';
  registry.add(
    router,
    {
      method: 'get',
      path: '/my-account/mfa-verifications',
      tag,
      summary: 'List the second factors (no secrets)',
      response: z.array(MfaVerification),
    },
    ({ ctx }) => mfa.listMyMfaVerifications(deps, accountCallerOf(ctx)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/my-account/mfa-verifications/totp-secret/generate',
      tag,
      summary: 'A new TOTP secret and its QR code, bound by POST /my-account/mfa-verifications with a code (needs logto-verification-id)',
      response: z.object({ secret: z.string(), secretQrCode: z.string() }),
    },
    ({ ctx }) => mfa.generateMyTotpSecret(deps, accountCallerOf(ctx)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/my-account/mfa-verifications/backup-codes/generate',
      tag,
      summary: 'Ten backup codes to show once, bound by POST /my-account/mfa-verifications (needs logto-verification-id)',
      response: z.object({ codes: z.array(z.string()) }),
    },
    ({ ctx }) => mfa.generateMyBackupCodes(deps, accountCallerOf(ctx)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/my-account/mfa-verifications',
      tag,
      summary: 'Bind a TOTP secret (with a code from it) or backup codes (needs logto-verification-id)',
      body: AddBody,
      response: z.object({ id: z.string() }),
    },
    ({ ctx, body, facts }) => mfa.addMyMfaVerification(deps, accountCallerOf(ctx), body, facts),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/my-account/mfa-verifications/:verificationId',
      tag,
      summary: 'Remove a second factor (needs logto-verification-id)',
      params: Params,
      status: 204,
      response: z.undefined(),
    },
    ({ ctx, params, facts }) => mfa.deleteMyMfaVerification(deps, accountCallerOf(ctx), params.verificationId, facts),
  );
}
