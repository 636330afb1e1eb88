// Reads and writes of the donors table: one row per email address, with the Stripe customer last used.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, DonorsTable } from '../../storage/schema.js';

type Db = Kysely<Database>;
export type DonorRow = Selectable<DonorsTable>;

export function findDonorByEmail(db: Db, email: string) {
  return db.selectFrom('donors').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findDonorById(db: Db, id: number) {
  return db.selectFrom('donors').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findDonorByCustomer(db: Db, customerId: string) {
  return db
    .selectFrom('donors')
    .selectAll()
    .where('stripe_customer_id', '=', customerId)
    .orderBy('id')
    .executeTakeFirst();
}

/** Inserts the donor unless the email is known; returns the row either way. */
export async function insertDonorIfNew(db: Db, values: Insertable<DonorsTable>): Promise<DonorRow> {
  await db
    .insertInto('donors')
    .values(values)
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  return (await findDonorByEmail(db, values.email))!;
}

export async function updateDonor(
  db: Db,
  id: number,
  values: Partial<Pick<DonorsTable, 'name' | 'public_listing' | 'stripe_customer_id' | 'updated_at'>>,
) {
  await db.updateTable('donors').set(values).where('id', '=', id).execute();
}
