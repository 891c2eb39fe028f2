import { z } from 'zod';
import * as service from '../services/organizations/index.ts';
import type { RouteDeps } from './context.ts';
import {
  OrganizationPageQuery,
  OrganizationScopeCreateBody,
  OrganizationScopeResponse,
  OrganizationScopeUpdateBody,
  searchOf,
} from './organization-schemas.ts';
import { IdParams, pageOf } from './schemas.ts';

/** The organization template's permissions (e.g. `invite:member`), shared by every organization. */
export function organizationScopeRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Organization scopes';
  registry.add(
    router,
    {
      method: 'get',
      path: '/organization-scopes',
      tag,
      summary: 'List organization scopes',
      query: OrganizationPageQuery,
      response: OrganizationScopeResponse,
      paged: true,
    },
    ({ query }) => service.listOrganizationScopes(deps, pageOf(query), searchOf(query)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organization-scopes',
      tag,
      summary: 'Create an organization scope',
      body: OrganizationScopeCreateBody,
      response: OrganizationScopeResponse,
      status: 201,
    },
    ({ body }) => service.createOrganizationScope(deps, body),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/organization-scopes/:id',
      tag,
      summary: 'Get an organization scope',
      params: IdParams,
      response: OrganizationScopeResponse,
    },
    ({ params }) => service.getOrganizationScope(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/organization-scopes/:id',
      tag,
      summary: 'Update an organization scope',
      params: IdParams,
      body: OrganizationScopeUpdateBody,
      response: OrganizationScopeResponse,
    },
    ({ params, body }) => service.updateOrganizationScope(deps, params.id, body),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organization-scopes/:id',
      tag,
      summary: 'Delete an organization scope (roles granting it lose it)',
      params: IdParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.deleteOrganizationScope(deps, params.id),
  );
}
