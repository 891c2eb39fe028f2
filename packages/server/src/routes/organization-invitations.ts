import { z } from 'zod';
import * as service from '../services/organizations/index.ts';
import type { RouteDeps } from './context.ts';
import { InvitationCreateBody, InvitationListQuery, InvitationResponse, InvitationStatusBody } from './organization-schemas.ts';
import { IdParams } from './schemas.ts';

export function organizationInvitationRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Organization invitations';
  registry.add(
    router,
    {
      method: 'get',
      path: '/organization-invitations',
      tag,
      summary: 'List invitations (filter by organizationId, inviterId, invitee)',
      query: InvitationListQuery,
      response: z.array(InvitationResponse),
    },
    ({ query }) => service.listInvitations(deps, query),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organization-invitations',
      tag,
      summary: 'Invite an email address to an organization (email sent only with messagePayload and mail configured)',
      body: InvitationCreateBody,
      response: InvitationResponse,
      status: 201,
    },
    ({ body }) => service.createInvitation(deps, body),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/organization-invitations/:id',
      tag,
      summary: 'Get an invitation',
      params: IdParams,
      response: InvitationResponse,
    },
    ({ params }) => service.getInvitation(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organization-invitations/:id',
      tag,
      summary: 'Delete an invitation',
      params: IdParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.deleteInvitation(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/organization-invitations/:id/status',
      tag,
      summary: 'Accept (adds the membership and roles) or revoke a pending invitation',
      params: IdParams,
      body: InvitationStatusBody,
      response: InvitationResponse,
    },
    ({ params, body }) => service.updateInvitationStatus(deps, params.id, body),
  );
}
