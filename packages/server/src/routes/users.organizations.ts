import { z } from 'zod';
import * as service from '../services/organizations/index.ts';
import type { RouteDeps } from './context.ts';
import { OrganizationWithRolesResponse } from './organization-schemas.ts';
import { IdParams } from './schemas.ts';

export function userOrganizationRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  registry.add(
    router,
    {
      method: 'get',
      path: '/users/:id/organizations',
      tag: 'Users',
      summary: "List a user's organizations with the user's roles in each",
      params: IdParams,
      response: z.array(OrganizationWithRolesResponse),
    },
    ({ params }) => service.listUserOrganizations(deps, params.id),
  );
}
