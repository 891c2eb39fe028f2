import { z } from 'zod';
import * as assignments from '../services/role-assignments.ts';
import * as service from '../services/roles.ts';
import type { RouteDeps } from './context.ts';
import { ApplicationIdsBody, ApplicationResponse, IdParams, PageQuery, pageOf, RoleApplicationParams } from './schemas.ts';

export function roleApplicationRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Roles';
  registry.add(
    router,
    {
      method: 'get',
      path: '/roles/:id/applications',
      tag,
      summary: 'List the applications holding a role',
      params: IdParams,
      query: PageQuery,
      response: ApplicationResponse,
      paged: true,
    },
    ({ params, query }) => service.listRoleApplications(deps, params.id, pageOf(query)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/roles/:id/applications',
      tag,
      summary: 'Assign a machine role to applications',
      params: IdParams,
      body: ApplicationIdsBody,
      status: 201,
      response: z.undefined(),
    },
    ({ params, body, facts }) => assignments.assignRoleToHolders(deps, 'application', params.id, body.applicationIds, facts),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/roles/:id/applications/:applicationId',
      tag,
      summary: 'Remove a role from an application',
      params: RoleApplicationParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params, facts }) => assignments.removeRoleFromHolder(deps, 'application', params.applicationId, params.id, facts),
  );
}
