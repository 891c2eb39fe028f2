import { z } from 'zod';
import * as service from '../services/roles.ts';
import type { RouteDeps } from './context.ts';
import { IdParams, RoleScopeParams, ScopeIdsBody, ScopeResponse } from './schemas.ts';

export function roleScopeRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Roles';
  registry.add(
    router,
    {
      method: 'get',
      path: '/roles/:id/scopes',
      tag,
      summary: 'List the scopes a role grants',
      params: IdParams,
      response: z.array(ScopeResponse),
    },
    ({ params }) => service.listRoleScopes(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/roles/:id/scopes',
      tag,
      summary: 'Add scopes to a role',
      params: IdParams,
      body: ScopeIdsBody,
      response: z.array(ScopeResponse),
      status: 201,
    },
    ({ params, body, facts }) => service.addRoleScopes(deps, params.id, body.scopeIds, facts),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/roles/:id/scopes/:scopeId',
      tag,
      summary: 'Remove a scope from a role',
      params: RoleScopeParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params, facts }) => service.removeRoleScope(deps, params.id, params.scopeId, facts),
  );
}
