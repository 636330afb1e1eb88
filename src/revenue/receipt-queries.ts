// Reads and claims for donation receipts: which donations still need one, and a donor's gifts in a year.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database>;

const RECEIPT_COLUMNS = [
  'donations.id',
  'donations.amount',
  'donations.fee_cover_amount',
  'donations.currency',
  'donations.interval',
  'donations.dedication',
  'donations.received_at',
  'donations.refunded_amount',
  'donors.email',
  'donors.name',
] as const;

export function unsentReceipts(db: Db, limit: number) {
  return (
    db
      .selectFrom('donations')
      .innerJoin('donors', 'donors.id', 'donations.donor_id')
      .select(RECEIPT_COLUMNS)
      .where('donations.receipt_sent_at', 'is', null)
      .where('donations.status', '!=', 'refunded')
      // Gifts recorded without an address (kept under a reserved .invalid one) have nowhere to go; left in the
      // batch, enough of them would hold back every receipt after them.
      .where('donors.email', 'not like', '%.invalid')
      .orderBy('donations.id')
      .limit(limit)
      .execute()
  );
}

/** Takes the receipt for this sender: false when another request already took it. */
export async function claimReceipt(db: Db, donationId: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('donations')
    .set({ receipt_sent_at: now })
    .where('id', '=', donationId)
    .where('receipt_sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseReceipt(db: Db, donationId: number) {
  await db.updateTable('donations').set({ receipt_sent_at: null }).where('id', '=', donationId).execute();
}

export function donationsOfDonor(db: Db, donorId: number, from: string, to: string) {
  return db
    .selectFrom('donations')
    .innerJoin('donors', 'donors.id', 'donations.donor_id')
    .select(RECEIPT_COLUMNS)
    .where('donations.donor_id', '=', donorId)
    .where('donations.received_at', '>=', from)
    .where('donations.received_at', '<', to)
    .orderBy('donations.received_at')
    .execute();
}

export type ReceiptRow = Awaited<ReturnType<typeof unsentReceipts>>[number];
