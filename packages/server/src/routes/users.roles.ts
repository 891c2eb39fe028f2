import { z } from 'zod';
import * as assignments from '../services/role-assignments.ts';
import type { RouteDeps } from './context.ts';
import { IdParams, RoleIdsBody, RoleMemberParams, RoleResponse } from './schemas.ts';

export function userRoleRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Users';
  registry.add(
    router,
    {
      method: 'get',
      path: '/users/:id/roles',
      tag,
      summary: 'List the roles of a user',
      params: IdParams,
      response: z.array(RoleResponse),
    },
    ({ params }) => assignments.listHolderRoles(deps, 'user', params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/users/:id/roles',
      tag,
      summary: 'Assign roles to a user',
      params: IdParams,
      body: RoleIdsBody,
      response: z.array(RoleResponse),
      status: 201,
    },
    ({ params, body, facts }) => assignments.assignRolesToHolder(deps, 'user', params.id, body.roleIds, facts),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/users/:id/roles/:roleId',
      tag,
      summary: 'Remove a role from a user',
      params: RoleMemberParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params, facts }) => assignments.removeRoleFromHolder(deps, 'user', params.id, params.roleId, facts),
  );
}
