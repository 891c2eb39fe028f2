import type { ConnectorDto, SsoConnectorDto, UserIdentitiesDto } from '@gatehouse/client/dto';
import { z } from 'zod';
import { CONNECTOR_IDS } from '../domain/connectors/config.ts';

const url = z.string().max(2048).url('must be an absolute URL');
const authRequestOptionalConfig = z
  .object({
    responseMode: z.string().max(64),
    display: z.string().max(64),
    prompt: z.string().max(64),
    maxAge: z.string().max(16),
    uiLocales: z.string().max(256),
    loginHint: z.string().max(320),
    acrValues: z.string().max(512),
  })
  .partial()
  .strict();
const profileMap = z
  .object({
    id: z.string().min(1).max(256),
    email: z.string().min(1).max(256),
    name: z.string().min(1).max(256),
    avatar: z.string().min(1).max(256),
    emailVerified: z.string().min(1).max(256),
  })
  .partial()
  .strict()
  .describe("Logto's profileMap: dotted paths into the user-info response (e.g. data.user.id); emailVerified is Gatehouse's addition");

/** Logto's OIDC and OAuth2 connector config fields, plus issuer (OIDC discovery). Which are required depends on connectorId. */
const ConnectorConfigBody = z
  .object({
    clientId: z.string().min(1).max(512),
    clientSecret: z.string().min(1).max(2048),
    scope: z.string().max(1024),
    issuer: url.describe('OIDC: discover the endpoints and the ID token issuer from {issuer}/.well-known/openid-configuration'),
    authorizationEndpoint: url,
    tokenEndpoint: url,
    tokenEndpointAuthMethod: z.enum(['client_secret_basic', 'client_secret_post']),
    idTokenVerificationConfig: z
      .object({
        jwksUri: url,
        issuer: z.string().max(2048).optional(),
        audience: z.string().max(2048).optional(),
        algorithms: z.array(z.string().max(16)).max(20).optional(),
      })
      .strict(),
    userInfoEndpoint: url,
    profileMap,
    authRequestOptionalConfig,
    trustUnverifiedEmail: z.boolean(),
  })
  .partial()
  .strict();

const target = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.-]+$/, 'letters, digits, _ . and - only');
/** Logto's metadata.name is a map of languages; a plain string is accepted too. */
const name = z
  .union([z.string().min(1).max(256), z.object({ en: z.string().min(1).max(256) }).loose()])
  .transform((v) => (typeof v === 'string' ? v : v.en));
const Metadata = z.object({ target: target.optional(), name: name.optional(), logo: z.string().max(2048).nullable().optional() });

export const ConnectorCreateBody = z.object({
  connectorId: z.enum(CONNECTOR_IDS).describe("Logto's factory id: oidc, oauth2, github-universal, google-universal"),
  config: ConnectorConfigBody,
  metadata: Metadata.optional().describe('target (required for oidc and oauth2; fixed once created), name, logo'),
  syncProfile: z.boolean().optional().describe('Refresh name and avatar from the provider at every sign-in'),
  enableTokenStorage: z.boolean().optional().describe("Keep the provider's tokens (off by default; never returned by any API)"),
});

export const ConnectorPatchBody = z.object({
  config: ConnectorConfigBody.optional().describe(
    'Fields given replace the stored ones; a masked or absent clientSecret keeps the stored one',
  ),
  metadata: Metadata.optional(),
  syncProfile: z.boolean().optional(),
  enableTokenStorage: z.boolean().optional(),
});

export const ConnectorResponse: z.ZodType<ConnectorDto> = z.object({
  id: z.string(),
  connectorId: z.string(),
  type: z.literal('Social'),
  isStandard: z.boolean(),
  platform: z.literal('Universal'),
  target: z.string(),
  metadata: z.object({ target: z.string(), name: z.object({ en: z.string() }), logo: z.string().nullable() }),
  config: z.custom<ConnectorDto['config']>((v) => typeof v === 'object' && v !== null),
  syncProfile: z.boolean(),
  enableTokenStorage: z.boolean(),
  redirectUri: z.string().describe('Register this at the upstream provider: $ENDPOINT/callback/<id>'),
  createdAt: z.number(),
});

export const IdentitiesResponse: z.ZodType<UserIdentitiesDto> = z.record(
  z.string(),
  z.object({ userId: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
);

const domain = z
  .string()
  .min(3)
  .max(253)
  .regex(/^[a-z\d]([a-z\d-]*[a-z\d])?(\.[a-z\d]([a-z\d-]*[a-z\d])?)+$/i, 'must be a domain name such as acme.com')
  .transform((d) => d.toLowerCase());

const SsoConfigBody = z
  .object({
    clientId: z.string().min(1).max(512),
    clientSecret: z.string().min(1).max(2048),
    issuer: url,
    scope: z.string().max(1024).optional(),
    trustUnverifiedEmail: z.boolean().optional(),
  })
  .strict();

export const SsoConnectorCreateBody = z.object({
  providerName: z.literal('OIDC').describe('Only the OIDC kind is implemented'),
  connectorName: z.string().min(1).max(128),
  config: SsoConfigBody,
  domains: z.array(domain).max(100).optional(),
  branding: z
    .object({
      displayName: z.string().max(128).optional(),
      logo: z.string().max(2048).optional(),
      darkLogo: z.string().max(2048).optional(),
    })
    .optional(),
  syncProfile: z.boolean().optional(),
});

export const SsoConnectorPatchBody = z.object({
  connectorName: z.string().min(1).max(128).optional(),
  config: SsoConfigBody.partial().optional(),
  domains: z.array(domain).max(100).optional(),
  branding: SsoConnectorCreateBody.shape.branding,
  syncProfile: z.boolean().optional(),
});

export const SsoConnectorResponse: z.ZodType<SsoConnectorDto> = z.object({
  id: z.string(),
  providerName: z.literal('OIDC'),
  providerType: z.literal('oidc'),
  connectorName: z.string(),
  config: z.object({
    clientId: z.string(),
    clientSecret: z.string(),
    issuer: z.string(),
    scope: z.string().optional(),
    trustUnverifiedEmail: z.boolean().optional(),
  }),
  domains: z.array(z.string()),
  branding: z.object({ displayName: z.string().optional(), logo: z.string().optional(), darkLogo: z.string().optional() }),
  syncProfile: z.boolean(),
  redirectUri: z.string(),
  createdAt: z.number(),
});
