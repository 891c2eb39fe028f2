import { z } from 'zod';
import * as service from '../services/users.ts';
import type { RouteDeps } from './context.ts';
import { IdentitiesResponse } from './connector-schemas.ts';
import { getUserWithIdentities } from '../services/connectors/identity-sign-in.ts';
import { IdParams, PageQuery, pageOf, UserCreateBody, UserPasswordBody, UserResponse, UserSuspendBody, UserUpdateBody } from './schemas.ts';

export function userRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Users';
  registry.add(
    router,
    {
      method: 'get',
      path: '/users',
      tag,
      summary: 'List users (search by username, email, name or id)',
      query: PageQuery,
      response: UserResponse,
      paged: true,
    },
    ({ query }) => service.listUsers(deps, pageOf(query), query.search),
  );
  registry.add(
    router,
    { method: 'post', path: '/users', tag, summary: 'Create a user', body: UserCreateBody, response: UserResponse, status: 201 },
    ({ body, facts }) => service.createUser(deps, body, facts),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/users/:id',
      tag,
      summary: "Get a user, with Logto's identities ({ [target]: { userId, details } })",
      params: IdParams,
      response: z.intersection(UserResponse, z.object({ identities: IdentitiesResponse })),
    },
    ({ params }) => getUserWithIdentities(deps, params.id),
  );
  registry.add(
    router,
    { method: 'patch', path: '/users/:id', tag, summary: 'Update a user', params: IdParams, body: UserUpdateBody, response: UserResponse },
    ({ params, body, facts }) => service.updateUser(deps, params.id, body, facts),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/users/:id/password',
      tag,
      summary: "Set a user's password",
      params: IdParams,
      body: UserPasswordBody,
      response: UserResponse,
    },
    ({ params, body, facts }) => service.setUserPassword(deps, params.id, body.password, facts),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/users/:id/is-suspended',
      tag,
      summary: 'Suspend or reinstate a user',
      params: IdParams,
      body: UserSuspendBody,
      response: UserResponse,
    },
    ({ params, body, facts }) => service.setUserSuspended(deps, params.id, body.isSuspended, facts),
  );
  registry.add(
    router,
    { method: 'delete', path: '/users/:id', tag, summary: 'Delete a user', params: IdParams, status: 204, response: z.undefined() },
    ({ params, facts }) => service.deleteUser(deps, params.id, facts),
  );
}
