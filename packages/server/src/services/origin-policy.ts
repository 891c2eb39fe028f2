import type { Logger } from '../logger.ts';
import type { ChangeBus } from '../storage/change-bus.ts';
import type { Db } from '../storage/db.ts';
import { listApplicationRedirectUris } from '../storage/repositories/applications.ts';

/**
 * Allowed browser origins per client: the origins of its redirect URIs (SPA token calls).
 * oidc-provider asks synchronously, so the whole map is loaded up front and reloaded on
 * every application change; the previous map keeps answering until the new one is ready.
 */
export async function createOriginPolicy(db: Db, changes: ChangeBus, logger: Logger) {
  let origins = new Map<string, Set<string>>();
  let known = new Set<string>();
  const load = async () => {
    const next = new Map<string, Set<string>>();
    for (const app of await listApplicationRedirectUris(db)) {
      const set = new Set<string>();
      for (const uri of app.redirectUris) {
        try {
          const { origin } = new URL(uri);
          if (origin !== 'null') set.add(origin); // custom schemes (native apps) have no origin
        } catch {
          // stored URIs were validated; skip anything unparsable rather than fail the reload
        }
      }
      next.set(app.id, set);
    }
    origins = next;
    known = new Set([...next.values()].flatMap((set) => [...set]));
  };
  await load();
  changes.subscribe((topic) => {
    if (topic === 'applications' || topic === '*') load().catch((err) => logger.warn({ err }, 'CORS origins reload failed'));
  });
  return {
    isAllowed: (origin: string, clientId: string) => origins.get(clientId)?.has(origin) ?? false,
    /** Whether the origin belongs to any application (CORS preflights name no client). */
    isKnownOrigin: (origin: string) => known.has(origin),
  };
}
