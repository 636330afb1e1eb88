// Starting a donation: the reader's valid request remembered as a checkout, and a Checkout Session opened
// with the payment provider. Nothing is charged here; the reader pays on the provider's page. The same form
// sent twice opens one checkout (submission.ts).
import { randomBytes } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { publishedArticleBySlug } from '../articles/article-refs.js';
import { NotFound } from '../http/errors.js';
import type { Database, DonationCheckoutsTable } from '../storage/schema.js';
import { activeCampaign } from './campaigns.js';
import { type DonationForm, validateDonation } from './donation-form.js';
import {
  type CheckoutRow,
  claimCheckout,
  findCheckout,
  insertCheckout,
  markCheckoutFailed,
  markCheckoutOpen,
} from './ledger/checkout-queries.js';
import type { CheckoutRequest, PaymentProvider, StartedCheckout } from './payment-provider.js';
import type { RevenueSettings } from './settings.js';
import { SUBMISSION_WINDOW_MS, submissionReference } from './submission.js';

export interface StartDonationDeps {
  db: Kysely<Database>;
  payments: PaymentProvider;
  publicUrl: string;
  siteName: string;
  now: Date;
  randomToken?: () => string;
  /** Keys the reference of a form sent with its nonce, so that sending it again opens nothing new. */
  secret?: string;
}

// While the first of two identical posts is still talking to the provider, the second waits this long for it.
const WAIT_FOR_FIRST_MS = 15_000;
const POLL_MS = 100;

/** Records the reader's request and opens a Checkout Session; returns where the reader goes to pay. */
export async function startDonation(
  deps: StartDonationDeps,
  form: DonationForm,
  settings: RevenueSettings,
): Promise<StartedCheckout> {
  const donation = validateDonation(form, settings);
  const { db, payments, now } = deps;
  const articleId = await sourceArticle(db, form.from);
  const campaign = await activeCampaign(db, now);
  const random = () => (deps.randomToken ?? (() => randomBytes(18).toString('base64url')))();
  const submission = deps.secret ? submissionReference(deps.secret, form.nonce, donation, form.from) : null;
  const row: Insertable<DonationCheckoutsTable> = {
    reference: submission ?? random(),
    stripe_session_id: null,
    interval: donation.interval,
    amount: donation.amount,
    fee_amount: donation.fee,
    total_amount: donation.total,
    currency: donation.currency,
    donor_name: donation.name,
    donor_email: donation.email,
    public_listing: donation.publicListing ? 1 : 0,
    dedication: donation.dedication,
    campaign_id: campaign && campaign.currency === donation.currency ? campaign.id : null,
    article_id: articleId,
    status: 'started',
    created_at: now.toISOString(),
    completed_at: null,
  };
  const how = { once: 'Donation', month: 'Monthly donation', year: 'Yearly donation' }[donation.interval];
  const request = (reference: string): CheckoutRequest => ({
    reference,
    interval: donation.interval,
    totalAmount: donation.total,
    currency: donation.currency,
    donorEmail: donation.email,
    description: `${how} to ${deps.siteName}`,
    successUrl: `${deps.publicUrl}/support/thank-you`,
    cancelUrl: `${deps.publicUrl}/support?interval=${donation.interval}`,
  });

  let checkoutId = submission ? await claimCheckout(db, row) : await insertCheckout(db, row);
  if (checkoutId === null) {
    // This very form was sent before: the same reference asks the provider again under the same
    // Idempotency-Key, which answers with the session it opened then, not a new one.
    const first = await openedBefore(db, row.reference, now);
    if (first) return payments.startCheckout(request(row.reference));
    // That attempt failed, was paid, or is long past: this is a new donation.
    row.reference = random();
    checkoutId = await insertCheckout(db, row);
  }
  try {
    const started = await payments.startCheckout(request(row.reference));
    await markCheckoutOpen(db, checkoutId, started.sessionId);
    return started;
  } catch (error) {
    await markCheckoutFailed(db, checkoutId);
    throw error;
  }
}

/**
 * The checkout an identical earlier post opened, once it is open (waiting while that post is still with the
 * provider), or null when that one failed, was already paid, or was sent too long ago to count as the same.
 */
async function openedBefore(db: Kysely<Database>, reference: string, now: Date): Promise<CheckoutRow | null> {
  const until = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const first = await findCheckout(db, { reference });
    if (!first || now.getTime() - Date.parse(first.created_at) > SUBMISSION_WINDOW_MS) return null;
    if (first.status === 'open') return first;
    if (first.status !== 'started' || Date.now() > until) return null;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function sourceArticle(db: Kysely<Database>, slug: string): Promise<number | null> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 200) return null;
  try {
    return (await publishedArticleBySlug(db, slug)).id;
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
}
