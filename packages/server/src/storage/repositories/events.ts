import { sql } from 'kysely';
import { dialectOf, type Db } from '../db.ts';
import type { HookDeliveryRow, HookDeliveriesTable } from '../schema.ts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { EventsTable } from '../schema.ts';

export type EventRow = Selectable<EventsTable>;

export async function insertEvent(db: Db, row: Insertable<EventsTable>): Promise<void> {
  await db.insertInto('events').values(row).execute();
}

export function findEventById(db: Db, id: string): Promise<EventRow | undefined> {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDeliveries(db: Db, rows: Insertable<HookDeliveriesTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('hookDeliveries').values(rows).execute();
}

/**
 * Claims up to `limit` due deliveries, each the earliest pending one of its (enabled) hook, by
 * setting a lease. A hook's later delivery is not claimable while an earlier one is pending,
 * so each hook's deliveries go out one at a time, in commit order. PostgreSQL: `FOR UPDATE
 * SKIP LOCKED`, so processes claiming at once never take the same row; SQLite has a single
 * writer, so the one conditional UPDATE is the claim.
 */
export async function claimDeliveries(db: Db, input: { now: number; leaseMs: number; limit: number }): Promise<HookDeliveryRow[]> {
  const { now, leaseMs, limit } = input;
  let heads = db
    .selectFrom('hookDeliveries as d')
    .select('d.seq')
    .where('d.state', '=', 'pending')
    .where('d.nextAttemptAt', '<=', now)
    .where((eb) => eb.or([eb('d.leaseUntil', 'is', null), eb('d.leaseUntil', '<', now)]))
    .where((eb) => eb.exists(eb.selectFrom('hooks as h').select('h.id').whereRef('h.id', '=', 'd.hookId').where('h.enabled', '=', 1)))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('hookDeliveries as e')
            .select('e.seq')
            .whereRef('e.hookId', '=', 'd.hookId')
            .where('e.state', '=', 'pending')
            .whereRef('e.seq', '<', 'd.seq'),
        ),
      ),
    )
    .orderBy('d.seq')
    .limit(limit);
  if (dialectOf(db) === 'postgres') heads = heads.forUpdate().skipLocked();
  return db
    .updateTable('hookDeliveries')
    .set({ leaseUntil: now + leaseMs, attempts: sql<number>`attempts + 1`, updatedAt: now })
    .where('seq', 'in', heads)
    .returningAll()
    .execute();
}

/** Records an attempt's outcome, only if this worker still holds the lease (its fencing token). */
export async function settleDelivery(db: Db, id: string, leaseUntil: number, patch: Updateable<HookDeliveriesTable>): Promise<boolean> {
  const result = await db
    .updateTable('hookDeliveries')
    .set({ ...patch, leaseUntil: null })
    .where('id', '=', id)
    .where('leaseUntil', '=', leaseUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function findDelivery(db: Db, hookId: string, id: string): Promise<HookDeliveryRow | undefined> {
  return db.selectFrom('hookDeliveries').selectAll().where('hookId', '=', hookId).where('id', '=', id).executeTakeFirst();
}

/** Puts one delivery back in the queue (manual redelivery), with a fresh retry window. */
export async function requeueDelivery(db: Db, id: string, now: number, deadlineAt: number): Promise<void> {
  await db
    .updateTable('hookDeliveries')
    .set({ state: 'pending', nextAttemptAt: now, leaseUntil: null, deadlineAt, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export interface DeliveryLogRow extends HookDeliveryRow {
  event: string;
  payload: string;
  eventCreatedAt: number;
}

function deliveriesOf(db: Db, hookId: string, since: number | undefined) {
  let q = db.selectFrom('hookDeliveries as d').innerJoin('events as ev', 'ev.id', 'd.eventId').where('d.hookId', '=', hookId);
  if (since !== undefined) q = q.where('d.createdAt', '>=', since);
  return q;
}

export function listDeliveries(db: Db, hookId: string, page: { limit: number; offset: number }, since?: number): Promise<DeliveryLogRow[]> {
  return deliveriesOf(db, hookId, since)
    .selectAll('d')
    .select(['ev.event', 'ev.payload', 'ev.createdAt as eventCreatedAt'])
    .orderBy('d.seq', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countDeliveries(db: Db, hookId: string, since?: number): Promise<number> {
  const row = await deliveriesOf(db, hookId, since)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Queue depth and the age of its oldest entry, for /metrics. */
export async function pendingStats(db: Db): Promise<{ depth: number; oldestCreatedAt: number | null }> {
  const row = await db
    .selectFrom('hookDeliveries')
    .select((eb) => [eb.fn.countAll<number>().as('depth'), eb.fn.min<number>('createdAt').as('oldest')])
    .where('state', '=', 'pending')
    .executeTakeFirstOrThrow();
  return { depth: Number(row.depth), oldestCreatedAt: row.oldest === null ? null : Number(row.oldest) };
}

/** Deletes events older than `before` that no delivery still waits for (their deliveries go too). */
export async function deleteSettledEventsBefore(db: Db, before: number): Promise<number> {
  const result = await db
    .deleteFrom('events')
    .where('createdAt', '<', before)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('hookDeliveries as d').select('d.seq').whereRef('d.eventId', '=', 'events.id').where('d.state', '=', 'pending'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
