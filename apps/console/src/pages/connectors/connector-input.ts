import type { ConnectorDto } from '@gatehouse/client/dto';

/** Logto's connector factory ids the server implements, as the create form offers them. */
export type ConnectorPreset = 'oidc' | 'oauth2' | 'github-universal' | 'google-universal';

export const PRESETS: Array<{ value: ConnectorPreset; label: string; hint: string }> = [
  { value: 'oidc', label: 'OpenID Connect', hint: 'Any OIDC provider: give its issuer, or its endpoints and JWKS URI.' },
  { value: 'oauth2', label: 'OAuth 2.0', hint: 'A plain OAuth 2.0 provider with a user-info endpoint and a profile map.' },
  { value: 'github-universal', label: 'GitHub', hint: "GitHub's endpoints are built in: give the OAuth app's client id and secret." },
  { value: 'google-universal', label: 'Google', hint: "Google's issuer is built in: give the OAuth client's id and secret." },
];

/** Which protocol a preset speaks, and whether its endpoints are built in. */
export const protocolOf = (preset: ConnectorPreset): 'oidc' | 'oauth2' =>
  preset === 'oidc' || preset === 'google-universal' ? 'oidc' : 'oauth2';
export const isGeneric = (preset: ConnectorPreset): boolean => preset === 'oidc' || preset === 'oauth2';

/** The form's fields, all strings (checkboxes are 'true' or ''). */
export interface ConnectorValues {
  target: string;
  name: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  userInfoEndpoint: string;
  tokenEndpointAuthMethod: string;
  profileId: string;
  profileEmail: string;
  profileName: string;
  profileAvatar: string;
  trustUnverifiedEmail: string;
  syncProfile: string;
}

/** What POST /connectors (with connectorId) or PATCH /connectors/:id (without) receives. */
export interface ConnectorInput {
  connectorId?: ConnectorPreset;
  config: Record<string, unknown>;
  metadata: { target?: string; name?: string };
  syncProfile: boolean;
}

export function initialValues(connector?: ConnectorDto): ConnectorValues {
  const c = connector?.config;
  return {
    target: connector?.target ?? '',
    name: connector?.metadata.name.en ?? '',
    clientId: c?.clientId ?? '',
    // The stored secret is never shown: empty keeps it.
    clientSecret: '',
    scope: c?.scope ?? '',
    issuer: c?.issuer ?? '',
    authorizationEndpoint: c?.authorizationEndpoint ?? '',
    tokenEndpoint: c?.tokenEndpoint ?? '',
    jwksUri: c?.idTokenVerificationConfig?.jwksUri ?? '',
    userInfoEndpoint: c?.userInfoEndpoint ?? '',
    tokenEndpointAuthMethod: c?.tokenEndpointAuthMethod ?? 'client_secret_post',
    profileId: c?.profileMap?.id ?? '',
    profileEmail: c?.profileMap?.email ?? '',
    profileName: c?.profileMap?.name ?? '',
    profileAvatar: c?.profileMap?.avatar ?? '',
    trustUnverifiedEmail: c?.trustUnverifiedEmail ? 'true' : '',
    syncProfile: connector?.syncProfile ? 'true' : '',
  };
}

const given = (entries: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(entries).flatMap(([k, v]) => (v.trim() === '' ? [] : [[k, v.trim()]])));

/**
 * The request body for the form's values. Empty fields are left out, so the server fills
 * them (OIDC discovery, a preset's endpoints, the kept secret on edit); `editing` leaves out
 * connectorId and target, which cannot change.
 */
export function connectorInput(preset: ConnectorPreset, v: ConnectorValues, editing: boolean): ConnectorInput {
  const config: Record<string, unknown> = given({ clientId: v.clientId, clientSecret: v.clientSecret });
  // Empty scope means the preset's default on create; on edit the field holds the stored scope.
  if (v.scope.trim() !== '' || editing) config.scope = v.scope.trim();
  if (isGeneric(preset)) {
    Object.assign(config, given({ authorizationEndpoint: v.authorizationEndpoint, tokenEndpoint: v.tokenEndpoint }), {
      tokenEndpointAuthMethod: v.tokenEndpointAuthMethod,
    });
  }
  if (preset === 'oidc') {
    Object.assign(config, given({ issuer: v.issuer }));
    if (v.jwksUri.trim() !== '') config.idTokenVerificationConfig = { jwksUri: v.jwksUri.trim() };
  }
  if (preset === 'oauth2') {
    Object.assign(config, given({ userInfoEndpoint: v.userInfoEndpoint }));
    const profileMap = given({ id: v.profileId, email: v.profileEmail, name: v.profileName, avatar: v.profileAvatar });
    if (Object.keys(profileMap).length > 0) config.profileMap = profileMap;
  }
  if (protocolOf(preset) === 'oidc') config.trustUnverifiedEmail = v.trustUnverifiedEmail === 'true';
  const metadata = given(editing ? { name: v.name } : { target: v.target, name: v.name });
  return { ...(editing ? {} : { connectorId: preset }), config, metadata, syncProfile: v.syncProfile === 'true' };
}
