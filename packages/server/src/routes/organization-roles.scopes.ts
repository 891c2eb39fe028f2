import { z } from 'zod';
import * as service from '../services/organizations/index.ts';
import type { RouteDeps } from './context.ts';
import {
  OrganizationRoleResourceScopeParams,
  OrganizationRoleScopeParams,
  OrganizationScopeIdsBody,
  OrganizationScopeIdsReplaceBody,
  OrganizationScopeResponse,
  ScopeIdsReplaceBody,
} from './organization-schemas.ts';
import { IdParams, ScopeIdsBody, ScopeResponse } from './schemas.ts';

/** Organization scopes (`/scopes`) and API-resource scopes (`/resource-scopes`) a role grants. */
export function organizationRoleScopeRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Organization roles';
  registry.add(
    router,
    {
      method: 'get',
      path: '/organization-roles/:id/scopes',
      tag,
      summary: 'List the organization scopes a role grants',
      params: IdParams,
      response: z.array(OrganizationScopeResponse),
    },
    ({ params }) => service.listOrganizationRoleScopes(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organization-roles/:id/scopes',
      tag,
      summary: 'Add organization scopes to a role',
      params: IdParams,
      body: OrganizationScopeIdsBody,
      status: 201,
      response: z.undefined(),
    },
    ({ params, body }) => service.setOrganizationRoleScopes(deps, params.id, body.organizationScopeIds, 'add'),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/organization-roles/:id/scopes',
      tag,
      summary: 'Replace the organization scopes of a role',
      params: IdParams,
      body: OrganizationScopeIdsReplaceBody,
      status: 204,
      response: z.undefined(),
    },
    ({ params, body }) => service.setOrganizationRoleScopes(deps, params.id, body.organizationScopeIds, 'replace'),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organization-roles/:id/scopes/:organizationScopeId',
      tag,
      summary: 'Remove an organization scope from a role',
      params: OrganizationRoleScopeParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.removeOrganizationRoleScope(deps, params.id, params.organizationScopeId),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/organization-roles/:id/resource-scopes',
      tag,
      summary: 'List the API-resource scopes a role grants inside organizations',
      params: IdParams,
      response: z.array(ScopeResponse),
    },
    ({ params }) => service.listOrganizationRoleResourceScopes(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organization-roles/:id/resource-scopes',
      tag,
      summary: 'Add API-resource scopes to a role',
      params: IdParams,
      body: ScopeIdsBody,
      status: 201,
      response: z.undefined(),
    },
    ({ params, body }) => service.setOrganizationRoleResourceScopes(deps, params.id, body.scopeIds, 'add'),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/organization-roles/:id/resource-scopes',
      tag,
      summary: 'Replace the API-resource scopes of a role',
      params: IdParams,
      body: ScopeIdsReplaceBody,
      status: 204,
      response: z.undefined(),
    },
    ({ params, body }) => service.setOrganizationRoleResourceScopes(deps, params.id, body.scopeIds, 'replace'),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organization-roles/:id/resource-scopes/:scopeId',
      tag,
      summary: 'Remove an API-resource scope from a role',
      params: OrganizationRoleResourceScopeParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.removeOrganizationRoleResourceScope(deps, params.id, params.scopeId),
  );
}
