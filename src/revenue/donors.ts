// The people who give: one donor per email address (lower-case), the Stripe customer last used for them,
// and whether they asked to be listed publicly. Search and listing for the newsroom.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/schema.js';
import * as q from './ledger-queries.js';

type Db = Kysely<Database>;

export interface Donor {
  id: number;
  email: string;
  name: string;
  publicListing: boolean;
  createdAt: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// An event without any email (never seen from Stripe, but possible) still records the gift under the
// customer; the address is reserved (RFC 2606) so nothing is ever mailed to it.
function placeholderEmail(customerId: string | null): string {
  return `unknown-${customerId ?? 'customer'}@donors.invalid`;
}

/**
 * The donor for this gift, created on first sight. What the reader typed in our form (name, public listing)
 * wins over what the payment page collected; the latest Stripe customer is remembered for the next checkout.
 */
export async function upsertDonor(
  db: Db,
  input: { email: string | null; name: string | null; publicListing?: boolean; customerId: string | null },
  now: Date,
): Promise<q.DonorRow> {
  const byCustomer =
    !input.email && input.customerId ? await q.findDonorByCustomer(db, input.customerId) : undefined;
  if (byCustomer) return byCustomer;
  const email = input.email ? normaliseEmail(input.email) : placeholderEmail(input.customerId);
  const at = now.toISOString();
  const donor = await q.insertDonorIfNew(db, {
    email,
    name: input.name?.trim() ?? '',
    public_listing: input.publicListing ? 1 : 0,
    stripe_customer_id: input.customerId,
    created_at: at,
    updated_at: at,
  });
  const changes: Parameters<typeof q.updateDonor>[2] = {};
  if (input.name?.trim() && input.name.trim() !== donor.name) changes.name = input.name.trim();
  if (input.publicListing !== undefined && Number(input.publicListing) !== donor.public_listing) {
    changes.public_listing = input.publicListing ? 1 : 0;
  }
  if (input.customerId && input.customerId !== donor.stripe_customer_id)
    changes.stripe_customer_id = input.customerId;
  if (Object.keys(changes).length > 0) {
    await q.updateDonor(db, donor.id, { ...changes, updated_at: at });
    return { ...donor, ...changes };
  }
  return donor;
}

export async function findDonorByEmail(db: Db, email: string): Promise<Donor | null> {
  const row = await q.findDonorByEmail(db, normaliseEmail(email));
  return row ? toDonor(row) : null;
}

export async function getDonor(db: Db, id: number): Promise<Donor | null> {
  const row = await q.findDonorById(db, id);
  return row ? toDonor(row) : null;
}

function toDonor(row: q.DonorRow): Donor {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    publicListing: row.public_listing === 1,
    createdAt: row.created_at,
  };
}

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

export async function setPublicListing(db: Db, donorId: number, listed: boolean, now: Date) {
  await q.updateDonor(db, donorId, { public_listing: listed ? 1 : 0, updated_at: now.toISOString() });
}
