// The Stripe events already applied, by id: what makes a repeated webhook delivery change nothing.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';

type Db = Kysely<Database>;

export async function eventSeen(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('stripe_events').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Claims the event for this transaction; false when it was applied before (a repeated delivery). */
export async function claimEvent(
  db: Db,
  event: { id: string; type: string; created: string; receivedAt: string },
): Promise<boolean> {
  const row = await db
    .insertInto('stripe_events')
    .values({
      id: event.id,
      type: event.type,
      stripe_created_at: event.created,
      received_at: event.receivedAt,
      outcome: 'applying',
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setEventOutcome(db: Db, id: string, outcome: string) {
  await db.updateTable('stripe_events').set({ outcome }).where('id', '=', id).execute();
}

export interface UnmatchedEvent {
  id: string;
  type: string;
  receivedAt: string;
  reason: string;
}

/** Verified events that named nothing we or Stripe know, newest first: for the donations overview. */
export async function unmatchedEvents(db: Db, limit = 50): Promise<UnmatchedEvent[]> {
  const rows = await db
    .selectFrom('stripe_events')
    .select(['id', 'type', 'received_at', 'outcome'])
    .where('outcome', 'like', 'unmatched%')
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    receivedAt: r.received_at,
    reason: r.outcome.replace(/^unmatched:\s*/, ''),
  }));
}
