import { errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { ScriptLimitsInput, ScriptRunner } from '../sandbox/index.ts';
import { mergeCustomClaims } from '../domain/claims/index.ts';
import { hasuraPresetClaims, uneditedHasuraPreset } from '../domain/hasura/index.ts';
import { isOrganizationUrn } from '../domain/rbac/organizations.ts';
import { requestedOrganizationId } from './organization-access.ts';
import { TOKEN_EXCHANGE_GRANT } from './token-exchange.ts';
import type { AccessResolver } from '../services/access.ts';
import type { ApplicationDirectory } from '../services/application-directory.ts';
import type { UserRow } from '../storage/schema.ts';
import { buildClaimsContext, type InteractionFacts } from '../services/claims-context.ts';
import type { JwtCustomizerStore, TokenType } from '../services/jwt-customizer.ts';
import type { Logger } from '../logger.ts';
import type { Db } from '../storage/db.ts';

interface IssuedToken {
  kind: string;
  jti: string;
  clientId?: string;
  accountId?: string;
  grantId?: string;
  gty?: string;
  aud?: string | string[];
  scope?: string;
  extra?: Record<string, unknown>;
  resourceServer?: { audience?: string };
}

/**
 * How the user signed in: oidc-provider copies the session's amr and acr onto the authorization
 * code (and device/CIBA requests) and from it onto the refresh token. Absent for grants without a
 * sign-in (token exchange).
 */
function signInFacts(ctx: KoaContextWithOIDC): InteractionFacts | undefined {
  const e = ctx.oidc.entities as Record<string, { amr?: string[]; acr?: string } | undefined>;
  const source = e.AuthorizationCode ?? e.RefreshToken ?? e.DeviceCode ?? e.BackchannelAuthenticationRequest;
  return source && (source.amr || source.acr) ? { amr: source.amr, acr: source.acr } : undefined;
}

/**
 * oidc-provider's extraTokenClaims: runs the admin's custom claims script for JWT access
 * tokens of an API resource (user tokens: `access-token`; client credentials:
 * `client-credentials`). The script runs in the QuickJS sandbox; a failure either fails the
 * token request (`deny`, the default) or issues the token without the claims (`omit`), and
 * is logged with its kind only (never the token, the user or the script).
 */
export function createExtraTokenClaims(input: {
  db: Db;
  access: AccessResolver;
  applications: ApplicationDirectory;
  store: JwtCustomizerStore;
  runner: ScriptRunner;
  limits: ScriptLimitsInput;
  logger: Logger;
}) {
  return async function extraTokenClaims(ctx: KoaContextWithOIDC, token: unknown): Promise<Record<string, unknown> | undefined> {
    const t = token as IssuedToken;
    if (!t.resourceServer) return undefined; // opaque userinfo tokens carry no custom claims
    const type: TokenType | undefined =
      t.kind === 'ClientCredentials' ? 'client-credentials' : t.kind === 'AccessToken' ? 'access-token' : undefined;
    if (!type) return undefined;
    const aud = t.aud ?? t.resourceServer.audience;
    // An API token asked for with organization_id says which organization it is for (Logto's
    // claim); an organization token says it in its audience. A reserved claim: no script sets it.
    const organizationId = requestedOrganizationId(ctx);
    // An impersonation (oidc/token-exchange.ts) names the admin in `act`; extraTokenClaims replaces
    // `extra`, so it is carried here, as a reserved claim no script can set or drop (RFC 8693 4.1).
    const act = t.gty === TOKEN_EXCHANGE_GRANT ? t.extra?.act : undefined;
    const organizationClaim = organizationId && !isOrganizationUrn(aud) ? { organization_id: organizationId } : undefined;
    const reservedClaims = organizationClaim || act ? { ...organizationClaim, ...(act ? { act } : {}) } : undefined;
    const config = await input.store.get(type);
    if (!config) return reservedClaims;

    const tokenInput = {
      jti: t.jti,
      kind: t.kind,
      clientId: t.clientId,
      accountId: t.accountId,
      grantId: t.grantId,
      gty: t.gty,
      aud,
      scope: t.scope,
      extra: t.extra,
    };
    const context =
      type === 'client-credentials'
        ? await buildClaimsContext(input.db, input.access, input.applications, {
            kind: 'application',
            applicationId: t.clientId,
            organizationId,
          })
        : await buildClaimsContext(input.db, input.access, input.applications, {
            kind: 'user',
            userId: t.accountId,
            user: (ctx.oidc.entities.Account as { user?: UserRow } | undefined)?.user,
            applicationId: t.clientId,
            grantType: typeof ctx.oidc.params?.grant_type === 'string' ? ctx.oidc.params.grant_type : 'authorization_code',
            organizationId,
            interaction: signInFacts(ctx),
          });
    const scriptInput = { token: tokenInput, context, environmentVariables: config.environmentVariables };
    // The unedited built-in preset is our own code: computed in-process, same result (tested).
    const preset = uneditedHasuraPreset(config, type === 'client-credentials' ? 'machine' : 'user');
    const result = preset ? hasuraPresetClaims(preset, scriptInput) : await input.runner.run(config.script, scriptInput, input.limits);
    if (result.ok) {
      const { claims, dropped, unissuable } = mergeCustomClaims({}, result.claims);
      if (dropped.length > 0) input.logger.warn({ tokenType: type, dropped }, 'custom claims tried to overwrite reserved claims');
      if (unissuable.length === 0) return { ...claims, ...reservedClaims };
      input.logger.warn({ tokenType: type, unissuable, clientId: t.clientId }, 'custom claims script returned claims no token can carry');
      if (config.onError === 'omit') return reservedClaims;
      throw new errors.AccessDenied(
        `The custom JWT claims script returned claims no token can carry (${unissuable.join(', ')}); no token was issued.`,
      );
    }
    input.logger.warn(
      { tokenType: type, kind: result.kind, line: 'line' in result ? result.line : undefined, clientId: t.clientId },
      'custom claims script failed',
    );
    if (result.kind === 'denied') throw new errors.AccessDenied(result.message);
    if (config.onError === 'omit') return reservedClaims;
    throw new errors.AccessDenied(`The custom JWT claims script failed (${result.kind}); no token was issued.`);
  };
}
