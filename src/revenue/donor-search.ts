// Finding donors: the newsroom's search by name or email with each donor's totals, and the names of those
// who asked to be listed among the supporters on the support page.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/schema.js';
import { type Donor, toDonor } from './donors.js';

type Db = Kysely<Database>;

export interface DonorListItem extends Donor {
  gifts: number;
  /** Net of refunds, per currency. */
  totals: Array<{ currency: string; amount: number }>;
  lastGiftAt: string | null;
  recurring: boolean;
}

/** Donors whose name or email contains the search text, newest gift first. */
export async function searchDonors(
  db: Db,
  search: string,
  options: { limit: number; offset: number },
): Promise<{ items: DonorListItem[]; total: number }> {
  const text = search.trim().toLowerCase();
  // LIKE wildcards typed by the admin are matched literally.
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let base = db.selectFrom('donors');
  if (text) {
    base = base.where((eb) =>
      eb.or([
        eb(sql`lower(donors.name)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`donors.email`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('donors')
    .select((eb) => [
      eb
        .selectFrom('donations')
        .select((sub) => sub.fn.max('received_at').as('last'))
        .whereRef('donations.donor_id', '=', 'donors.id')
        .as('last_gift_at'),
    ])
    .orderBy('last_gift_at', (ob) => ob.desc().nullsLast())
    .orderBy('donors.id', 'desc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  const ids = rows.map((r) => r.id);
  const gifts = ids.length
    ? await db
        .selectFrom('donations')
        .select((eb) => [
          'donor_id',
          'currency',
          eb.fn.countAll<number>().as('gifts'),
          eb.fn.sum<number>(sql`amount - refunded_amount`).as('net'),
        ])
        .where('donor_id', 'in', ids)
        .groupBy(['donor_id', 'currency'])
        .execute()
    : [];
  const recurring = ids.length
    ? await db
        .selectFrom('donation_subscriptions')
        .select('donor_id')
        .where('donor_id', 'in', ids)
        .where('status', 'in', ['active', 'past_due', 'trialing'])
        .execute()
    : [];
  const withRecurring = new Set(recurring.map((r) => r.donor_id));
  return {
    total: Number(total),
    items: rows.map((row) => {
      const mine = gifts.filter((g) => g.donor_id === row.id);
      return {
        ...toDonor(row),
        gifts: mine.reduce((n, g) => n + Number(g.gifts), 0),
        totals: mine.map((g) => ({ currency: g.currency, amount: Number(g.net) })),
        lastGiftAt: row.last_gift_at ?? null,
        recurring: withRecurring.has(row.id),
      };
    }),
  };
}

/** Names of donors who asked to be listed, most recent gift first; never an email. */
export async function publicSupporters(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('donors')
    .innerJoin('donations', 'donations.donor_id', 'donors.id')
    .select(['donors.name'])
    .select((eb) => eb.fn.max('donations.received_at').as('last'))
    .where('donors.public_listing', '=', 1)
    .where('donors.name', '!=', '')
    .where('donations.status', '!=', 'refunded')
    .groupBy(['donors.id', 'donors.name'])
    .orderBy('last', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.name);
}
