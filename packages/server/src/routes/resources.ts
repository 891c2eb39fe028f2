import { z } from 'zod';
import * as service from '../services/resources.ts';
import type { RouteDeps } from './context.ts';
import { IdParams, PageQuery, pageOf, ResourceCreateBody, ResourceResponse, ResourceUpdateBody } from './schemas.ts';

export function resourceRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'API resources';
  registry.add(
    router,
    { method: 'get', path: '/resources', tag, summary: 'List API resources', query: PageQuery, response: ResourceResponse, paged: true },
    ({ query }) => service.listResources(deps, pageOf(query), query.search),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/resources',
      tag,
      summary: 'Create an API resource',
      body: ResourceCreateBody,
      response: ResourceResponse,
      status: 201,
    },
    ({ body, facts }) => service.createResource(deps, body, facts),
  );
  registry.add(
    router,
    { method: 'get', path: '/resources/:id', tag, summary: 'Get an API resource', params: IdParams, response: ResourceResponse },
    ({ params }) => service.getResource(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/resources/:id',
      tag,
      summary: 'Update an API resource',
      params: IdParams,
      body: ResourceUpdateBody,
      response: ResourceResponse,
    },
    ({ params, body, facts }) => service.updateResource(deps, params.id, body, facts),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/resources/:id',
      tag,
      summary: 'Delete an API resource and its scopes',
      params: IdParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params, facts }) => service.deleteResource(deps, params.id, facts),
  );
}
