import type { ConnectorDto } from '@gatehouse/client/dto';
import {
  callbackUri,
  DEFAULT_PROFILE_MAP,
  maskSecret,
  keepsStoredSecret,
  PRESETS,
  withOpenIdScope,
  type ConnectorConfig,
  type ConnectorFactoryId,
  type ConnectorProtocol,
  type ProfileMap,
} from '../../domain/connectors/config.ts';
import { ConnectorError, NotFoundError, ValidationError, type ValidationIssue } from '../../domain/errors.ts';
import * as repo from '../../storage/repositories/connectors.ts';
import { newId } from '../../storage/ids.ts';
import type { ServiceDeps } from '../deps.ts';
import { assertConfigUrls, discoverIssuer } from './upstream.ts';

/** What an admin gives as config: Logto's fields (all checked here, per connector kind), or an issuer to discover. */
type ConnectorConfigInput = Partial<Omit<ConnectorConfig, 'profileMap'>> & { profileMap?: Partial<ProfileMap> };

export interface ConnectorCreateInput {
  connectorId: ConnectorFactoryId;
  config: ConnectorConfigInput;
  metadata?: { target?: string; name?: string; logo?: string | null };
  syncProfile?: boolean;
  enableTokenStorage?: boolean;
}

export interface ConnectorPatchInput {
  config?: ConnectorConfigInput;
  metadata?: { target?: string; name?: string; logo?: string | null };
  syncProfile?: boolean;
  enableTokenStorage?: boolean;
}

/** A stored connector, parsed: what sign-in needs. */
export interface SocialConnector {
  id: string;
  connectorId: ConnectorFactoryId;
  protocol: ConnectorProtocol;
  target: string;
  name: string;
  logo: string | null;
  config: ConnectorConfig;
  syncProfile: boolean;
  enableTokenStorage: boolean;
  createdAt: number;
}

function parseRow(row: repo.ConnectorRow): SocialConnector {
  const connectorId = row.connectorId as ConnectorFactoryId;
  return {
    id: row.id,
    connectorId,
    protocol: PRESETS[connectorId].protocol,
    target: row.target,
    name: row.name,
    logo: row.logo,
    config: JSON.parse(row.config) as ConnectorConfig,
    syncProfile: row.syncProfile === 1,
    enableTokenStorage: row.enableTokenStorage === 1,
    createdAt: row.createdAt,
  };
}

export function toConnectorDto(endpoint: string, c: SocialConnector): ConnectorDto {
  return {
    id: c.id,
    connectorId: c.connectorId,
    type: 'Social',
    isStandard: c.connectorId === 'oidc' || c.connectorId === 'oauth2',
    platform: 'Universal',
    target: c.target,
    metadata: { target: c.target, name: { en: c.name }, logo: c.logo },
    config: { ...c.config, clientSecret: maskSecret(c.config.clientSecret) },
    syncProfile: c.syncProfile,
    enableTokenStorage: c.enableTokenStorage,
    redirectUri: callbackUri(endpoint, c.id),
    createdAt: c.createdAt,
  };
}

/**
 * Turns what the admin gave into a complete config for the connector's kind: preset fields,
 * defaults (Logto's: client_secret_post, openid in an OIDC scope), and the endpoints from OIDC
 * discovery when an issuer is given without them. Every missing field is listed at once.
 */
