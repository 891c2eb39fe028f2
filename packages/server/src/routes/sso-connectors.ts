import { z } from 'zod';
import {
  addOrganizationJitSsoConnectors,
  createSsoConnector,
  deleteSsoConnector,
  getSsoConnector,
  listOrganizationJitSsoConnectors,
  listSsoConnectors,
  removeOrganizationJitSsoConnector,
  replaceOrganizationJitSsoConnectors,
  toSsoConnectorDto,
  updateSsoConnector,
  type SsoConnector,
} from '../services/connectors/sso-connectors.ts';
import type { RouteDeps } from './context.ts';
import { SsoConnectorCreateBody, SsoConnectorPatchBody, SsoConnectorResponse } from './connector-schemas.ts';
import { Id, IdParams } from './schemas.ts';

const SsoConnectorIds = z.object({ ssoConnectorIds: z.array(Id).max(100) });

/** Logto's /api/sso-connectors (OIDC kind) and /api/organizations/:id/jit/sso-connectors. */
export function ssoConnectorRoutes(deps: RouteDeps): void {
  const { router, registry, config } = deps;
  const tag = 'SSO connectors';
  const dto = (c: SsoConnector) => toSsoConnectorDto(config.endpoint, c);
  registry.add(
    router,
    {
      method: 'get',
      path: '/sso-connectors',
      tag,
      summary: 'List SSO connectors (client secrets masked)',
      response: z.array(SsoConnectorResponse),
    },
    async () => (await listSsoConnectors(deps)).map(dto),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/sso-connectors',
      tag,
      summary: 'Create an SSO connector: users whose email is in its domains sign in at its issuer (discovery must answer)',
      body: SsoConnectorCreateBody,
      response: SsoConnectorResponse,
    },
    async ({ body }) => dto(await createSsoConnector(deps, body)),
  );
  registry.add(
    router,
    { method: 'get', path: '/sso-connectors/:id', tag, summary: 'Get an SSO connector', params: IdParams, response: SsoConnectorResponse },
    async ({ params }) => dto(await getSsoConnector(deps, params.id)),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/sso-connectors/:id',
      tag,
      summary: 'Update an SSO connector (a masked or absent clientSecret keeps the stored one)',
      params: IdParams,
      body: SsoConnectorPatchBody,
      response: SsoConnectorResponse,
    },
    async ({ params, body }) => dto(await updateSsoConnector(deps, params.id, body)),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/sso-connectors/:id',
      tag,
      summary: 'Delete an SSO connector',
      params: IdParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => deleteSsoConnector(deps, params.id),
  );

  const orgTag = 'Organizations';
  registry.add(
    router,
    {
      method: 'get',
      path: '/organizations/:id/jit/sso-connectors',
      tag: orgTag,
      summary: 'The SSO connectors whose users join this organization just in time',
      params: IdParams,
      response: z.array(SsoConnectorResponse),
    },
    async ({ params }) => (await listOrganizationJitSsoConnectors(deps, params.id)).map(dto),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organizations/:id/jit/sso-connectors',
      tag: orgTag,
      summary: 'Add JIT SSO connectors',
      params: IdParams,
      body: SsoConnectorIds,
      status: 201,
      response: z.undefined(),
    },
    ({ params, body }) => addOrganizationJitSsoConnectors(deps, params.id, body.ssoConnectorIds),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/organizations/:id/jit/sso-connectors',
      tag: orgTag,
      summary: 'Replace the JIT SSO connectors',
      params: IdParams,
      body: SsoConnectorIds,
      status: 204,
      response: z.undefined(),
    },
    ({ params, body }) => replaceOrganizationJitSsoConnectors(deps, params.id, body.ssoConnectorIds),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organizations/:id/jit/sso-connectors/:ssoConnectorId',
      tag: orgTag,
      summary: 'Remove a JIT SSO connector',
      params: z.object({ id: Id, ssoConnectorId: Id }),
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => removeOrganizationJitSsoConnector(deps, params.id, params.ssoConnectorId),
  );
}
