import { z } from 'zod';
import { listUserSessions, revokeUserSession, sendPasswordResetEmail } from '../services/account/index.ts';
import { getUser } from '../services/users.ts';
import { RevokeGrantsQuery, UserSessionsResponse } from './account-schemas.ts';
import type { RouteDeps } from './context.ts';
import { Id, IdParams } from './schemas.ts';

/**
 * A user's sessions for admins (Logto's GET /users/:userId/sessions and DELETE
 * /users/:userId/sessions/:sessionId) and a reset-password email (Logto has none).
 */
export function userSessionRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Users';
  registry.add(
    router,
    {
      method: 'get',
      path: '/users/:id/sessions',
      tag,
      summary: "List a user's active sessions",
      params: IdParams,
      response: UserSessionsResponse,
    },
    async ({ params }) => {
      await getUser(deps, params.id);
      return listUserSessions(deps, params.id, null);
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/users/:id/sessions/:sessionId',
      tag,
      summary: 'End a session of a user by its uid; revokeGrantsTarget also revokes its grants and their tokens',
      params: z.object({ id: Id, sessionId: z.string().min(1).max(128) }),
      query: RevokeGrantsQuery,
      status: 204,
      response: z.undefined(),
    },
    async ({ params, query }) => {
      await revokeUserSession(deps, params.id, params.sessionId, query.revokeGrantsTarget);
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/users/:id/password/reset-email',
      tag,
      summary: 'Send the user the ForgotPassword email with a reset code (422 without an email; 429/503 carry Retry-After)',
      params: IdParams,
      status: 204,
      response: z.undefined(),
    },
    async ({ params, ctx }) => {
      await sendPasswordResetEmail(deps, { userId: params.id, ip: ctx.ip });
    },
  );
}
