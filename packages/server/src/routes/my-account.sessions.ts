import { z } from 'zod';
import { accountCallerOf } from '../http/require-user-token.ts';
import * as account from '../services/account/index.ts';
import type { RouteDeps } from './context.ts';
import { RevokeGrantsQuery, UserGrantsResponse, UserSessionsResponse } from './account-schemas.ts';

const SessionParams = z.object({ sessionId: z.string().min(1).max(128) });
const GrantParams = z.object({ grantId: z.string().min(1).max(128) });

/** Logto's /api/my-account/sessions and /grants: each needs scope urn:logto:scope:sessions and logto-verification-id. */
export function myAccountSessionRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'My account';
  registry.add(
    router,
    {
      method: 'get',
      path: '/my-account/sessions',
      tag,
      summary: 'List the active sessions (isCurrent marks this one)',
      response: UserSessionsResponse,
    },
    async ({ ctx }) => {
      const caller = accountCallerOf(ctx);
      await account.requireSessionAccess(deps, caller, 'read');
      return account.listUserSessions(deps, caller.userId, caller.sessionUid ?? '');
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/my-account/sessions/:sessionId',
      tag,
      summary: 'Revoke a session by its uid; revokeGrantsTarget also revokes its grants and their tokens',
      params: SessionParams,
      query: RevokeGrantsQuery,
      status: 204,
      response: z.undefined(),
    },
    async ({ ctx, params, query }) => {
      const caller = accountCallerOf(ctx);
      await account.requireSessionAccess(deps, caller, 'edit');
      await account.revokeUserSession(deps, caller.userId, params.sessionId, query.revokeGrantsTarget);
    },
  );
  registry.add(
    router,
    { method: 'get', path: '/my-account/grants', tag, summary: 'List the applications granted access', response: UserGrantsResponse },
    async ({ ctx }) => {
      const caller = accountCallerOf(ctx);
      await account.requireSessionAccess(deps, caller, 'read');
      return account.listUserGrants(deps, caller.userId);
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/my-account/grants/:grantId',
      tag,
      summary: 'Revoke a grant and every token issued under it',
      params: GrantParams,
      status: 204,
      response: z.undefined(),
    },
    async ({ ctx, params }) => {
      const caller = accountCallerOf(ctx);
      await account.requireSessionAccess(deps, caller, 'edit');
      await account.revokeUserGrant(deps, caller.userId, params.grantId);
    },
  );
}
