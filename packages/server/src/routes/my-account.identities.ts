import { z } from 'zod';
import { accountCallerOf } from '../http/require-user-token.ts';
import * as identities from '../services/account/identities.ts';
import type { RouteDeps } from './context.ts';

const connectorData = z.record(z.string(), z.string().max(8192)).describe("The provider's callback query parameters");

/**
 * Logto's social identities of the Account API: a Social verification record
 * (/verifications/social, then /verify with the provider's answer), then
 * POST /my-account/identities links it; DELETE unlinks. Both need logto-verification-id.
 */
export function myAccountIdentityRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  registry.add(
    router,
    {
      method: 'post',
      path: '/verifications/social',
      tag: 'Verifications',
      summary: "A social verification: the provider's authorization URI (redirectUri must be registered at the provider)",
      body: z.object({
        connectorId: z.string().min(1).max(64),
        redirectUri: z.string().url().max(2048),
        state: z.string().min(8).max(512),
      }),
      response: z.object({ verificationRecordId: z.string(), authorizationUri: z.string(), expiresAt: z.string() }),
    },
    ({ ctx, body }) => identities.createSocialVerification(deps, { userId: accountCallerOf(ctx).userId, ...body }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/verifications/social/verify',
      tag: 'Verifications',
      summary: "Check the provider's answer; the request is spent whatever the outcome (401 connector.authorization_failed)",
      body: z.object({ verificationRecordId: z.string().min(1).max(64), connectorData }),
      response: z.object({ verificationRecordId: z.string() }),
    },
    ({ ctx, body }) => identities.verifySocialVerification(deps, { userId: accountCallerOf(ctx).userId, ...body }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/my-account/identities',
      tag: 'My account',
      summary: 'Link the identity of a verified social verification (needs logto-verification-id; 409 when linked elsewhere)',
      body: z.object({ newIdentifierVerificationRecordId: z.string().min(1).max(64) }),
      status: 204,
      response: z.undefined(),
    },
    ({ ctx, body }) => identities.linkMyIdentity(deps, accountCallerOf(ctx), body.newIdentifierVerificationRecordId),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/my-account/identities/:target',
      tag: 'My account',
      summary: 'Unlink the identity of a target (needs logto-verification-id; 404 user.identity_not_exist)',
      params: z.object({ target: z.string().min(1).max(160) }),
      status: 204,
      response: z.undefined(),
    },
    ({ ctx, params }) => identities.unlinkMyIdentity(deps, accountCallerOf(ctx), params.target),
  );
}
