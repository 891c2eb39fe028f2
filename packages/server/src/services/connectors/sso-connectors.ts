import type { SsoConnectorDto } from '@gatehouse/client/dto';
import { callbackUri, maskSecret, keepsStoredSecret, withOpenIdScope, type ConnectorConfig } from '../../domain/connectors/config.ts';
import { ConnectorError, NotFoundError } from '../../domain/errors.ts';
import * as repo from '../../storage/repositories/connectors.ts';
import { listJitRoles } from '../../storage/repositories/organizations-jit.ts';
import { insertMemberRoles, insertMembers, listMemberIds } from '../../storage/repositories/organizations-members.ts';
import { newId } from '../../storage/ids.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { announceOrganizations, recordOrganizationEvent } from '../organizations/announce.ts';
import { requireOrganization } from '../organizations/guards.ts';
import { emailDomainOf } from '../organizations/jit.ts';
import { discoverIssuer } from './upstream.ts';

/** Logto's OIDC SSO connector config. */
export interface SsoConfig {
  clientId: string;
  clientSecret: string;
  issuer: string;
  scope?: string;
  trustUnverifiedEmail?: boolean;
}

export interface SsoConnector {
  id: string;
  connectorName: string;
  config: SsoConfig;
  domains: string[];
  branding: { displayName?: string; logo?: string; darkLogo?: string };
  syncProfile: boolean;
  createdAt: number;
}

/** The identity target of an SSO connector's users. */
export const ssoTarget = (id: string) => `sso:${id}`;

function parseRow(row: repo.SsoConnectorRow): SsoConnector {
  return {
    id: row.id,
    connectorName: row.connectorName,
    config: JSON.parse(row.config) as SsoConfig,
    domains: JSON.parse(row.domains) as string[],
    branding: JSON.parse(row.branding) as SsoConnector['branding'],
    syncProfile: row.syncProfile === 1,
    createdAt: row.createdAt,
  };
}

export function toSsoConnectorDto(endpoint: string, c: SsoConnector): SsoConnectorDto {
  return {
    id: c.id,
    providerName: 'OIDC',
    providerType: 'oidc',
    connectorName: c.connectorName,
    config: { ...c.config, clientSecret: maskSecret(c.config.clientSecret) },
    domains: c.domains,
    branding: c.branding,
    syncProfile: c.syncProfile,
    redirectUri: callbackUri(endpoint, c.id),
    createdAt: c.createdAt,
  };
}

/** The connector config the upstream protocol needs, from the issuer's discovery document (fetched at each sign-in). */
export async function resolveSsoConfig(config: SsoConfig): Promise<ConnectorConfig> {
  const meta = await discoverIssuer(config.issuer);
  const methods = meta.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  return {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    scope: withOpenIdScope(config.scope ?? 'openid profile email'),
    authorizationEndpoint: meta.authorization_endpoint ?? '',
    tokenEndpoint: meta.token_endpoint ?? '',
    tokenEndpointAuthMethod: methods.includes('client_secret_basic') ? 'client_secret_basic' : 'client_secret_post',
    issuer: meta.issuer,
    idTokenVerificationConfig: {
      jwksUri: meta.jwks_uri ?? '',
      issuer: meta.issuer,
      ...(meta.id_token_signing_alg_values_supported ? { algorithms: meta.id_token_signing_alg_values_supported } : {}),
    },
    ...(meta.userinfo_endpoint ? { userInfoEndpoint: meta.userinfo_endpoint } : {}),
    trustUnverifiedEmail: config.trustUnverifiedEmail,
  };
}

export async function listSsoConnectors(deps: ServiceDeps): Promise<SsoConnector[]> {
  return (await repo.listSsoConnectors(deps.db)).map(parseRow);
}

export async function getSsoConnector(deps: ServiceDeps, id: string): Promise<SsoConnector> {
  const row = await repo.findSsoConnectorById(deps.db, id);
  if (!row) throw new NotFoundError(`SSO connector ${id} not found.`);
  return parseRow(row);
}

export async function findSsoConnector(deps: ServiceDeps, id: string): Promise<SsoConnector | undefined> {
  const row = await repo.findSsoConnectorById(deps.db, id);
  return row ? parseRow(row) : undefined;
}

/** Logto's GET /api/experience/sso-connectors?email=: the connectors whose domains hold the address's domain. */
export async function ssoConnectorsForEmail(deps: ServiceDeps, email: string): Promise<SsoConnector[]> {
  const domain = emailDomainOf(email.trim());
  if (!domain) return [];
  return (await listSsoConnectors(deps)).filter((c) => c.domains.includes(domain));
}

function rethrowNameConflict(error: unknown, name: string | undefined): never {
  if (error instanceof Error && error.name === 'ConflictError') {
    throw new ConnectorError('single_sign_on.duplicate_connector_name', `An SSO connector named ${name} exists already.`);
  }
  throw error;
}

