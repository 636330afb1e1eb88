// Starting a donation: the reader's valid request remembered as a checkout, and a Checkout Session opened
// with the payment provider. Nothing is charged here; the reader pays on the provider's page.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { publishedArticleBySlug } from '../articles/article-refs.js';
import { NotFound } from '../http/errors.js';
import type { Database } from '../storage/schema.js';
import { activeCampaign } from './campaigns.js';
import { type DonationForm, validateDonation } from './donation-form.js';
import { insertCheckout, markCheckoutFailed, markCheckoutOpen } from './ledger/checkout-queries.js';
import type { PaymentProvider, StartedCheckout } from './payment-provider.js';
import type { RevenueSettings } from './settings.js';

export interface StartDonationDeps {
  db: Kysely<Database>;
  payments: PaymentProvider;
  publicUrl: string;
  siteName: string;
  now: Date;
  randomToken?: () => string;
}

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
  const reference = (deps.randomToken ?? (() => randomBytes(18).toString('base64url')))();
  const checkoutId = await insertCheckout(db, {
    reference,
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
  });
  const how = { once: 'Donation', month: 'Monthly donation', year: 'Yearly donation' }[donation.interval];
  try {
    const started = await payments.startCheckout({
      reference,
      interval: donation.interval,
      totalAmount: donation.total,
      currency: donation.currency,
      donorEmail: donation.email,
      description: `${how} to ${deps.siteName}`,
      successUrl: `${deps.publicUrl}/support/thank-you`,
      cancelUrl: `${deps.publicUrl}/support?interval=${donation.interval}`,
    });
    await markCheckoutOpen(db, checkoutId, started.sessionId);
    return started;
  } catch (error) {
    await markCheckoutFailed(db, checkoutId);
    throw error;
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
