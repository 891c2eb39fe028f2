import { z } from 'zod';
import * as assignments from '../services/role-assignments.ts';
import * as service from '../services/roles.ts';
import type { RouteDeps } from './context.ts';
import { IdParams, PageQuery, pageOf, RoleUserParams, UserIdsBody, UserResponse } from './schemas.ts';

export function roleUserRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Roles';
  registry.add(
    router,
    {
      method: 'get',
      path: '/roles/:id/users',
      tag,
      summary: 'List the users holding a role',
      params: IdParams,
      query: PageQuery,
      response: UserResponse,
      paged: true,
    },
    ({ params, query }) => service.listRoleUsers(deps, params.id, pageOf(query)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/roles/:id/users',
      tag,
      summary: 'Assign a role to users',
      params: IdParams,
      body: UserIdsBody,
      status: 201,
      response: z.undefined(),
    },
    ({ params, body, facts }) => assignments.assignRoleToHolders(deps, 'user', params.id, body.userIds, facts),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/roles/:id/users/:userId',
      tag,
      summary: 'Remove a role from a user',
      params: RoleUserParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params, facts }) => assignments.removeRoleFromHolder(deps, 'user', params.userId, params.id, facts),
  );
}
