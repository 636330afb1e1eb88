// The durable send queue: one row per recipient of an edition, which moves
//   queued → claimed (held by one instance under a lease) → sending (handed to SMTP) → sent | failed.
// Claims never hand a row to two instances: PostgreSQL takes rows with FOR UPDATE SKIP LOCKED, SQLite's
// UPDATE … RETURNING runs under the database's single write lock. A lease that runs out (its instance was
// killed) returns the row to the queue. A 'claimed' row was never given to SMTP, so it is simply sent later.
// A 'sending' row is the one case nobody can settle: the SMTP server may have taken the message just before
// the crash. Such a row is sent again with the same Message-ID (at-least-once for those rows alone, so that
// nobody is left out); at most one row per SMTP connection is ever in that state, and receivers that dedupe
// by Message-ID show one copy. See README "Newsletters and reader accounts" for the residual window.
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database, DeliveryState } from '../storage/schema.js';

export interface ClaimedDelivery {
  id: number;
  email: string;
  subscriptionId: number | null;
}

const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Fills the queue with every active, unsuppressed subscriber of the list; a second call adds nobody twice. */
export async function enqueueRecipients(
  db: Kysely<Database>,
  editionId: number,
  listId: number,
): Promise<void> {
  await db
    .insertInto('newsletter_deliveries')
    .columns(['edition_id', 'subscription_id', 'email', 'state'])
    .expression((eb) =>
      eb
        .selectFrom('newsletter_subscriptions as s')
        .innerJoin('newsletter_subscribers as r', 'r.id', 's.subscriber_id')
        .select([
          sql<number>`${editionId}`.as('edition_id'),
          's.id',
          'r.email',
          sql<DeliveryState>`'queued'`.as('state'),
        ])
        .where('s.list_id', '=', listId)
        .where('s.status', '=', 'active')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('newsletter_suppressions as x')
                .select('x.email')
                .whereRef('x.email', '=', 'r.email'),
            ),
          ),
        ),
    )
    .onConflict((oc) => oc.columns(['edition_id', 'email']).doNothing())
    .execute();
}

/** Returns to the queue the rows whose instance stopped holding them (killed, or hung past its lease). */
export async function reclaimExpired(db: Kysely<Database>, editionId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('newsletter_deliveries')
    .set({ state: 'queued', claimed_by: null, lease_until: null })
    .where('edition_id', '=', editionId)
    .where('state', 'in', ['claimed', 'sending'])
    .where('lease_until', '<', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Takes up to `limit` queued rows for this instance, each held until `leaseUntil`. */
export async function claimDeliveries(
  db: Kysely<Database>,
  editionId: number,
  worker: string,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const at = now.toISOString();
  const due = db
    .selectFrom('newsletter_deliveries')
    .select('id')
    .where('edition_id', '=', editionId)
    .where('state', '=', 'queued')
    .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', at)]))
    .orderBy('id')
    .limit(limit);
  const rows = await db
    .updateTable('newsletter_deliveries')
    .set({ state: 'claimed', claimed_by: worker, lease_until: leaseUntil.toISOString() })
    .where('id', 'in', isPostgres(db) ? due.forUpdate().skipLocked() : due)
    // Checked again on the row itself: under READ COMMITTED a row re-read after a wait must still be queued.
    .where('state', '=', 'queued')
    .returning(['id', 'email', 'subscription_id'])
    .execute();
  return rows
    .map((r) => ({ id: r.id, email: r.email, subscriptionId: r.subscription_id }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Marks one claimed row as handed to SMTP, just before it is; false when this instance no longer holds it
 * (its lease ran out and another took it), in which case it must not be sent from here.
 */
export async function markSending(
  db: Kysely<Database>,
  id: number,
  worker: string,
  leaseUntil: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('newsletter_deliveries')
    .set((eb) => ({
      state: 'sending',
      lease_until: leaseUntil.toISOString(),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .where('state', '=', 'claimed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markSent(db: Kysely<Database>, id: number, worker: string, now: Date): Promise<void> {
  await db
    .updateTable('newsletter_deliveries')
    .set({ state: 'sent', sent_at: now.toISOString(), lease_until: null, error: null })
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .execute();
}

/** The SMTP server refused this recipient for good: never tried again. */
export async function markFailed(
  db: Kysely<Database>,
  id: number,
  worker: string,
  error: string,
): Promise<void> {
  await db
    .updateTable('newsletter_deliveries')
    .set({ state: 'failed', lease_until: null, error })
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .execute();
}

/** Back to the queue, not before `notBefore`: the server could not take it now. */
export async function releaseDeliveries(
  db: Kysely<Database>,
  ids: number[],
  worker: string,
  notBefore: Date | null,
  error: string | null,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('newsletter_deliveries')
    .set({
      state: 'queued',
      claimed_by: null,
      lease_until: null,
      not_before: notBefore?.toISOString() ?? null,
      error,
    })
    .where('id', 'in', ids)
    .where('claimed_by', '=', worker)
    .where('state', 'in', ['claimed', 'sending'])
    .execute();
}

export interface SendProgress {
  total: number;
  sent: number;
  failed: number;
  left: number;
  /** Messages a second over the last minute. */
  perSecond: number;
  /** Seconds to finish at that rate; null when nothing is moving. */
  secondsLeft: number | null;
}

export async function sendProgress(
  db: Kysely<Database>,
  editionId: number,
  now: Date,
): Promise<SendProgress> {
  const [counts, recent] = await Promise.all([
    db
      .selectFrom('newsletter_deliveries')
      .select(['state', sql<number>`count(*)`.as('n')])
      .where('edition_id', '=', editionId)
      .groupBy('state')
      .execute(),
    db
      .selectFrom('newsletter_deliveries')
      .select(sql<number>`count(*)`.as('n'))
      .where('edition_id', '=', editionId)
      .where('state', '=', 'sent')
      .where('sent_at', '>=', new Date(now.getTime() - 60_000).toISOString())
      .executeTakeFirstOrThrow(),
  ]);
  const by = (state: DeliveryState) => Number(counts.find((c) => c.state === state)?.n ?? 0);
  const sent = by('sent');
  const failed = by('failed');
  const left = by('queued') + by('claimed') + by('sending');
  const perSecond = Number(recent.n) / 60;
  return {
    total: sent + failed + left,
    sent,
    failed,
    left,
    perSecond: Math.round(perSecond * 10) / 10,
    secondsLeft: left === 0 ? 0 : perSecond > 0 ? Math.ceil(left / perSecond) : null,
  };
}
