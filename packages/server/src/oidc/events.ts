import type { Provider } from 'oidc-provider';
import { StorageBusyError } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';

interface EventContext {
  state?: { logger?: Logger };
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
