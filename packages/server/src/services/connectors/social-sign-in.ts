import type { ConnectorConfig, ConnectorProtocol, UpstreamIdentity } from '../../domain/connectors/config.ts';
import { ConnectorError, NotFoundError } from '../../domain/errors.ts';
import type { RequestFacts } from '../../domain/request-facts.ts';
import { findConnector, findConnectorByTarget } from './connectors.ts';
import {
  signInOrRegisterWithIdentity,
  type IdentityPolicy,
  type IdentitySignInDeps,
  type IdentitySignInResult,
} from './identity-sign-in.ts';
import { applySsoJitMemberships, findSsoConnector, resolveSsoConfig, ssoTarget } from './sso-connectors.ts';
import { buildUpstreamAuthorization, completeUpstreamAuthorization, type PendingAuthorization } from './upstream.ts';

/*
 * Sign-in through a connector, social or enterprise SSO, from either front: the hosted pages
 * (GET /callback/:connectorId) and the Experience API (/verification/social/...). Both keep
 * the pending request in the OIDC interaction (server-side, bound to the interaction cookie),
 * so a callback is accepted only in the browser that started it, once.
 */

/** The request in flight, kept in the interaction until its callback comes back. */
export interface PendingSignIn extends PendingAuthorization {
  /** The social or SSO connector's id (the `:connectorId` of the callback path). */
  connectorId: string;
}

interface SignInSource {
  kind: 'social' | 'sso';
  id: string;
  target: string;
  name: string;
  protocol: ConnectorProtocol;
  config: ConnectorConfig;
  policy: IdentityPolicy;
}

async function sourceOf(deps: IdentitySignInDeps, connectorId: string): Promise<SignInSource> {
  const social = await findConnector(deps, connectorId);
  if (social) {
    return {
      kind: 'social',
      id: social.id,
      target: social.target,
      name: social.name,
      protocol: social.protocol,
      config: social.config,
      policy: { syncProfile: social.syncProfile, enableTokenStorage: social.enableTokenStorage },
    };
  }
  const sso = await findSsoConnector(deps, connectorId);
  if (!sso) throw new NotFoundError(`Connector ${connectorId} not found.`);
  return {
    kind: 'sso',
    id: sso.id,
    target: ssoTarget(sso.id),
    name: sso.branding.displayName ?? sso.connectorName,
    protocol: 'oidc',
    config: await resolveSsoConfig(sso.config),
    policy: { syncProfile: sso.syncProfile, enableTokenStorage: false },
  };
}

/** The upstream authorization URL for a connector, and the pending request to keep with the interaction. */
export async function getAuthorizationUri(
  deps: IdentitySignInDeps,
  input: { connectorId: string; redirectUri: string; state?: string },
): Promise<{ url: string; pending: PendingSignIn }> {
  const source = await sourceOf(deps, input.connectorId);
  const { url, pending } = await buildUpstreamAuthorization({
    config: source.config,
    protocol: source.protocol,
    redirectUri: input.redirectUri,
    state: input.state,
  });
  return { url, pending: { ...pending, connectorId: source.id } };
}

export interface VerifiedCallback {
  identity: UpstreamIdentity;
  tokens: Record<string, unknown>;
  kind: 'social' | 'sso';
  connectorId: string;
  policy: IdentityPolicy;
}

/** Checks the upstream's answer to a pending request: the verified upstream identity (no local account touched yet). */
export async function verifySocialCallback(
  deps: IdentitySignInDeps,
  input: { connectorId: string; pending: PendingSignIn | undefined; callbackParams: URLSearchParams },
): Promise<VerifiedCallback> {
  if (!input.pending || input.pending.connectorId !== input.connectorId) {
    throw new ConnectorError(
      'connector.authorization_failed',
      'This sign-in was not started here, or its answer was used already. Start again.',
    );
  }
  const source = await sourceOf(deps, input.connectorId);
  const { identity, tokens } = await completeUpstreamAuthorization({
    config: source.config,
    protocol: source.protocol,
    target: source.target,
    pending: input.pending,
    callbackParams: input.callbackParams,
  });
  return { identity, tokens, kind: source.kind, connectorId: source.id, policy: source.policy };
}

/** Finds, links or creates the local account of a verified callback; SSO users join the connector's JIT organizations. */
export async function signInWithVerifiedCallback(
  deps: IdentitySignInDeps,
  verified: VerifiedCallback,
  facts: RequestFacts,
): Promise<IdentitySignInResult> {
  const result = await signInOrRegisterWithIdentity(deps, {
    identity: verified.identity,
    policy: verified.policy,
    tokens: verified.tokens,
    facts,
    ...(verified.kind === 'sso' ? { linkByVerifiedEmail: true } : {}),
  });
  if (verified.kind === 'sso') await applySsoJitMemberships(deps, verified.connectorId, result.userId);
  return result;
}

/** Buttons for the hosted sign-in page: the enabled social connectors, in the settings' order. */
export async function enabledSocialConnectors(
  deps: IdentitySignInDeps,
): Promise<Array<{ id: string; target: string; name: string; logo: string | null }>> {
  const { socialSignInConnectorTargets } = await deps.signInExperience.get();
  const out: Array<{ id: string; target: string; name: string; logo: string | null }> = [];
  for (const target of socialSignInConnectorTargets) {
    const c = await findConnectorByTarget(deps, target);
    if (c) out.push({ id: c.id, target: c.target, name: c.name, logo: c.logo });
  }
  return out;
}
