// Reads and writes of donation checkouts: what a reader asked for in our form, kept from before they pay until
// the payment is recorded (its dedication, campaign and article travel to the donation from here).
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, DonationCheckoutsTable } from '../../storage/schema.js';

type Db = Kysely<Database>;
export type CheckoutRow = Selectable<DonationCheckoutsTable>;

export async function insertCheckout(db: Db, values: Insertable<DonationCheckoutsTable>): Promise<number> {
  const row = await db
    .insertInto('donation_checkouts')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts the checkout unless one with its reference exists (the same form sent again): its id, or null. */
export async function claimCheckout(
  db: Db,
  values: Insertable<DonationCheckoutsTable>,
): Promise<number | null> {
  const row = await db
    .insertInto('donation_checkouts')
    .values(values)
    .onConflict((oc) => oc.column('reference').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function markCheckoutOpen(db: Db, id: number, sessionId: string) {
  await db
    .updateTable('donation_checkouts')
    .set({ stripe_session_id: sessionId, status: 'open' })
    .where('id', '=', id)
    .execute();
}

export async function markCheckoutFailed(db: Db, id: number) {
  await db.updateTable('donation_checkouts').set({ status: 'failed' }).where('id', '=', id).execute();
}

export function findCheckout(db: Db, by: { reference?: string | null; sessionId?: string | null }) {
  if (!by.reference && !by.sessionId) return Promise.resolve(undefined);
  return db
    .selectFrom('donation_checkouts')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(by.reference ? [eb('reference', '=', by.reference)] : []),
        ...(by.sessionId ? [eb('stripe_session_id', '=', by.sessionId)] : []),
      ]),
    )
    .executeTakeFirst();
}

export function findCheckoutById(db: Db, id: number) {
  return db.selectFrom('donation_checkouts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function completeCheckout(db: Db, id: number, sessionId: string, now: string) {
  await db
    .updateTable('donation_checkouts')
    .set({ status: 'completed', stripe_session_id: sessionId, completed_at: now })
    .where('id', '=', id)
    .where('status', '!=', 'completed')
    .execute();
}
