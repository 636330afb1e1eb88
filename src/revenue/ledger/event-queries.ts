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
