import { z } from 'zod';
import {
  createConnector,
  deleteConnector,
  getConnector,
  listConnectors,
  toConnectorDto,
  updateConnector,
} from '../services/connectors/connectors.ts';
import { removeSocialSignInTarget } from '../services/sign-in-experience/settings.ts';
import type { RouteDeps } from './context.ts';
import { ConnectorCreateBody, ConnectorPatchBody, ConnectorResponse } from './connector-schemas.ts';
import { IdParams } from './schemas.ts';

/** Logto's /api/connectors for social sign-in: generic OIDC and OAuth 2.0 connectors and the GitHub and Google presets. */
export function connectorRoutes(deps: RouteDeps): void {
  const { router, registry, config } = deps;
  const tag = 'Connectors';
  const dto = (c: Parameters<typeof toConnectorDto>[1]) => toConnectorDto(config.endpoint, c);
  registry.add(
    router,
    {
      method: 'get',
      path: '/connectors',
      tag,
      summary: 'List social connectors (client secrets masked)',
      query: z.object({ target: z.string().max(128).optional() }),
      response: z.array(ConnectorResponse),
    },
    async ({ query }) => (await listConnectors(deps, query.target)).map(dto),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/connectors',
      tag,
      summary: 'Create a social connector; OIDC endpoints come from discovery when only config.issuer is given',
      body: ConnectorCreateBody,
      response: ConnectorResponse,
    },
    async ({ body }) => dto(await createConnector(deps, body)),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/connectors/:id',
      tag,
      summary: 'Get a social connector (client secret masked)',
      params: IdParams,
      response: ConnectorResponse,
    },
    async ({ params }) => dto(await getConnector(deps, params.id)),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/connectors/:id',
      tag,
      summary: 'Update a social connector (its target cannot change)',
      params: IdParams,
      body: ConnectorPatchBody,
      response: ConnectorResponse,
    },
    async ({ params, body }) => dto(await updateConnector(deps, params.id, body)),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/connectors/:id',
      tag,
      summary: 'Delete a social connector (its target leaves socialSignInConnectorTargets; linked identities stay)',
      params: IdParams,
      status: 204,
      response: z.undefined(),
    },
    async ({ params }) => {
      const removed = await deleteConnector(deps, params.id);
      await removeSocialSignInTarget(deps, removed.target);
    },
  );
}
