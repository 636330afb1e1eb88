// How often one network may sign addresses up, and how often one address may be sent a confirming mail:
// enough for a reader fixing a typo, too little to flood strangers' inboxes with confirmation mail from a
// list of (disposable-looking) addresses. Keys are keyed hashes: the store holds no address and no IP.
import { TooManyRequests } from '../http/errors.js';
import { networkOf } from '../http/network.js';
import { checkRates, type RateLimitStore, type RateRule } from '../http/rate-limit-store.js';
import { keyedHash } from '../http/signed-tokens.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SIGNUP_RATES = {
  perNetwork: [
    { name: 'newsletter-signup-minute', max: 5, windowMs: MINUTE },
    { name: 'newsletter-signup-hour', max: 20, windowMs: HOUR },
  ],
  perAddress: [{ name: 'newsletter-signup-address', max: 3, windowMs: HOUR }],
} satisfies Record<string, RateRule[]>;

export function networkSubject(secret: string, ip: string): string {
  return keyedHash(secret, 'newsletter-network', networkOf(ip));
}

export function addressSubject(secret: string, email: string): string {
  return keyedHash(secret, 'newsletter-address', email);
}

export async function limitRate(
  store: RateLimitStore,
  checks: Array<{ rules: RateRule[]; subject: string }>,
  now: Date,
): Promise<void> {
  const decision = await checkRates(
    store,
    checks.flatMap(({ rules, subject }) => rules.map((rule) => ({ rule, subject }))),
    now,
  );
  if (decision.allowed) return;
  const wait = decision.retryAfterSeconds;
  const when = wait <= 90 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`;
  throw new TooManyRequests(`Too many sign-ups from here or for this address. Please try again in ${when}.`);
}
