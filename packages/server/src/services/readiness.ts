import { pingDatabase } from '../storage/repositories/health.ts';
import type { ServiceDeps } from './deps.ts';

type ReadinessCheck = 'database' | 'changeFeed';

export type Readiness = { ready: true } | { ready: false; failed: ReadinessCheck[]; detail: string };

const failureText: Record<ReadinessCheck, string> = {
  database: 'The database is not reachable.',
  changeFeed: 'The change feed (PostgreSQL LISTEN) is down; reconnecting.',
};

/**
 * Ready = the database answers AND the change feed is up: without the feed this process
 * cannot hear other processes' changes (it still answers correctly, reading through its
 * caches), and a load balancer should prefer a process that can.
 */
export async function checkReadiness(deps: ServiceDeps): Promise<Readiness> {
  const failed: ReadinessCheck[] = [];
  try {
    await pingDatabase(deps.db);
  } catch {
    failed.push('database');
  }
  if (!deps.changes.healthy()) failed.push('changeFeed');
  if (failed.length === 0) return { ready: true };
  return { ready: false, failed, detail: failed.map((check) => failureText[check]).join(' ') };
}
