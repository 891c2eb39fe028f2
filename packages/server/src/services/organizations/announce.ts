import type { Db } from '../../storage/db.ts';
import type { ServiceDeps } from '../deps.ts';

/** Logto's organization webhook events (the outbox of issue 13 records them; see recordOrganizationEvent). */
export type OrganizationEventKey =
  | 'Organization.Created'
  | 'Organization.Deleted'
  | 'Organization.Data.Updated'
  | 'Organization.Membership.Updated'
  | 'OrganizationRole.Created'
  | 'OrganizationRole.Deleted'
  | 'OrganizationRole.Data.Updated'
  | 'OrganizationRole.Scopes.Updated'
  | 'OrganizationScope.Created'
  | 'OrganizationScope.Deleted'
  | 'OrganizationScope.Data.Updated';

export interface OrganizationEvent {
  key: OrganizationEventKey;
  /** Logto's `data`: the entity after the change, or the relation delta. */
  data?: unknown;
}

/**
 * Called inside the change's own transaction, so an event exists exactly when its change
 * committed. A seam for now: the event outbox (issue 13) is being built alongside; it plugs in here.
 */
export async function recordOrganizationEvent(_trx: Db, _event: OrganizationEvent): Promise<void> {}

/**
 * Tells every process that organization data changed (memberships, org roles and their scopes,
 * the template), so caches of org claims, tokens at refresh and the Hasura webhook drop stale
 * entries, the way role changes announce 'rbac'.
 */
export async function announceOrganizations(deps: ServiceDeps): Promise<void> {
  await deps.changes.publish('organizations');
}
