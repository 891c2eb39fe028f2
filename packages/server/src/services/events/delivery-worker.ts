import type { Metrics } from '../../http/metrics.ts';
import * as deliveries from '../../storage/repositories/events.ts';
import { clearHookFailing, findHookById, markHookFailing } from '../../storage/repositories/hooks.ts';
import { deleteLogsBefore } from '../../storage/repositories/logs.ts';
import type { HookDeliveryRow } from '../../storage/schema.ts';
import type { ServiceDeps } from '../deps.ts';
import { buildWebhookBody, hookConfigOf } from './hook-payload.ts';
import { AddressRefusedError, classifyStatus, postWebhook, USER_AGENT, type AttemptOutcome } from './send-webhook.ts';
import { signedHeaders } from './signature.ts';

/*
 * The webhook delivery worker. Invariants:
 * 1. At least once: a delivery row leaves `pending` only after its receiver answered 2xx, or
 *    answered a final 4xx, or its 24 h retry window ended. A process that dies mid-send
 *    leaves the lease to expire; another process (or the restarted one) sends it again.
 * 2. In order per hook: only a hook's earliest pending delivery can be claimed (see
 *    claimDeliveries), so the next waits for the previous one's outcome.
 * 3. Several processes may run it on one PostgreSQL: claims use FOR UPDATE SKIP LOCKED, and
 *    an outcome is written only under the lease that was claimed (a fencing token).
 */

export interface DeliveryWorkerOptions {
  /** Idle poll interval. */
  pollMs?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`, with ±25% jitter. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Per-attempt time limit. */
  timeoutMs?: number;
  /** How long a claim holds a delivery: longer than any attempt can take. */
  leaseMs?: number;
  batchSize?: number;
  /** Background pruning interval of old audit entries and settled events. */
  pruneEveryMs?: number;
}

const defaults: Required<DeliveryWorkerOptions> = {
  pollMs: 500,
  baseBackoffMs: 1000,
  maxBackoffMs: 3600_000,
  timeoutMs: 10_000,
  leaseMs: 60_000,
  batchSize: 16,
  pruneEveryMs: 3600_000,
};

/** Failed attempts in a row after which a hook shows as failing, before its final outcome. */
const FAILING_AFTER_ATTEMPTS = 3;

function backoffMs(attempt: number, base: number, cap: number, random = Math.random): number {
  const exp = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.75 + random() * 0.5));
}

export interface DeliveryWorker {
  /** Runs one claim-and-send round now (also used by tests and after a manual redelivery). */
  wake(): void;
  stop(): Promise<void>;
}

export function startDeliveryWorker(deps: ServiceDeps, metrics: Metrics | undefined, options: DeliveryWorkerOptions = {}): DeliveryWorker {
  const o = { ...defaults, ...options };
  const { db, logger, config } = deps;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let lastPrune = 0;

  async function attempt(row: HookDeliveryRow): Promise<void> {
    const lease = row.leaseUntil!;
    const now = Date.now();
    const hook = await findHookById(db, row.hookId);
    const event = await deliveries.findEventById(db, row.eventId);
    if (!hook || !event) {
      await deliveries.settleDelivery(db, row.id, lease, { state: 'failed', lastError: 'hook or event deleted', updatedAt: now });
      return;
    }
    const target = hookConfigOf(hook);
    const body = buildWebhookBody(hook.id, event);
    let outcome: AttemptOutcome;
    let status: number | null = null;
    let responseBody: string | null = null;
    let error: string | null = null;
    try {
      const headers = {
        'user-agent': USER_AGENT,
        ...target.headers,
        'content-type': 'application/json',
        ...signedHeaders(hook.signingKey, row.id, body),
      };
      const res = await postWebhook(target.url, headers, body, { timeoutMs: o.timeoutMs, allowPrivate: config.hooks.allowPrivateUrls });
      status = res.status;
      responseBody = res.body;
      outcome = classifyStatus(res.status);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      outcome = err instanceof AddressRefusedError ? 'failed' : 'retry';
    }
    const done = Date.now();
    let state: 'pending' | 'delivered' | 'failed' = outcome === 'retry' ? 'pending' : outcome;
    let nextAttemptAt = done;
    if (outcome === 'retry') {
      nextAttemptAt = done + backoffMs(row.attempts, o.baseBackoffMs, o.maxBackoffMs);
      if (nextAttemptAt > row.deadlineAt) state = 'failed';
    }
    const settled = await deliveries.settleDelivery(db, row.id, lease, {
      state,
      nextAttemptAt,
      responseStatus: status,
      responseBody,
      lastError: error,
      updatedAt: done,
    });
    if (!settled) return; // the lease expired and another worker took the delivery over
    metrics?.count('gatehouse_webhook_deliveries_total', { outcome: state === 'pending' ? 'retry' : state });
    if (state === 'delivered') await clearHookFailing(db, hook.id);
    else if (state === 'failed' || row.attempts >= FAILING_AFTER_ATTEMPTS) await markHookFailing(db, hook.id, done);
    if (state !== 'delivered') logger.info({ hookId: hook.id, deliveryId: row.id, status, error, state }, 'webhook delivery failed');
  }

  async function sampleQueue(now: number): Promise<void> {
    if (!metrics) return;
    const stats = await deliveries.pendingStats(db);
    metrics.gauge('gatehouse_webhook_queue_depth', stats.depth);
    metrics.gauge(
      'gatehouse_webhook_oldest_pending_age_seconds',
      stats.oldestCreatedAt === null ? 0 : (now - stats.oldestCreatedAt) / 1000,
    );
  }

  async function prune(now: number): Promise<void> {
    if (now - lastPrune < o.pruneEveryMs) return;
    lastPrune = now;
    const before = now - config.auditLogRetentionDays * 86400_000;
    const logs = await deleteLogsBefore(db, before);
    const events = await deliveries.deleteSettledEventsBefore(db, before);
    if (logs + events > 0) logger.info({ logs, events }, 'pruned audit log and settled events');
  }

  async function round(): Promise<number> {
    const now = Date.now();
    const claimed = await deliveries.claimDeliveries(db, { now, leaseMs: o.leaseMs, limit: o.batchSize });
    await Promise.all(
      claimed.map((row) =>
        attempt(row).catch((err: unknown) => logger.warn({ err, deliveryId: row.id }, 'webhook delivery attempt crashed')),
      ),
    );
    await sampleQueue(Date.now());
    await prune(Date.now());
    return claimed.length;
  }

  function schedule(ms: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      let busy = 0;
      try {
        busy = await round();
      } catch (err) {
        logger.warn({ err }, 'webhook delivery round failed');
      } finally {
        running = undefined;
      }
      const more = busy > 0 || again;
      again = false;
      schedule(more ? 0 : o.pollMs);
    })();
  }

  schedule(0);
  return {
    wake: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
