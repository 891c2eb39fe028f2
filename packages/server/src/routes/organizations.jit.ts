import { z } from 'zod';
import * as service from '../services/organizations/index.ts';
import type { RouteDeps } from './context.ts';
import {
  JitEmailDomainBody,
  JitEmailDomainParams,
  JitEmailDomainResponse,
  JitEmailDomainsBody,
  OrganizationJitRoleParams,
  OrganizationRoleIdsBody,
  OrganizationRoleIdsReplaceBody,
  OrganizationRoleResponse,
} from './organization-schemas.ts';
import { IdParams } from './schemas.ts';

/** Just-in-time membership: users with a verified email in these domains join with these roles. */
export function organizationJitRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Organizations';
  registry.add(
    router,
    {
      method: 'get',
      path: '/organizations/:id/jit/email-domains',
      tag,
      summary: 'List the JIT email domains of an organization',
      params: IdParams,
      response: z.array(JitEmailDomainResponse),
    },
    ({ params }) => service.listJitEmailDomains(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organizations/:id/jit/email-domains',
      tag,
      summary: 'Add a JIT email domain',
      params: IdParams,
      body: JitEmailDomainBody,
      response: JitEmailDomainResponse,
      status: 201,
    },
    ({ params, body }) => service.addJitEmailDomain(deps, params.id, body.emailDomain),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/organizations/:id/jit/email-domains',
      tag,
      summary: 'Replace the JIT email domains',
      params: IdParams,
      body: JitEmailDomainsBody,
      status: 204,
      response: z.undefined(),
    },
    ({ params, body }) => service.replaceJitEmailDomains(deps, params.id, body.emailDomains),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organizations/:id/jit/email-domains/:emailDomain',
      tag,
      summary: 'Remove a JIT email domain',
      params: JitEmailDomainParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.removeJitEmailDomain(deps, params.id, params.emailDomain),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/organizations/:id/jit/roles',
      tag,
      summary: 'List the organization roles JIT members get',
      params: IdParams,
      response: z.array(OrganizationRoleResponse),
    },
    ({ params }) => service.listJitRoles(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organizations/:id/jit/roles',
      tag,
      summary: 'Add JIT organization roles',
      params: IdParams,
      body: OrganizationRoleIdsBody,
      status: 201,
      response: z.undefined(),
    },
    ({ params, body }) => service.setJitRoles(deps, params.id, body.organizationRoleIds, 'add'),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/organizations/:id/jit/roles',
      tag,
      summary: 'Replace the JIT organization roles',
      params: IdParams,
      body: OrganizationRoleIdsReplaceBody,
      status: 204,
      response: z.undefined(),
    },
    ({ params, body }) => service.setJitRoles(deps, params.id, body.organizationRoleIds, 'replace'),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organizations/:id/jit/roles/:organizationRoleId',
      tag,
      summary: 'Remove a JIT organization role',
      params: OrganizationJitRoleParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.removeJitRole(deps, params.id, params.organizationRoleId),
  );
}
