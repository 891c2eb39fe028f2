import { z } from 'zod';
import * as service from '../services/applications.ts';
import type { RouteDeps } from './context.ts';
import { ApplicationCreateBody, ApplicationResponse, ApplicationUpdateBody, IdParams, PageQuery, pageOf } from './schemas.ts';

export function applicationRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Applications';
  registry.add(
    router,
    {
      method: 'get',
      path: '/applications',
      tag,
      summary: 'List applications',
      query: PageQuery,
      response: ApplicationResponse,
      paged: true,
    },
    ({ query }) => service.listApplications(deps, pageOf(query), query.search),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/applications',
      tag,
      summary: 'Create an application (the response carries its secret, shown once)',
      body: ApplicationCreateBody,
      response: ApplicationResponse,
      status: 201,
    },
    ({ body, facts }) => service.createApplication(deps, body, {}, facts),
  );
  registry.add(
    router,
    { method: 'get', path: '/applications/:id', tag, summary: 'Get an application', params: IdParams, response: ApplicationResponse },
    ({ params }) => service.getApplication(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/applications/:id',
      tag,
      summary: 'Update an application',
      params: IdParams,
      body: ApplicationUpdateBody,
      response: ApplicationResponse,
    },
    ({ params, body, facts }) => service.updateApplication(deps, params.id, body, facts),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/applications/:id/secret/rotate',
      tag,
      summary: 'Rotate the secret (the response carries the new secret, shown once)',
      params: IdParams,
      response: ApplicationResponse,
    },
    ({ params, facts }) => service.rotateApplicationSecret(deps, params.id, undefined, facts),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/applications/:id',
      tag,
      summary: 'Delete an application',
      params: IdParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params, facts }) => service.deleteApplication(deps, params.id, facts),
  );
}
