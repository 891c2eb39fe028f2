import type { Db } from '../../storage/db.ts';
import { newId } from '../../storage/ids.ts';
import { insertDeliveries, insertEvent } from '../../storage/repositories/events.ts';
import { listEnabledHookEvents } from '../../storage/repositories/hooks.ts';
import { insertLog } from '../../storage/repositories/logs.ts';
import { INTERACTION_EVENTS, isHookEvent, type EventKey } from './event-names.ts';
import { redact } from './redact.ts';
import type { RequestFacts } from '../../domain/request-facts.ts';

/*
 * The transactional outbox. Invariants:
 * 1. Called with the change's own transaction: the event, its deliveries and its audit entry
 *    commit or roll back with the change (no event for a rolled-back change, no committed
 *    change without its event).
 * 2. One delivery row per subscribed, enabled hook is written here; the delivery worker only
 *    sends what is already in the table, so a crash between commit and send loses nothing.
 * 3. Nothing secret is stored: payloads and audit details pass through redact().
 */

/** Retries stop this long after the event (Standard Webhooks' and Svix's 24 hours). */
export const DELIVERY_WINDOW_MS = 24 * 3600_000;

interface InteractionFields {
  userId: string;
  user?: Record<string, unknown>;
  sessionId?: string;
  application?: { id: string; type: string; name: string; description: string | null };
  interactionEvent?: 'SignIn' | 'Register' | 'ForgotPassword';
}

export interface EventInput {
  key: EventKey;
  /** The audit log's key when it differs from the event's (PostSignIn is Interaction.SignIn.Submit). */
  auditKey?: EventKey;
  facts?: RequestFacts;
  /** Logto's `data` of a data event: the entity (or relation) after the change. */
  data?: unknown;
  /** Logto's interaction hook fields (PostSignIn, PostRegister, PostResetPassword). */
  interaction?: InteractionFields;
  /** The affected user / application: the audit log's `userId` / `applicationId` filters. */
  userId?: string;
  applicationId?: string;
  /** Audit detail: the entity id, changed fields and values, added/removed ids, a reason. */
  details?: Record<string, unknown>;
  result?: 'Success' | 'Error';
  error?: string;
}

/** The payload a webhook receives, less `hookId`, `event` and `createdAt` (added per delivery). */
function hookPayload(input: EventInput): Record<string, unknown> {
  const f = input.facts ?? {};
  if (INTERACTION_EVENTS.has(input.key) && input.interaction) {
    return {
      userAgent: f.userAgent,
      userIp: f.ip,
      ...(redact(input.interaction) as Record<string, unknown>),
    };
  }
  return {
    ip: f.ip,
    userAgent: f.userAgent,
    path: f.path,
    method: f.method,
    status: f.status,
    params: f.params,
    matchedRoute: f.matchedRoute,
    data: input.data === undefined ? undefined : redact(input.data),
  };
}

/** Writes an audit log entry only (authentication events, changes no webhook can subscribe to). */
export async function recordAuditLog(db: Db, input: EventInput, now = Date.now()): Promise<void> {
  const f = input.facts ?? {};
  const userId = input.userId ?? input.interaction?.userId;
  const key = input.auditKey ?? input.key;
  const payload = {
    key,
    result: input.result ?? 'Success',
    ...(input.error ? { error: input.error } : {}),
    ...(f.actor ? { actor: f.actor } : {}),
    ip: f.ip,
    userAgent: f.userAgent,
    ...(f.method ? { method: f.method, path: f.path } : {}),
    ...(userId ? { userId } : {}),
    ...(input.applicationId ? { applicationId: input.applicationId } : {}),
    ...(input.interaction?.sessionId ? { sessionId: input.interaction.sessionId } : {}),
    ...(redact(input.details ?? {}) as Record<string, unknown>),
  };
  await insertLog(db, {
    id: newId(),
    key,
    userId: userId ?? null,
    applicationId: input.applicationId ?? null,
    payload: JSON.stringify(payload),
    createdAt: now,
  });
}

/**
 * Records one change or authentication event inside `trx`: the audit entry always, and when
 * enabled hooks subscribe to it, the event and one delivery per hook.
 */
export async function recordEvent(trx: Db, input: EventInput): Promise<void> {
  const now = Date.now();
  await recordAuditLog(trx, input, now);
  if (!isHookEvent(input.key)) return;
  const key = input.key;
  const hooks = (await listEnabledHookEvents(trx)).filter((h) => (JSON.parse(h.events) as string[]).includes(key));
  if (hooks.length === 0) return;
  const eventId = newId();
  await insertEvent(trx, { id: eventId, event: key, payload: JSON.stringify(hookPayload(input)), createdAt: now });
  await insertDeliveries(
    trx,
    hooks.map((hook) => ({
      id: `msg_${newId(24)}`,
      hookId: hook.id,
      eventId,
      state: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      deadlineAt: now + DELIVERY_WINDOW_MS,
      responseStatus: null,
      responseBody: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    })),
  );
}
