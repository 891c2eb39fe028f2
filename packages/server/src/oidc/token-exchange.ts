import { errors, type Account, type Client, type KoaContextWithOIDC, type Provider, type ResourceServer } from 'oidc-provider';
import type { SubjectTokenRedemption } from '../services/subject-tokens.ts';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
/** Logto's explicit type for its subject tokens; the access_token type works too (the `sub_` prefix tells them apart). */
const IMPERSONATION_TOKEN_TYPE = 'urn:logto:token-type:impersonation_token';

export interface TokenExchangeHooks {
  findSubjectToken: (token: string) => Promise<SubjectTokenRedemption>;
  consumeSubjectToken: (id: string) => Promise<boolean>;
  /** The holder (`sub`) of a valid, still-granted Management API access token; undefined otherwise. */
  verifyActorToken: (token: string) => Promise<string | undefined>;
  /** Public clients allowed to exchange, always with the creator's actor token: the built-in console. */
  publicClients: ReadonlySet<string>;
  /** Resources no impersonation token is issued for: the Management API. */
  refusedResources: ReadonlySet<string>;
  findAccount: (ctx: KoaContextWithOIDC, sub: string) => Account | undefined | Promise<Account | undefined>;
  getResourceServerInfo: (ctx: KoaContextWithOIDC, indicator: string, client: Client) => ResourceServer | Promise<ResourceServer>;
}

/** What the audit entry of the exchange names (oidc/events.ts reads it from ctx.state). */
export interface ImpersonationFacts {
  actor: { type: 'user' | 'application'; id: string };
  subjectTokenId: string;
}

type Params = Partial<Record<'subject_token' | 'subject_token_type' | 'actor_token' | 'actor_token_type' | 'scope' | 'resource', string>>;

/**
 * Logto's token exchange (RFC 8693) for its subject tokens: impersonation an admin started
 * with POST /api/subject-tokens. Invariants:
 * - who may exchange: a confidential client (Logto's confidential app path), or a public client
 *   listed in `publicClients` (the console) presenting as `actor_token` a live Management API
 *   token of the admin who minted the subject token, so a leaked subject token alone is useless
 *   to a public client;
 * - the subject token is spent (single use) only after every other check passed;
 * - the issued token is a JWT for one API resource (never the Management API), scoped to what
 *   the user's roles grant now (intersected with `scope` when given), naming the admin in
 *   `act` (RFC 8693 4.1) so any resource server can see it is an impersonation.
 * Logto's other subject tokens (a user's own access or personal access tokens) are not accepted.
 */
export function registerTokenExchange(provider: Provider, hooks: TokenExchangeHooks): void {
  provider.registerGrantType(
    TOKEN_EXCHANGE_GRANT,
    async function tokenExchange(ctx: KoaContextWithOIDC) {
      const { client } = ctx.oidc;
      const params = ctx.oidc.params as Params;
      if (!client) throw new errors.InvalidClient('client must be available');
      if (!params.subject_token || !params.subject_token_type) {
        throw new errors.InvalidRequest('missing required parameter(s) (subject_token, subject_token_type)');
      }
      if (params.subject_token_type !== ACCESS_TOKEN_TYPE && params.subject_token_type !== IMPERSONATION_TOKEN_TYPE) {
        throw new errors.InvalidGrant('unsupported subject token type');
      }
      const publicClient = client.clientAuthMethod === 'none';
      if (publicClient && !hooks.publicClients.has(client.clientId)) {
        throw new errors.UnauthorizedClient('token exchange needs a confidential client');
      }
      const found = await hooks.findSubjectToken(params.subject_token);
      if (!found.ok) throw new errors.InvalidGrant(found.reason);
      const { token } = found;

      if (publicClient && !params.actor_token) throw new errors.InvalidRequest('a public client must present actor_token');
      if (params.actor_token) {
        if (params.actor_token_type !== ACCESS_TOKEN_TYPE) throw new errors.InvalidGrant('unsupported actor token type');
        const actorId = await hooks.verifyActorToken(params.actor_token);
        if (!actorId || actorId !== token.creator.id) throw new errors.InvalidGrant('invalid actor token');
      }

      const resource = params.resource;
      if (!resource) throw new errors.InvalidTarget('resource is required: an impersonation token is for one API resource');
      if (hooks.refusedResources.has(resource)) throw new errors.InvalidTarget('no impersonation token is issued for the Management API');

      const account = await hooks.findAccount(ctx, token.userId);
      if (!account) throw new errors.InvalidGrant('subject token invalid (referenced account not found)');
      ctx.oidc.entity('Account', account);
      const resourceServer = new provider.ResourceServer(resource, await hooks.getResourceServerInfo(ctx, resource, client));
      const requested = params.scope === undefined ? undefined : new Set(params.scope.split(' '));
      const scope = [...resourceServer.scopes].filter((s) => s && (!requested || requested.has(s))).join(' ');

      if (!(await hooks.consumeSubjectToken(token.id))) throw new errors.InvalidGrant('subject token is already consumed');
      (ctx.state as { impersonation?: ImpersonationFacts }).impersonation = { actor: token.creator, subjectTokenId: token.id };

      const grant = new provider.Grant({ accountId: account.accountId, clientId: client.clientId });
      grant.addResourceScope(resource, scope);
      const grantId = await grant.save();
      const accessToken = new provider.AccessToken({
        accountId: account.accountId,
        client,
        grantId,
        gty: TOKEN_EXCHANGE_GRANT,
        scope: scope || undefined,
      });
      accessToken.resourceServer = resourceServer;
      // oidc/custom-claims.ts carries `act` into the JWT (extraTokenClaims replaces `extra`).
      accessToken.extra = { act: { sub: token.creator.id }, subjectTokenId: token.id };
      ctx.oidc.entity('Grant', grant);
      ctx.oidc.entity('AccessToken', accessToken);
      const value = await accessToken.save();
      ctx.body = {
        access_token: value,
        issued_token_type: ACCESS_TOKEN_TYPE,
        token_type: accessToken.tokenType,
        expires_in: accessToken.expiration,
        ...(accessToken.scope ? { scope: accessToken.scope } : {}),
      };
    },
    ['subject_token', 'subject_token_type', 'actor_token', 'actor_token_type', 'scope', 'resource'],
  );
}
