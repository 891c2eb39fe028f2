import { z } from 'zod';
import { accountCallerOf } from '../http/require-user-token.ts';
import * as account from '../services/account/index.ts';
import type { RouteDeps } from './context.ts';
import { MyAccountResponse, MyAccountUpdateBody, PasswordBody, PrimaryEmailBody, UserProfileBody } from './account-schemas.ts';

/**
 * Logto's Account API (/api/my-account), for the user's own opaque access token
 * (http/require-user-token.ts). Sensitive changes read the `logto-verification-id` header.
 */
export function myAccountRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'My account';
  registry.add(
    router,
    { method: 'get', path: '/my-account', tag, summary: 'Get profile (fields by scope and account center)', response: MyAccountResponse },
    ({ ctx }) => account.getMyAccount(deps, accountCallerOf(ctx)),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/my-account',
      tag,
      summary: 'Update name, avatar, username (needs logto-verification-id) or customData (scope custom_data)',
      body: MyAccountUpdateBody,
      response: MyAccountResponse,
    },
    ({ ctx, body, facts }) => account.updateMyAccount(deps, accountCallerOf(ctx), body, facts),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/my-account/profile',
      tag,
      summary: 'Update the OIDC standard profile (givenName, familyName, locale, ...); merges',
      body: UserProfileBody,
      response: UserProfileBody,
    },
    ({ ctx, body, facts }) => account.updateMyProfile(deps, accountCallerOf(ctx), body, facts),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/my-account/password',
      tag,
      summary: 'Set a new password (needs logto-verification-id; 422 password.rejected names what the policy refuses)',
      body: PasswordBody,
      status: 204,
      response: z.undefined(),
    },
    async ({ ctx, body, facts }) => {
      await account.changeMyPassword(deps, accountCallerOf(ctx), body.password, facts);
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/my-account/primary-email',
      tag,
      summary: 'Change the primary email (needs logto-verification-id and a verified code sent to the new address)',
      body: PrimaryEmailBody,
      status: 204,
      response: z.undefined(),
    },
    async ({ ctx, body, facts }) => {
      await account.changeMyPrimaryEmail(deps, accountCallerOf(ctx), body, facts);
    },
  );
}
