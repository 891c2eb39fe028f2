import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AccessToken, ClientCredentials, Configuration, JWTStructured, KoaContextWithOIDC, Provider } from 'oidc-provider';
import { SIGNING_ALGORITHMS } from '../domain/keys/algorithms.ts';

/**
 * The grant a JWT access token was issued under. oidc-provider keeps no row for a JWT access
 * token, only for its grant, which it deletes on sign-out, refresh-token reuse and
 * revocation; the claim lets introspection tell that the token's grant is gone.
 */
const GRANT_ID_CLAIM = 'gid';

/** formats.customizers.jwt: runs after custom claims are merged, so a script cannot set it. */
export function stampGrantId(_ctx: KoaContextWithOIDC, token: AccessToken | ClientCredentials, jwt: JWTStructured): void {
  const grantId = (token as { grantId?: string }).grantId;
  if (grantId) jwt.payload[GRANT_ID_CLAIM] = grantId;
  else delete jwt.payload[GRANT_ID_CLAIM];
}

type FindAccount = NonNullable<Configuration['findAccount']>;

/**
 * RFC 7662 for our JWT access tokens. oidc-provider authenticates the client, checks the
 * parameters and then refuses every structured token (`unsupported_token_type`, from
 * shared/reject_structured_tokens.js, the only place that error is raised, after client
 * authentication). This provider middleware turns exactly that refusal, for a confidential
 * client, into an answer: active only if we signed it (any current key), for our issuer, not
 * expired, its client and holder still exist and, for a user token, its grant still does.
 * Public clients keep oidc-provider's refusal.
 */
export function jwtIntrospection(input: { issuer: string; keys: () => JWTVerifyGetKey; findAccount: FindAccount }) {
  return async function introspectJwtAccessToken(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
    await next();
    const body = ctx.body as { error?: unknown } | undefined;
    if (ctx.status !== 400 || body?.error !== 'unsupported_token_type') return;
    const { oidc } = ctx;
    if (oidc?.route !== 'introspection' || !oidc.client || oidc.client.clientAuthMethod === 'none') return;
    const token = oidc.params?.token;
    const claims = typeof token === 'string' ? await activeClaims(oidc.provider, ctx, token, input) : undefined;
    ctx.status = 200;
    ctx.remove('WWW-Authenticate');
    ctx.body = claims ? { ...claims, active: true, iss: input.issuer, token_type: 'Bearer' } : { active: false };
  };
}

async function activeClaims(
  provider: Provider,
  ctx: KoaContextWithOIDC,
  token: string,
  input: { issuer: string; keys: () => JWTVerifyGetKey; findAccount: FindAccount },
): Promise<JWTPayload | undefined> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, input.keys(), { issuer: input.issuer, typ: 'at+jwt', algorithms: [...SIGNING_ALGORITHMS] }));
  } catch {
    return undefined;
  }
  const { sub, client_id: clientId, exp } = payload;
  if (typeof sub !== 'string' || typeof clientId !== 'string' || typeof exp !== 'number') return undefined;
  if (!(await provider.Client.find(clientId))) return undefined;
  if (sub === clientId) return payload; // client credentials: no grant, no account
  const grantId = payload[GRANT_ID_CLAIM];
  // A user token without the claim cannot be checked for revocation: not active.
  if (typeof grantId !== 'string') return undefined;
  const grant = await provider.Grant.find(grantId, { ignoreExpiration: true });
  if (!grant || grant.isExpired || grant.clientId !== clientId || grant.accountId !== sub) return undefined;
  if (!(await input.findAccount(ctx, sub))) return undefined;
  return payload;
}
