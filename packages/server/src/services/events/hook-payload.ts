import type { EventRow } from '../../storage/repositories/events.ts';
import type { HookRow } from '../../storage/schema.ts';

export interface HookConfig {
  url: string;
  headers?: Record<string, string>;
}

export function hookConfigOf(hook: HookRow): HookConfig {
  return JSON.parse(hook.config) as HookConfig;
}

/**
 * The exact body a hook receives for an event, in Logto's shape: `hookId, event, createdAt`
 * then the event's own fields. The same bytes on every attempt (the event row does not change).
 */
export function buildWebhookBody(hookId: string, event: Pick<EventRow, 'event' | 'payload' | 'createdAt'>): string {
  const fields = JSON.parse(event.payload) as Record<string, unknown>;
  return JSON.stringify({ hookId, event: event.event, createdAt: new Date(event.createdAt).toISOString(), ...fields });
}
