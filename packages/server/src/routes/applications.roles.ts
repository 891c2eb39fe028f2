import { z } from 'zod';
import * as assignments from '../services/role-assignments.ts';
import type { RouteDeps } from './context.ts';
import { IdParams, RoleIdsBody, RoleMemberParams, RoleResponse } from './schemas.ts';

export function applicationRoleRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Applications';
  registry.add(
    router,
    {
      method: 'get',
      path: '/applications/:id/roles',
      tag,
      summary: 'List the roles of a machine application',
      params: IdParams,
      response: z.array(RoleResponse),
    },
    ({ params }) => assignments.listHolderRoles(deps, 'application', params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/applications/:id/roles',
      tag,
      summary: 'Assign machine roles to an application',
      params: IdParams,
      body: RoleIdsBody,
      response: z.array(RoleResponse),
      status: 201,
    },
    ({ params, body, facts }) => assignments.assignRolesToHolder(deps, 'application', params.id, body.roleIds, facts),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/applications/:id/roles/:roleId',
      tag,
      summary: 'Remove a role from an application',
      params: RoleMemberParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params, facts }) => assignments.removeRoleFromHolder(deps, 'application', params.id, params.roleId, facts),
  );
}
