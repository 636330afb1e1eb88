// Donors manage their gifts without a password: a link signed with the app secret, naming the donor and
// an expiry, mailed to the donor's address. From its page the donor opens Stripe's customer portal to
// change or cancel a recurring donation, or asks for a yearly summary.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Forbidden, NotFound } from '../http/errors.js';
import { checkRates, type RateLimitStore } from '../http/rate-limit-store.js';
import type { Mailer } from '../mail/mailer.js';
import type { Database } from '../storage/schema.js';
import { findDonorByEmail, getDonor } from './donors.js';
import * as q from './ledger-queries.js';
import type { PaymentProvider } from './payment-provider.js';
import { DONATION_RATES, donorKey } from './rate-limits.js';
import { portalOffer, readRevenueSettings } from './settings.js';

export const LINK_VALID_MS = 24 * 60 * 60 * 1000;
const TOKEN = /^(\d{1,12})\.(\d{1,13})\.([A-Za-z0-9_-]{43})$/;

function mac(secret: string, donorId: number, expires: number): string {
  return createHmac('sha256', secret).update(`donor-link:${donorId}:${expires}`).digest('base64url');
}

export function signDonorLink(secret: string, donorId: number, expiresAt: Date): string {
  const expires = expiresAt.getTime();
  return `${donorId}.${expires}.${mac(secret, donorId, expires)}`;
}

/** The donor id a token was signed for; Forbidden when it is forged, altered or expired. */
export function verifyDonorLink(secret: string, token: string, now: Date): number {
  const match = TOKEN.exec(token);
  if (!match) throw new Forbidden('This link is not valid. Ask for a new one below.');
  const donorId = Number(match[1]);
  const expires = Number(match[2]);
  const expected = Buffer.from(mac(secret, donorId, expires));
  const given = Buffer.from(match[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new Forbidden('This link is not valid. Ask for a new one below.');
  }
  if (expires <= now.getTime()) throw new Forbidden('This link has expired. Ask for a new one below.');
  return donorId;
}

export interface DonorLinkDeps {
  db: Kysely<Database>;
  mailer: Mailer;
  secret: string;
  publicUrl: string;
  siteName: string;
  now: Date;
  rates: RateLimitStore;
}

/**
 * Mails a management link when the address belongs to a donor. Says nothing either way to the person
 * asking, so that the form cannot be used to learn who gives; for the same reason a donor already mailed
 * several links this hour silently gets no more.
 */
export async function mailDonorLink(deps: DonorLinkDeps, email: string): Promise<void> {
  const donor = await findDonorByEmail(deps.db, email);
  // Gifts recorded without any address are kept under a reserved (.invalid) one, which no mail reaches.
  if (!donor || donor.email.endsWith('.invalid')) return;
  const decision = await checkRates(
    deps.rates,
    DONATION_RATES.mailPerDonor.map((rule) => ({ rule, subject: donorKey(deps.secret, donor.id) })),
    deps.now,
  );
  if (!decision.allowed) return;
  const token = signDonorLink(deps.secret, donor.id, new Date(deps.now.getTime() + LINK_VALID_MS));
  await deps.mailer.send({
    to: donor.email,
    subject: `Your donations to ${deps.siteName}`,
    text: [
      `Hello ${donor.name || 'supporter'},`,
      '',
      'Someone (we hope you) asked for a link to manage your donations. Open it within 24 hours:',
      '',
      `${deps.publicUrl}/support/manage/${token}`,
      '',
      'From there you can change or cancel a recurring donation and ask for a yearly summary of your gifts.',
      'If you did not ask for this, you can ignore this email; nothing changes.',
    ].join('\n'),
  });
}

export interface ManagedDonor {
  donor: { id: number; email: string; name: string; publicListing: boolean };
  recurring: Array<{
    id: number;
    amount: number;
    currency: string;
    interval: 'month' | 'year';
    status: string;
    startedAt: string;
  }>;
}

export async function managedDonor(db: Kysely<Database>, donorId: number): Promise<ManagedDonor> {
  const donor = await getDonor(db, donorId);
  if (!donor) throw new NotFound('We have no donations under this link any more.');
  const subscriptions = await q.listDonorSubscriptions(db, donorId);
  return {
    donor,
    recurring: subscriptions.map((s) => ({
      id: s.id,
      amount: s.amount,
      currency: s.currency,
      interval: s.interval,
      status: s.status,
      startedAt: s.started_at,
    })),
  };
}

/**
 * Stripe's portal for this donor's recurring donation; only for a subscription that is theirs. It offers the
 * suggested amounts as they are now, read for each visit so that every instance offers the same.
 */
export async function portalFor(
  deps: { db: Kysely<Database>; payments: PaymentProvider },
  donorId: number,
  subscriptionId: number,
  returnUrl: string,
): Promise<string> {
  const mine = (await q.listDonorSubscriptions(deps.db, donorId)).find((s) => s.id === subscriptionId);
  if (!mine) throw new NotFound('We could not find that recurring donation under this link.');
  const offer = portalOffer(await readRevenueSettings(deps.db));
  return deps.payments.portalUrl(mine.stripe_customer_id, returnUrl, offer);
}