async function resolveConfig(connectorId: ConnectorFactoryId, input: ConnectorConfigInput): Promise<ConnectorConfig> {
  const preset = PRESETS[connectorId];
  const merged: ConnectorConfigInput = { ...input, ...preset.fixed };
  if (
    preset.protocol === 'oidc' &&
    merged.issuer &&
    (!merged.authorizationEndpoint || !merged.tokenEndpoint || !merged.idTokenVerificationConfig)
  ) {
    const meta = await discoverIssuer(merged.issuer);
    merged.authorizationEndpoint ??= meta.authorization_endpoint;
    merged.tokenEndpoint ??= meta.token_endpoint;
    merged.userInfoEndpoint ??= meta.userinfo_endpoint;
    merged.idTokenVerificationConfig ??= {
      jwksUri: meta.jwks_uri ?? '',
      issuer: meta.issuer,
      ...(meta.id_token_signing_alg_values_supported ? { algorithms: meta.id_token_signing_alg_values_supported } : {}),
    };
    if (!merged.tokenEndpointAuthMethod) {
      const supported = meta.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
      merged.tokenEndpointAuthMethod = supported.includes('client_secret_post') ? 'client_secret_post' : 'client_secret_basic';
    }
  }
  const issues: ValidationIssue[] = [];
  const need = (field: keyof ConnectorConfigInput, why = 'is required') => {
    if (merged[field] === undefined || merged[field] === '') issues.push({ path: `config.${field}`, message: why });
  };
  need('clientId');
  need('clientSecret');
  const how = preset.protocol === 'oidc' ? 'is required (or give issuer for discovery)' : 'is required';
  need('authorizationEndpoint', how);
  need('tokenEndpoint', how);
  if (preset.protocol === 'oidc') need('idTokenVerificationConfig', how);
  else need('userInfoEndpoint');
  if (issues.length > 0) throw new ValidationError(`Invalid config: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  const scope = merged.scope ?? preset.defaultScope;
  const config: ConnectorConfig = {
    ...(merged as ConnectorConfig),
    scope: preset.protocol === 'oidc' ? withOpenIdScope(scope) : scope,
    tokenEndpointAuthMethod: merged.tokenEndpointAuthMethod ?? 'client_secret_post',
    ...(preset.protocol === 'oauth2' ? { profileMap: { ...DEFAULT_PROFILE_MAP, ...merged.profileMap } } : {}),
  };
  assertConfigUrls(config, preset.protocol);
  return config;
}

async function assertTargetFree(deps: ServiceDeps, target: string, exceptId?: string): Promise<void> {
  const holder = await repo.findConnectorByTarget(deps.db, target);
  if (holder && holder.id !== exceptId) {
    throw new ConnectorError(
      'connector.multiple_target_with_same_platform',
      `A connector with target ${target} exists already (${holder.id}).`,
    );
  }
}

export async function listConnectors(deps: ServiceDeps, target?: string): Promise<SocialConnector[]> {
  const all = (await repo.listConnectors(deps.db)).map(parseRow);
  return target === undefined ? all : all.filter((c) => c.target === target);
}

export async function findConnector(deps: ServiceDeps, id: string): Promise<SocialConnector | undefined> {
  const row = await repo.findConnectorById(deps.db, id);
  return row ? parseRow(row) : undefined;
}

export async function getConnector(deps: ServiceDeps, id: string): Promise<SocialConnector> {
  const connector = await findConnector(deps, id);
  if (!connector) throw new NotFoundError(`Connector ${id} not found.`);
  return connector;
}

export async function findConnectorByTarget(deps: ServiceDeps, target: string): Promise<SocialConnector | undefined> {
  const row = await repo.findConnectorByTarget(deps.db, target);
  return row ? parseRow(row) : undefined;
}

export async function createConnector(deps: ServiceDeps, input: ConnectorCreateInput): Promise<SocialConnector> {
  const preset = PRESETS[input.connectorId];
  const target = input.metadata?.target ?? preset.target;
  if (!target) throw new ValidationError('metadata.target is required.', [{ path: 'metadata.target', message: 'is required' }]);
  await assertTargetFree(deps, target);
  const config = await resolveConfig(input.connectorId, input.config);
  const id = newId(12);
  await repo.insertConnector(deps.db, {
    id,
    connectorId: input.connectorId,
    target,
    name: input.metadata?.name ?? preset.name ?? target,
    logo: input.metadata?.logo ?? null,
    config: JSON.stringify(config),
    syncProfile: input.syncProfile ? 1 : 0,
    enableTokenStorage: input.enableTokenStorage ? 1 : 0,
    createdAt: Date.now(),
  });
  deps.logger.info({ event: 'connector.created', connectorId: id, target }, 'connector created');
  return getConnector(deps, id);
}

export async function updateConnector(deps: ServiceDeps, id: string, patch: ConnectorPatchInput): Promise<SocialConnector> {
  const current = await getConnector(deps, id);
  if (patch.metadata?.target !== undefined && patch.metadata.target !== current.target) {
    throw new ConnectorError('connector.can_not_modify_target', 'The target of a connector cannot change: identities are stored under it.');
  }
  let config = current.config;
  if (patch.config) {
    const given = patch.config;
    // A new issuer is discovered again unless the patch names the endpoints itself.
    const rediscover = given.issuer !== undefined && given.issuer !== current.config.issuer;
    const base: ConnectorConfigInput = rediscover
      ? {
          ...current.config,
          authorizationEndpoint: undefined,
          tokenEndpoint: undefined,
          idTokenVerificationConfig: undefined,
          userInfoEndpoint: undefined,
        }
      : current.config;
    config = await resolveConfig(current.connectorId, {
      ...base,
      ...given,
      clientSecret: keepsStoredSecret(given.clientSecret) ? current.config.clientSecret : given.clientSecret,
    });
  }
  await repo.updateConnector(deps.db, id, {
    config: JSON.stringify(config),
    ...(patch.metadata?.name !== undefined ? { name: patch.metadata.name } : {}),
    ...(patch.metadata?.logo !== undefined ? { logo: patch.metadata.logo } : {}),
    ...(patch.syncProfile !== undefined ? { syncProfile: patch.syncProfile ? 1 : 0 } : {}),
    ...(patch.enableTokenStorage !== undefined ? { enableTokenStorage: patch.enableTokenStorage ? 1 : 0 } : {}),
  });
  deps.logger.info({ event: 'connector.updated', connectorId: id, fields: Object.keys(patch) }, 'connector updated');
  return getConnector(deps, id);
}

/** Removes the connector; its target leaves the sign-in experience's list (the caller's settings store does that). */
export async function deleteConnector(deps: ServiceDeps, id: string): Promise<SocialConnector> {
  const current = await getConnector(deps, id);
  await repo.deleteConnector(deps.db, id);
  deps.logger.info({ event: 'connector.deleted', connectorId: id, target: current.target }, 'connector deleted');
  return current;
}