export async function createSsoConnector(
  deps: ServiceDeps,
  input: { connectorName: string; config: SsoConfig; domains?: string[]; branding?: SsoConnector['branding']; syncProfile?: boolean },
): Promise<SsoConnector> {
  // Logto checks the connection at creation: discovery must answer for this issuer.
  await discoverIssuer(input.config.issuer);
  const id = newId(12);
  try {
    await repo.insertSsoConnector(deps.db, {
      id,
      providerName: 'OIDC',
      connectorName: input.connectorName,
      config: JSON.stringify(input.config),
      domains: JSON.stringify([...new Set(input.domains ?? [])]),
      branding: JSON.stringify(input.branding ?? {}),
      syncProfile: input.syncProfile ? 1 : 0,
      createdAt: Date.now(),
    });
  } catch (error) {
    rethrowNameConflict(error, input.connectorName);
  }
  deps.logger.info({ event: 'sso_connector.created', ssoConnectorId: id }, 'SSO connector created');
  return getSsoConnector(deps, id);
}

export async function updateSsoConnector(
  deps: ServiceDeps,
  id: string,
  patch: {
    connectorName?: string;
    config?: Partial<SsoConfig>;
    domains?: string[];
    branding?: SsoConnector['branding'];
    syncProfile?: boolean;
  },
): Promise<SsoConnector> {
  const current = await getSsoConnector(deps, id);
  let config = current.config;
  if (patch.config) {
    config = {
      ...current.config,
      ...patch.config,
      clientSecret: keepsStoredSecret(patch.config.clientSecret) ? current.config.clientSecret : (patch.config.clientSecret ?? ''),
    };
    if (config.issuer !== current.config.issuer) await discoverIssuer(config.issuer);
  }
  try {
    await repo.updateSsoConnector(deps.db, id, {
      config: JSON.stringify(config),
      ...(patch.connectorName !== undefined ? { connectorName: patch.connectorName } : {}),
      ...(patch.domains !== undefined ? { domains: JSON.stringify([...new Set(patch.domains)]) } : {}),
      ...(patch.branding !== undefined ? { branding: JSON.stringify(patch.branding) } : {}),
      ...(patch.syncProfile !== undefined ? { syncProfile: patch.syncProfile ? 1 : 0 } : {}),
    });
  } catch (error) {
    rethrowNameConflict(error, patch.connectorName);
  }
  return getSsoConnector(deps, id);
}

export async function deleteSsoConnector(deps: ServiceDeps, id: string): Promise<void> {
  if ((await repo.deleteSsoConnector(deps.db, id)) === 0) throw new NotFoundError(`SSO connector ${id} not found.`);
}

/** Logto's /organizations/:id/jit/sso-connectors. */
export async function listOrganizationJitSsoConnectors(deps: ServiceDeps, organizationId: string): Promise<SsoConnector[]> {
  await requireOrganization(deps.db, organizationId);
  const ids = new Set(await repo.listJitSsoConnectorIds(deps.db, organizationId));
  return (await listSsoConnectors(deps)).filter((c) => ids.has(c.id));
}

async function requireSsoConnectorIds(deps: ServiceDeps, ids: readonly string[]): Promise<void> {
  for (const id of ids) if (!(await repo.findSsoConnectorById(deps.db, id))) throw new NotFoundError(`SSO connector ${id} not found.`);
}

export async function addOrganizationJitSsoConnectors(deps: ServiceDeps, organizationId: string, ids: string[]): Promise<void> {
  await requireOrganization(deps.db, organizationId);
  await requireSsoConnectorIds(deps, ids);
  await repo.insertJitSsoConnectors(deps.db, organizationId, ids);
}

export async function replaceOrganizationJitSsoConnectors(deps: ServiceDeps, organizationId: string, ids: string[]): Promise<void> {
  await requireOrganization(deps.db, organizationId);
  await requireSsoConnectorIds(deps, ids);
  await inTransaction(deps.db, async (trx) => {
    await repo.deleteJitSsoConnectors(trx, organizationId);
    await repo.insertJitSsoConnectors(trx, organizationId, ids);
  });
}

export async function removeOrganizationJitSsoConnector(deps: ServiceDeps, organizationId: string, ssoConnectorId: string): Promise<void> {
  await requireOrganization(deps.db, organizationId);
  if ((await repo.deleteJitSsoConnectors(deps.db, organizationId, ssoConnectorId)) === 0) {
    throw new NotFoundError(`SSO connector ${ssoConnectorId} is not a JIT connector of organization ${organizationId}.`);
  }
}

/** SSO just-in-time membership: a user signed in through the connector joins its organizations with their JIT roles. */
export async function applySsoJitMemberships(deps: ServiceDeps, ssoConnectorId: string, userId: string): Promise<string[]> {
  const organizationIds = await repo.listOrganizationIdsOfJitSsoConnector(deps.db, ssoConnectorId);
  if (organizationIds.length === 0) return [];
  const joined = await inTransaction(deps.db, async (trx) => {
    const added: string[] = [];
    for (const organizationId of organizationIds) {
      const wasMember = (await listMemberIds(trx, 'user', organizationId, [userId])).length > 0;
      await insertMembers(trx, 'user', organizationId, [userId]);
      const roles = await listJitRoles(trx, organizationId);
      await insertMemberRoles(
        trx,
        'user',
        organizationId,
        userId,
        roles.map((r) => r.id),
      );
      if (!wasMember) {
        added.push(organizationId);
        await recordOrganizationEvent(trx, { key: 'Organization.Membership.Updated', data: { organizationId, addedUserIds: [userId] } });
      }
    }
    return added;
  });
  await announceOrganizations(deps);
  return joined;
}
