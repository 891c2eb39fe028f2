import { z } from 'zod';
import * as service from '../services/organizations/index.ts';
import type { RouteDeps } from './context.ts';
import {
  OrganizationCreateBody,
  OrganizationPageQuery,
  OrganizationResponse,
  OrganizationUpdateBody,
  searchOf,
} from './organization-schemas.ts';
import { IdParams, pageOf } from './schemas.ts';

export function organizationRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Organizations';
  registry.add(
    router,
    {
      method: 'get',
      path: '/organizations',
      tag,
      summary: 'List organizations (q: name or id)',
      query: OrganizationPageQuery,
      response: OrganizationResponse,
      paged: true,
    },
    ({ query }) => service.listOrganizations(deps, pageOf(query), searchOf(query)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organizations',
      tag,
      summary: 'Create an organization',
      body: OrganizationCreateBody,
      response: OrganizationResponse,
      status: 201,
    },
    ({ body }) => service.createOrganization(deps, body),
  );
  registry.add(
    router,
    { method: 'get', path: '/organizations/:id', tag, summary: 'Get an organization', params: IdParams, response: OrganizationResponse },
    ({ params }) => service.getOrganization(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/organizations/:id',
      tag,
      summary: 'Update an organization',
      params: IdParams,
      body: OrganizationUpdateBody,
      response: OrganizationResponse,
    },
    ({ params, body }) => service.updateOrganization(deps, params.id, body),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organizations/:id',
      tag,
      summary: 'Delete an organization with its memberships, invitations and JIT rules',
      params: IdParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.deleteOrganization(deps, params.id),
  );
}
