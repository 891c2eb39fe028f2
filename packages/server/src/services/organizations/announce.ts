import type { HookEventName } from '@gatehouse/client/dto';
import type { Db } from '../../storage/db.ts';
import type { RequestFacts } from '../../domain/request-facts.ts';
import type { ServiceDeps } from '../deps.ts';
import { recordEvent } from '../events/record-event.ts';

/** Logto's organization webhook events: the SDK's wire list, so the names are written once. */
type OrganizationEventKey = Extract<HookEventName, `Organization.${string}` | `OrganizationRole.${string}` | `OrganizationScope.${string}`>;

export interface OrganizationEvent {
  key: OrganizationEventKey;
  /** Logto's `data`: the entity after the change, or the relation delta. */
  data?: unknown;
  /** Who asked, from where (the actor and request fields of the webhook and audit entry). */
  facts?: RequestFacts;
}

/**
 * Called inside the change's own transaction, so an event exists exactly when its change
 * committed: the outbox (webhooks) and the audit log, with the delta as the audit detail.
 */
export async function recordOrganizationEvent(trx: Db, event: OrganizationEvent): Promise<void> {
  const details = event.data && typeof event.data === 'object' && !Array.isArray(event.data) ? (event.data as Record<string, unknown>) : {};
  await recordEvent(trx, { key: event.key, facts: event.facts, data: event.data, details });
}

/**
 * Tells every process that organization data changed (memberships, org roles and their scopes,
 * the template), so caches of org claims, tokens at refresh and the Hasura webhook drop stale
 * entries, the way role changes announce 'rbac'.
 */
export async function announceOrganizations(deps: ServiceDeps): Promise<void> {
  await deps.changes.publish('organizations');
}
