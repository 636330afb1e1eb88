// One donation form sent twice (a double click, a browser resending after a slow answer) opens one checkout.
// Each render of the form carries a fresh nonce; the checkout's reference is derived from that nonce and what
// the reader asked for (keyed with the site's secret), so the same form sent again finds the same checkout,
// and Stripe's Idempotency-Key (`checkout-<reference>`) gives back the same Checkout Session and URL.
// The support page is cached and shared: readers of one cached copy share its nonce, but not their name,
// email and amount, which are in the key too; two forms alike in all of them are one person's.
import { createHmac, randomBytes } from 'node:crypto';
import type { ValidDonation } from './donation-form.js';

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/** A nonce for one render of the donation form. */
export function newFormNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** How long a sent form still answers with its checkout: well within Stripe's 24 hours for a key. */
export const SUBMISSION_WINDOW_MS = 60 * 60 * 1000;

/** The checkout reference for this form as sent, or null when the form carries no usable nonce. */
export function submissionReference(
  secret: string,
  nonce: string | undefined,
  donation: ValidDonation,
  from: string,
): string | null {
  if (!nonce || !NONCE.test(nonce)) return null;
  const what = [
    nonce,
    donation.interval,
    donation.amount,
    donation.fee,
    donation.currency,
    donation.name,
    donation.email,
    donation.dedication,
    donation.publicListing,
    from,
  ];
  const digest = createHmac('sha256', secret).update(JSON.stringify(what)).digest('base64url');
  return `f_${digest.slice(0, 32)}`;
}
