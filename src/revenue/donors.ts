// The people who give: one donor per email address (lower-case), the Stripe customer last used for them,
// and whether they asked to be listed publicly. Finding them for the newsroom is in donor-search.ts.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../storage/schema.js';
import * as q from './ledger/donor-queries.js';

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

const emailSchema = z.email().max(254);

/** An address we can mail a receipt or a link to (as typed, once normalised). */
export function isEmailAddress(email: string): boolean {
  return emailSchema.safeParse(email).success;
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

export function toDonor(row: q.DonorRow): Donor {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    publicListing: row.public_listing === 1,
    createdAt: row.created_at,
  };
}

export async function setPublicListing(db: Db, donorId: number, listed: boolean, now: Date) {
  await q.updateDonor(db, donorId, { public_listing: listed ? 1 : 0, updated_at: now.toISOString() });
}
