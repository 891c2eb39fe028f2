import { z } from 'zod';
import { putIdentity, unlinkIdentity } from '../services/connectors/identity-sign-in.ts';
import type { RouteDeps } from './context.ts';
import { IdentitiesResponse } from './connector-schemas.ts';
import { Id } from './schemas.ts';

const IdentityParams = z.object({ userId: Id, target: z.string().min(1).max(160) });

/** Logto's user identity operations: link an identity by its upstream id, or unlink one. */
export function userIdentityRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Users';
  registry.add(
    router,
    {
      method: 'put',
      path: '/users/:userId/identities/:target',
      tag,
      summary: 'Link (or replace) the identity of a target by its upstream user id',
      params: IdentityParams,
      body: z.object({ userId: z.string().min(1).max(512), details: z.record(z.string(), z.unknown()).optional() }),
      response: IdentitiesResponse,
    },
    ({ params, body }) => putIdentity(deps, params.userId, params.target, body),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/users/:userId/identities/:target',
      tag,
      summary: "Unlink the user's identity of a target (404 user.identity_not_exist)",
      params: IdentityParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => unlinkIdentity(deps, params.userId, params.target),
  );
}
