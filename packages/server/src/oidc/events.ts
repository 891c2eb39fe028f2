import type { Provider } from 'oidc-provider';
import { StorageBusyError } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';
import type { AuditKey } from '../services/events/event-names.ts';
import { recordAuditLog, type EventInput } from '../services/events/record-event.ts';
import type { Db } from '../storage/db.ts';
import type { ImpersonationFacts } from './token-exchange.ts';

interface EventContext {
  state?: { logger?: Logger; impersonation?: ImpersonationFacts };
  method?: string;
  path?: string;
  status?: number;
  oidc?: { route?: string };
  set?(field: string, value: string): void;
}

/**
 * oidc-provider answers its own 500s (`server_error`, "oops! something went wrong") and
 * reports the error only through this event; without a listener the cause is lost. Logged
 * with the request's logger (so with its request id), the route and the error with its
 * cause; never the request's parameters, which hold codes and tokens.
 *
 * A busy SQLite database (another process holding the write lock) is the one server error
 * worth retrying: the event fires after the provider rendered its reply and before Koa sends
 * it, so the status becomes 503 with Retry-After, as on the Management API.
 */
export function logProviderEvents(provider: Provider, logger: Logger): void {
  provider.on('server_error', (ctx: EventContext, err: unknown) => {
    const log = ctx?.state?.logger ?? logger;
    log.error({ err, method: ctx?.method, path: ctx?.path, route: ctx?.oidc?.route }, 'oidc request failed');
    if (err instanceof StorageBusyError && ctx) {
      ctx.status = 503;
      ctx.set?.('Retry-After', '1');
    }
  });
}

interface GrantContext extends EventContext {
  ip?: string;
  get?(field: string): string;
  oidc?: {
    route?: string;
    params?: Record<string, unknown>;
    client?: { clientId: string };
    entities?: { Account?: { accountId: string } };
  };
}

const grantKeys: Record<string, AuditKey> = {
  authorization_code: 'ExchangeTokenBy.AuthorizationCode',
  refresh_token: 'ExchangeTokenBy.RefreshToken',
  client_credentials: 'ExchangeTokenBy.ClientCredentials',
  'urn:ietf:params:oauth:grant-type:token-exchange': 'ExchangeTokenBy.TokenExchange',
  'urn:ietf:params:oauth:grant-type:device_code': 'ExchangeTokenBy.DeviceCode',
};

/**
 * Request facts of a provider request: address and agent only, never its parameters; for an
 * impersonation (oidc/token-exchange.ts) the admin who started it is the actor.
 */
function factsOf(ctx: GrantContext) {
  const userAgent = ctx.get?.('user-agent');
  const actor = ctx.state?.impersonation?.actor;
  return { ip: ctx.ip, ...(userAgent ? { userAgent: userAgent.slice(0, 512) } : {}), ...(actor ? { actor } : {}) };
}

/**
 * Authentication events into the audit log (Logto's keys): token exchanges by grant type with
 * their outcome, refresh token reuse, revoked grants and token revocations. Only ids, the
 * grant type and the OAuth error are recorded; never a token, code, secret or assertion.
 * A failure to write the entry is logged and never fails the request.
 * `successfulExchanges: false` (AUDIT_LOG_TOKEN_EXCHANGES=false) leaves out the successful
 * token requests, one insert per refresh; refusals, reuse and revocations are still written.
 */
export function auditProviderEvents(provider: Provider, db: Db, logger: Logger, options: { successfulExchanges: boolean }): void {
  const write = (ctx: GrantContext, input: Omit<EventInput, 'facts'>) => {
    recordAuditLog(db, { ...input, facts: factsOf(ctx) }).catch((err: unknown) =>
      (ctx?.state?.logger ?? logger).warn({ err, key: input.key }, 'audit log write failed'),
    );
  };
  const grantKey = (ctx: GrantContext): AuditKey => grantKeys[String(ctx.oidc?.params?.grant_type)] ?? 'ExchangeTokenBy.Unknown';
  const ids = (ctx: GrantContext) => ({
    userId: ctx.oidc?.entities?.Account?.accountId,
    applicationId: ctx.oidc?.client?.clientId,
  });
  // An impersonation is always recorded, whatever successfulExchanges says.
  provider.on('grant.success', (ctx: GrantContext) => {
    const impersonation = ctx.state?.impersonation;
    if (!options.successfulExchanges && !impersonation) return;
    write(ctx, {
      key: grantKey(ctx),
      ...ids(ctx),
      ...(impersonation ? { details: { subjectTokenId: impersonation.subjectTokenId } } : {}),
    });
  });
  provider.on('grant.error', (ctx: GrantContext, err: { error?: string; error_description?: string; error_detail?: string }) => {
    // InvalidGrant's description is generic ('grant request is invalid'); its detail says why.
    const reason = err?.error_detail ?? err?.error_description ?? err?.error ?? 'error';
    write(ctx, { key: grantKey(ctx), ...ids(ctx), result: 'Error', error: `${err?.error ?? 'error'}: ${reason}` });
    if (reason === 'refresh token already used') {
      write(ctx, { key: 'RefreshToken.ReuseDetected', ...ids(ctx), result: 'Error', error: 'the grant was revoked' });
    }
  });
  provider.on('grant.revoked', (ctx: GrantContext) => write(ctx, { key: 'RevokeGrants', ...ids(ctx) }));
  provider.use(async function auditRevocation(ctx, next) {
    await next();
    const c = ctx as unknown as GrantContext;
    if (c.oidc?.route === 'revocation' && ctx.status === 200) write(c, { key: 'RevokeToken', applicationId: c.oidc.client?.clientId });
  });
}
