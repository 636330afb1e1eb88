// The delivery queue's SQL. A claim is one statement: due deliveries of enabled endpoints get a lease and a
// token, so that however many instances poll, each delivery is attempted by one of them. PostgreSQL skips
// rows another instance is claiming (FOR UPDATE SKIP LOCKED); SQLite has one writer, so the UPDATE …
// RETURNING is the claim. A lease that runs out (its instance died mid-attempt) makes the delivery due again.
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database, WebhookDeliveryStatus } from '../storage/schema.js';

type Db = Kysely<Database>;

export interface ClaimedDelivery {
  id: number;
  eventId: number;
  endpointId: number;
  attempts: number;
}

export async function claimDueDeliveries(
  db: Db,
  options: { now: Date; leaseUntil: Date; token: string; limit: number },
): Promise<ClaimedDelivery[]> {
  const now = options.now.toISOString();
  let due = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select('d.id')
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<', now)]))
    .where('e.enabled', '=', 1)
    .orderBy('d.next_attempt_at')
    .orderBy('d.id')
    .limit(options.limit);
  // Only the delivery rows: locking the endpoint's row too would keep a second instance off all its deliveries.
  if (db.getExecutor().adapter instanceof PostgresAdapter) due = due.forUpdate('d').skipLocked();
  const rows = await db
    .updateTable('webhook_deliveries')
    .set({ lease_until: options.leaseUntil.toISOString(), lease_token: options.token })
    .where('id', 'in', due)
    .returning(['id', 'event_id', 'endpoint_id', 'attempts'])
    .execute();
  return rows
    .map((r) => ({
      id: Number(r.id),
      eventId: Number(r.event_id),
      endpointId: r.endpoint_id,
      attempts: r.attempts,
    }))
    .sort((a, b) => a.id - b.id);
}

/** What an attempt needs: the message and where it goes. */
export function selectAttemptContext(db: Db, deliveryId: number) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as v', 'v.id', 'd.event_id')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select([
      'v.message_id',
      'v.type',
      'v.data',
      'v.created_at',
      'e.url',
      'e.secret',
      'e.previous_secret',
      'e.previous_secret_until',
      'e.failing_since',
      'e.enabled',
    ])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
}

export async function insertAttempt(
  db: Db,
  values: {
    delivery_id: number;
    attempt: number;
    attempted_at: string;
    status_code: number | null;
    duration_ms: number;
    error: string | null;
  },
) {
  await db.insertInto('webhook_attempts').values(values).execute();
}

/** Ends the attempt, only while this instance still holds the lease: false when the lease was lost. */
export async function finishAttempt(
  db: Db,
  id: number,
  token: string,
  values: {
    status: WebhookDeliveryStatus;
    attempts: number;
    next_attempt_at: string | null;
    last_status: number | null;
    last_error: string | null;
    completed_at: string | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ ...values, lease_until: null, lease_token: null })
    .where('id', '=', id)
    .where('lease_token', '=', token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function firstAttemptAt(db: Db, deliveryId: number): Promise<string | null> {
  const row = await db
    .selectFrom('webhook_attempts')
    .select((eb) => eb.fn.min('attempted_at').as('first'))
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirst();
  return (row?.first as string | null | undefined) ?? null;
}

export async function markEndpointFailing(db: Db, endpointId: number, at: string) {
  await db
    .updateTable('webhook_endpoints')
    .set({ failing_since: sql<string>`coalesce(failing_since, ${at})` })
    .where('id', '=', endpointId)
    .execute();
}

export async function markEndpointHealthy(db: Db, endpointId: number) {
  await db
    .updateTable('webhook_endpoints')
    .set({ failing_since: null })
    .where('id', '=', endpointId)
    .where('failing_since', 'is not', null)
    .execute();
}

/** Disables an endpoint still enabled; true when this call did it (so admins are told once). */
export async function disableEndpoint(db: Db, endpointId: number, at: string, reason: string) {
  const result = await db
    .updateTable('webhook_endpoints')
    .set({ enabled: 0, disabled_at: at, disabled_reason: reason, updated_at: at })
    .where('id', '=', endpointId)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Forgets events older than `before` once none of their deliveries is waiting (their deliveries and attempts
 * with them): the log keeps weeks, not years. Returns how many events were removed.
 */
export async function pruneFinishedEvents(db: Db, before: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const old = trx
      .selectFrom('webhook_events as v')
      .select('v.id')
      .where('v.created_at', '<', before.toISOString())
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('webhook_deliveries as d')
              .select('d.id')
              .whereRef('d.event_id', '=', 'v.id')
              .where('d.status', '=', 'pending'),
          ),
        ),
      );
    const deliveries = trx.selectFrom('webhook_deliveries').select('id').where('event_id', 'in', old);
    await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', deliveries).execute();
    await trx.deleteFrom('webhook_deliveries').where('event_id', 'in', old).execute();
    const removed = await trx.deleteFrom('webhook_events').where('id', 'in', old).executeTakeFirst();
    return Number(removed.numDeletedRows);
  });
}

/** Deliveries not finished yet (waiting for their first attempt or a retry): the queue's depth, for /metrics. */
export async function countPendingDeliveries(db: Db): Promise<number> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
