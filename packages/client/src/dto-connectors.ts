/** Wire types of sign-in through other identity providers: Logto's connectors, SSO connectors and user identities. */

/** Logto's connector config, as the Management API returns it: the client secret is masked. */
export interface ConnectorConfigDto {
  clientId: string;
  /** Masked: `********` and the last four characters. */
  clientSecret: string;
  scope: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  tokenEndpointAuthMethod: 'client_secret_basic' | 'client_secret_post';
  issuer?: string;
  idTokenVerificationConfig?: { jwksUri: string; issuer?: string; audience?: string; algorithms?: string[] };
  userInfoEndpoint?: string;
  profileMap?: { id: string; email: string; name: string; avatar: string; emailVerified?: string };
  authRequestOptionalConfig?: {
    responseMode?: string;
    display?: string;
    prompt?: string;
    maxAge?: string;
    uiLocales?: string;
    loginHint?: string;
    acrValues?: string;
  };
  trustUnverifiedEmail?: boolean;
}

/** A social connector (Logto's connector response, the subset Gatehouse implements). */
export interface ConnectorDto {
  id: string;
  /** Logto's factory id: 'oidc', 'oauth2', 'github-universal', 'google-universal'. */
  connectorId: string;
  type: 'Social';
  isStandard: boolean;
  platform: 'Universal';
  target: string;
  metadata: { target: string; name: { en: string }; logo: string | null };
  config: ConnectorConfigDto;
  syncProfile: boolean;
  enableTokenStorage: boolean;
  /** The redirect URI to register at the upstream provider: `$ENDPOINT/callback/<id>`. */
  redirectUri: string;
  createdAt: number;
}

/** Logto's SSO connector (OIDC kind). */
export interface SsoConnectorDto {
  id: string;
  providerName: 'OIDC';
  providerType: 'oidc';
  connectorName: string;
  config: { clientId: string; clientSecret: string; issuer: string; scope?: string; trustUnverifiedEmail?: boolean };
  domains: string[];
  branding: { displayName?: string; logo?: string; darkLogo?: string };
  syncProfile: boolean;
  redirectUri: string;
  createdAt: number;
}

/** Logto's user identities: one entry per connector target. */
export type UserIdentitiesDto = Record<string, { userId: string; details?: Record<string, unknown> }>;
