import type { HookDto, HookEventName, LogDto } from '@gatehouse/client/dto';
import { NotFoundError, UnprocessableError, ValidationError } from '../../domain/errors.ts';
import type { Db } from '../../storage/db.ts';
import { newId } from '../../storage/ids.ts';
import * as deliveries from '../../storage/repositories/events.ts';
import * as repo from '../../storage/repositories/hooks.ts';
import type { Page, Paged } from '../../storage/repositories/pagination.ts';
import type { HookRow } from '../../storage/schema.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { buildWebhookBody, hookConfigOf, type HookConfig } from './hook-payload.ts';
import { DELIVERY_WINDOW_MS, recordAuditLog } from './record-event.ts';
import type { RequestFacts } from '../../domain/request-facts.ts';
import { AddressRefusedError, checkHostResolves, postWebhook, USER_AGENT } from './send-webhook.ts';
import { newSigningKey, signedHeaders } from './signature.ts';

export interface HookInput {
  name: string;
  events: HookEventName[];
  config: HookConfig;
  enabled?: boolean;
}

function toHookDto(row: HookRow): HookDto {
  return {
    id: row.id,
    name: row.name,
    events: JSON.parse(row.events) as HookEventName[],
    config: hookConfigOf(row),
    signingKey: row.signingKey,
    enabled: row.enabled === 1,
    failing: row.failingSince !== null,
    failingSince: row.failingSince,
    createdAt: row.createdAt,
  };
}

async function requireHook(db: Db, id: string): Promise<HookRow> {
  const row = await repo.findHookById(db, id);
  if (!row) throw new NotFoundError(`Hook ${id} does not exist.`);
  return row;
}

/** SSRF: a URL resolving to a refused address is refused now, and again at every delivery. */
async function assertDeliverableUrl(deps: ServiceDeps, url: string): Promise<void> {
  try {
    await checkHostResolves(new URL(url), deps.config.hooks.allowPrivateUrls);
  } catch (err) {
    if (err instanceof AddressRefusedError) throw new ValidationError(err.message, [{ path: 'config.url', message: err.message }]);
    throw err;
  }
}

export async function listHooks(deps: ServiceDeps, page: Page): Promise<Paged<HookDto>> {
  const [rows, total] = await Promise.all([repo.listHooks(deps.db, page), repo.countHooks(deps.db)]);
  return { items: rows.map(toHookDto), total };
}

export async function getHook(deps: ServiceDeps, id: string): Promise<HookDto> {
  return toHookDto(await requireHook(deps.db, id));
}

export async function createHook(deps: ServiceDeps, input: HookInput, facts: RequestFacts): Promise<HookDto> {
  await assertDeliverableUrl(deps, input.config.url);
  const id = newId();
  const row = await inTransaction(deps.db, async (trx) => {
    await repo.insertHook(trx, {
      id,
      name: input.name,
      events: JSON.stringify([...new Set(input.events)]),
      config: JSON.stringify(input.config),
      signingKey: newSigningKey(),
      enabled: input.enabled === false ? 0 : 1,
      failingSince: null,
      createdAt: Date.now(),
    });
    await recordAuditLog(trx, {
      key: 'Hook.Created',
      facts,
      details: { hookId: id, name: input.name, events: input.events, url: input.config.url },
    });
    return (await repo.findHookById(trx, id))!;
  });
  return toHookDto(row);
}

export async function updateHook(deps: ServiceDeps, id: string, patch: Partial<HookInput>, facts: RequestFacts): Promise<HookDto> {
  if (patch.config) await assertDeliverableUrl(deps, patch.config.url);
  const row = await inTransaction(deps.db, async (trx) => {
    await requireHook(trx, id);
    await repo.updateHook(trx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.events !== undefined ? { events: JSON.stringify([...new Set(patch.events)]) } : {}),
      ...(patch.config !== undefined ? { config: JSON.stringify(patch.config) } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
    });
    await recordAuditLog(trx, { key: 'Hook.Data.Updated', facts, details: { hookId: id, changes: patch } });
    return (await repo.findHookById(trx, id))!;
  });
  return toHookDto(row);
}

export async function deleteHook(deps: ServiceDeps, id: string, facts: RequestFacts): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    if ((await repo.deleteHook(trx, id)) === 0) throw new NotFoundError(`Hook ${id} does not exist.`);
    await recordAuditLog(trx, { key: 'Hook.Deleted', facts, details: { hookId: id } });
  });
}

