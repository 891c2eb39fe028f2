/** Tables of sign-in through other identity providers (social and enterprise SSO connectors). */
export interface ConnectorsTable {
  id: string;
  /** Logto's connector factory id: 'oidc', 'oauth2', 'github-universal', 'google-universal'. */
  connectorId: string;
  /** Logto's metadata.target: the identity key on users; fixed once created. */
  target: string;
  name: string;
  logo: string | null;
  /** JSON: the connector's config, client secret included (never returned in full by the API). */
  config: string;
  syncProfile: number;
  enableTokenStorage: number;
  createdAt: number;
}

export interface SsoConnectorsTable {
  id: string;
  providerName: string;
  connectorName: string;
  /** JSON: `{ clientId, clientSecret, issuer, scope? }` (Logto's OIDC SSO config). */
  config: string;
  /** JSON array of lowercase email domains. */
  domains: string;
  /** JSON: `{ displayName?, logo?, darkLogo? }`. */
  branding: string;
  syncProfile: number;
  createdAt: number;
}

export interface UserIdentitiesTable {
  userId: string;
  /** The social connector's target, or 'sso:<sso connector id>'. */
  target: string;
  /** The upstream account's id (`sub`, or the profileMap's id). */
  identityId: string;
  /** JSON: the upstream profile (email, name, avatar, raw claims). */
  details: string;
  /** JSON of the upstream tokens, only when the connector's enableTokenStorage is on; never returned by any API. */
  tokens: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface OrganizationJitSsoConnectorsTable {
  organizationId: string;
  ssoConnectorId: string;
}
