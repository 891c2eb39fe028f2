import { z } from 'zod';
import * as service from '../services/roles.ts';
import type { RouteDeps } from './context.ts';
import { IdParams, pageOf, RoleCreateBody, RoleListQuery, RoleResponse, RoleUpdateBody } from './schemas.ts';

export function roleRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Roles';
  registry.add(
    router,
    { method: 'get', path: '/roles', tag, summary: 'List roles', query: RoleListQuery, response: RoleResponse, paged: true },
    ({ query }) => service.listRoles(deps, pageOf(query), { search: query.search, type: query.type }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/roles',
      tag,
      summary: 'Create a role (optionally with scopeIds)',
      body: RoleCreateBody,
      response: RoleResponse,
      status: 201,
    },
    ({ body, facts }) => service.createRole(deps, body, facts),
  );
  registry.add(
    router,
    { method: 'get', path: '/roles/:id', tag, summary: 'Get a role', params: IdParams, response: RoleResponse },
    ({ params }) => service.getRole(deps, params.id),
  );
  registry.add(
    router,
    { method: 'patch', path: '/roles/:id', tag, summary: 'Update a role', params: IdParams, body: RoleUpdateBody, response: RoleResponse },
    ({ params, body, facts }) => service.updateRole(deps, params.id, body, facts),
  );
  registry.add(
    router,
    { method: 'delete', path: '/roles/:id', tag, summary: 'Delete a role', params: IdParams, status: 204, response: z.undefined() },
    ({ params, facts }) => service.deleteRole(deps, params.id, facts),
  );
}
