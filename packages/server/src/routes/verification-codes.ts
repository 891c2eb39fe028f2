import { z } from 'zod';
import type { RouteDeps } from './context.ts';

// Logto's Management API codes: an admin tool sends a code to any address (Generic template)
// and checks it. The end-user flows (Experience API, Account API) use the same service.
const email = z.string().trim().toLowerCase().email('must be an email address').max(320);

export function verificationCodeRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Verification codes';
  registry.add(
    router,
    {
      method: 'post',
      path: '/verification-codes',
      tag,
      summary: 'Send a verification code (Generic template); 429 and 503 carry Retry-After',
      body: z.object({ email, locale: z.string().max(64).optional().describe('Language of the email, e.g. de') }),
      status: 204,
      response: z.undefined(),
    },
    async ({ body, ctx }) => {
      await deps.verificationCodes.send({ to: body.email, usage: 'Generic', locale: body.locale, ip: ctx.ip });
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/verification-codes/verify',
      tag,
      summary: 'Verify the newest code sent to an address; 400 verification_code.invalid otherwise',
      body: z.object({ email, verificationCode: z.string().max(16) }),
      status: 204,
      response: z.undefined(),
    },
    async ({ body }) => {
      await deps.verificationCodes.verifyLatest({ to: body.email, usage: 'Generic', code: body.verificationCode });
    },
  );
}
