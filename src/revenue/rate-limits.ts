// How often one network may start donations or ask for donor links, and how often one donor may be mailed:
// enough for a person correcting a typo, too little for card testing or for flooding a donor's inbox.
// Counted in the shared store (database or Redis), so every instance sees the same counts; keys are keyed
// hashes, so the store holds no address and no donor id.
import { TooManyRequests } from '../http/errors.js';
import { networkOf } from '../http/network.js';
import { checkRates, type RateLimitStore, type RateRule } from '../http/rate-limit-store.js';
import { keyedHash } from '../http/signed-tokens.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DONATION_RATES = {
  /** Donation forms sent (each may open a Checkout Session at Stripe). */
  start: [
    { name: 'donation-start-minute', max: 10, windowMs: MINUTE },
    { name: 'donation-start-hour', max: 40, windowMs: HOUR },
  ],
  /** Thank-you pages that have to ask Stripe (the page refreshes itself every few seconds while waiting). */
  confirm: [{ name: 'donation-confirm-minute', max: 30, windowMs: MINUTE }],
  /** Requests that send a donor mail (a management link, a yearly summary), per network. */
  mailPerNetwork: [{ name: 'donor-mail-network', max: 5, windowMs: 15 * MINUTE }],
  /** Mails to one donor, whoever asks: nobody can fill a donor's inbox from many addresses. */
  mailPerDonor: [{ name: 'donor-mail-donor', max: 3, windowMs: HOUR }],
  /** Customer portal sessions opened from a donor's page. */
  portal: [{ name: 'donor-portal-minute', max: 10, windowMs: MINUTE }],
} satisfies Record<string, RateRule[]>;

export type DonationRates = typeof DONATION_RATES;

/** The network a request came from, as a key that does not reveal it. */
export function networkKey(secret: string, ip: string): string {
  return keyedHash(secret, 'donation-network', networkOf(ip));
}

export function donorKey(secret: string, donorId: number): string {
  return keyedHash(secret, 'donation-donor', String(donorId));
}

/** Counts this attempt under each rule; TooManyRequests saying when to try again when one is over. */
export async function limitRate(
  store: RateLimitStore,
  checks: Array<{ rules: RateRule[]; subject: string }>,
  now: Date,
  doing: string,
): Promise<void> {
  const decision = await checkRates(
    store,
    checks.flatMap(({ rules, subject }) => rules.map((rule) => ({ rule, subject }))),
    now,
  );
  if (decision.allowed) return;
  const wait = decision.retryAfterSeconds;
  const when =
    wait <= 90 ? `${wait} ${wait === 1 ? 'second' : 'seconds'}` : `${Math.ceil(wait / 60)} minutes`;
  throw new TooManyRequests(`You are ${doing} more often than we can take. Please try again in ${when}.`);
}
