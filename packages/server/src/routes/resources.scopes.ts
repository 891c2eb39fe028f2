import { z } from 'zod';
import * as service from '../services/resources.ts';
import type { RouteDeps } from './context.ts';
import { IdParams, PageQuery, pageOf, ResourceScopeParams, ScopeCreateBody, ScopeResponse, ScopeUpdateBody } from './schemas.ts';

export function resourceScopeRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'API resources';
  registry.add(
    router,
    {
      method: 'get',
      path: '/resources/:id/scopes',
      tag,
      summary: 'List the scopes of an API resource',
      params: IdParams,
      query: PageQuery,
      response: ScopeResponse,
      paged: true,
    },
    ({ params, query }) => service.listScopes(deps, params.id, pageOf(query)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/resources/:id/scopes',
      tag,
      summary: 'Create a scope',
      params: IdParams,
      body: ScopeCreateBody,
      response: ScopeResponse,
      status: 201,
    },
    ({ params, body, facts }) => service.createScope(deps, params.id, body, facts),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/resources/:id/scopes/:scopeId',
      tag,
      summary: 'Update a scope',
      params: ResourceScopeParams,
      body: ScopeUpdateBody,
      response: ScopeResponse,
    },
    ({ params, body, facts }) => service.updateScope(deps, params.id, params.scopeId, body, facts),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/resources/:id/scopes/:scopeId',
      tag,
      summary: 'Delete a scope',
      params: ResourceScopeParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params, facts }) => service.deleteScope(deps, params.id, params.scopeId, facts),
  );
}
