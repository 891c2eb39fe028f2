import { accountCallerOf } from '../http/require-user-token.ts';
import * as account from '../services/account/index.ts';
import type { RouteDeps } from './context.ts';
import { PasswordBody, VerificationCodeBody, VerificationCodeVerifyBody, VerificationRecordResponse } from './account-schemas.ts';
import { z } from 'zod';

/**
 * Logto's /api/verifications: records that prove the user (password, or a code to their own
 * email) for the `logto-verification-id` header, or prove a new address. Each lives 10 minutes
 * and belongs to the user whose token created it.
 */
export function verificationRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Verifications';
  registry.add(
    router,
    {
      method: 'post',
      path: '/verifications/password',
      tag,
      summary: "Verify the user's password (counts against the sign-in lockout; 422 when wrong)",
      body: PasswordBody,
      response: VerificationRecordResponse,
      status: 201,
    },
    ({ ctx, body, facts }) =>
      account.createPasswordVerification(deps, { userId: accountCallerOf(ctx).userId, password: body.password, ip: ctx.ip, facts }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/verifications/verification-code',
      tag,
      summary: 'Send a code to an email: the own address proves the user, a new one proves that address (429/503 carry Retry-After)',
      body: VerificationCodeBody,
      response: VerificationRecordResponse,
      status: 201,
    },
    ({ ctx, body }) =>
      account.createEmailCodeVerification(deps, {
        userId: accountCallerOf(ctx).userId,
        email: body.identifier.value,
        ip: ctx.ip,
        locale: ctx.acceptsLanguages()[0],
      }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/verifications/verification-code/verify',
      tag,
      summary: 'Verify the code of a verification record (400 verification_code.invalid when wrong, expired or used)',
      body: VerificationCodeVerifyBody,
      response: z.object({ verificationRecordId: z.string() }),
    },
    ({ ctx, body }) =>
      account.verifyEmailCodeVerification(deps, {
        userId: accountCallerOf(ctx).userId,
        verificationId: body.verificationId,
        email: body.identifier.value,
        code: body.code,
      }),
  );
}