export async function rotateHookSigningKey(deps: ServiceDeps, id: string, facts: RequestFacts): Promise<HookDto> {
  const row = await inTransaction(deps.db, async (trx) => {
    await requireHook(trx, id);
    await repo.updateHook(trx, id, { signingKey: newSigningKey() });
    await recordAuditLog(trx, { key: 'Hook.SigningKey.Rotated', facts, details: { hookId: id } });
    return (await repo.findHookById(trx, id))!;
  });
  return toHookDto(row);
}

/**
 * Logto's `POST /hooks/:id/test`: sends one signed sample per event to `config` now (not
 * through the queue) and answers 422 with the receiver's status and body if it refuses one.
 */
export async function testHook(deps: ServiceDeps, id: string, input: { events: HookEventName[]; config: HookConfig }): Promise<void> {
  const hook = await requireHook(deps.db, id);
  await assertDeliverableUrl(deps, input.config.url);
  for (const event of new Set(input.events)) {
    const body = buildWebhookBody(hook.id, {
      event,
      createdAt: Date.now(),
      payload: JSON.stringify({
        userAgent: 'fake-user-agent',
        data: { result: 'success' },
        path: '/fake-path/:id',
        method: 'POST',
        status: 200,
      }),
    });
    const headers = {
      'user-agent': USER_AGENT,
      ...input.config.headers,
      'content-type': 'application/json',
      ...signedHeaders(hook.signingKey, `msg_test_${newId(16)}`, body),
    };
    let res;
    try {
      res = await postWebhook(input.config.url, headers, body, { timeoutMs: 10_000, allowPrivate: deps.config.hooks.allowPrivateUrls });
    } catch (err) {
      throw new UnprocessableError(`The webhook endpoint could not be reached: ${err instanceof Error ? err.message : String(err)}`, {
        responseStatus: 0,
        responseBody: '',
      });
    }
    if (res.status < 200 || res.status >= 300) {
      throw new UnprocessableError(`The webhook endpoint answered ${res.status}.`, { responseStatus: res.status, responseBody: res.body });
    }
  }
}

function toDeliveryLog(row: deliveries.DeliveryLogRow): LogDto {
  const result = row.state === 'delivered' ? 'Success' : row.state === 'failed' ? 'Error' : 'Pending';
  return {
    id: row.id,
    key: `TriggerHook.${row.event}`,
    payload: {
      key: `TriggerHook.${row.event}`,
      hookId: row.hookId,
      eventId: row.eventId,
      result,
      attempts: row.attempts,
      ...(row.state === 'pending' ? { nextAttemptAt: row.nextAttemptAt } : {}),
      ...(row.responseStatus !== null ? { response: { statusCode: row.responseStatus, body: row.responseBody } } : {}),
      ...(row.lastError ? { error: row.lastError } : {}),
      hookRequest: {
        body: JSON.parse(
          buildWebhookBody(row.hookId, { event: row.event, payload: row.payload, createdAt: row.eventCreatedAt }),
        ) as unknown,
      },
    },
    createdAt: row.createdAt,
  };
}

/** `GET /hooks/:id/recent-logs`: the hook's deliveries, newest first, as Logto's log entries. */
export async function listHookDeliveries(deps: ServiceDeps, id: string, page: Page, since?: number): Promise<Paged<LogDto>> {
  await requireHook(deps.db, id);
  const [rows, total] = await Promise.all([
    deliveries.listDeliveries(deps.db, id, page, since),
    deliveries.countDeliveries(deps.db, id, since),
  ]);
  return { items: rows.map(toDeliveryLog), total };
}

/** Manual redelivery: the delivery goes back in the queue (same webhook-id) with a fresh 24 h window. */
export async function retryHookDelivery(deps: ServiceDeps, hookId: string, deliveryId: string, facts: RequestFacts): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const row = await deliveries.findDelivery(trx, hookId, deliveryId);
    if (!row) throw new NotFoundError(`Hook ${hookId} has no delivery ${deliveryId}.`);
    const now = Date.now();
    await deliveries.requeueDelivery(trx, deliveryId, now, now + DELIVERY_WINDOW_MS);
    await recordAuditLog(trx, { key: 'Hook.Delivery.Retried', facts, details: { hookId, deliveryId } });
  });
}
