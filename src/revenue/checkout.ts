// Starting a donation: check what the reader asked for against the settings (interval, a suggested amount
// or their own, fee cover, dedication, name, email, public listing), remember it, and open a Checkout
// Session with the payment provider. Nothing is charged here; the reader pays on the provider's page.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { publishedArticleBySlug } from '../articles/article-refs.js';
import { type FieldErrors, Invalid, NotFound } from '../http/errors.js';
import type { Database, DonationInterval } from '../storage/schema.js';
import { activeCampaign } from './campaigns.js';
import { normaliseEmail } from './donors.js';
import * as q from './ledger-queries.js';
import { feeCover, formatMoney, parseMajorUnits } from './money.js';
import type { PaymentProvider, StartedCheckout } from './payment-provider.js';
import { INTERVALS, type RevenueSettings } from './settings.js';

/** The donation form as sent, every field a string, kept as typed to show again beside its error. */
export interface DonationForm {
  interval: string;
  amount: string; // a suggested amount in minor units, or 'other'
  otherAmount: string;
  coverFee: boolean;
  name: string;
  email: string;
  dedication: string;
  publicListing: boolean;
  from: string; // the slug of the article the reader came from
}

export interface ValidDonation {
  interval: DonationInterval;
  amount: number;
  fee: number;
  total: number;
  currency: string;
  name: string;
  email: string;
  dedication: string;
  publicListing: boolean;
}

const emailSchema = z.email().max(254);
const WHOLE = /^\d{1,12}$/;

export function readDonationForm(body: unknown): DonationForm {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof b[name] === 'string' ? (b[name] as string) : '');
  return {
    interval: text('interval'),
    amount: text('amount'),
    otherAmount: text('other_amount'),
    coverFee: text('cover_fee') === 'yes',
    name: text('name'),
    email: text('email'),
    dedication: text('dedication'),
    publicListing: text('public_listing') === 'yes',
    from: text('from'),
  };
}

/** Checks a donation against the settings; throws Invalid naming each field to fix and how. */
export function validateDonation(form: DonationForm, settings: RevenueSettings): ValidDonation {
  const errors: FieldErrors = {};
  const { currency } = settings;
  const money = (amount: number) => formatMoney({ amount, currency });

  const interval = INTERVALS.find((i) => i === form.interval);
  if (!interval) errors.interval = 'Choose whether to give once, monthly or yearly.';

  let amount: number | null = null;
  if (form.amount === 'other') {
    if (!form.otherAmount.trim()) errors.other_amount = 'Enter the amount you would like to give.';
    else {
      amount = parseMajorUnits(form.otherAmount, currency);
      if (amount === null) errors.other_amount = `Enter an amount in ${currency} such as 25 or 12.50.`;
    }
  } else if (form.amount === '') {
    errors.amount = 'Choose an amount, or enter your own.';
  } else if (!WHOLE.test(form.amount)) {
    // Only a changed page sends this: a negative, fractional or non-numeric amount.
    errors.amount = 'That amount is not valid. Choose one of the amounts shown, or enter your own.';
  } else if (interval && !settings.presets[interval].amounts.includes(Number(form.amount))) {
    errors.amount = 'That amount is not one we offer. Choose one of the amounts shown, or enter your own.';
  } else {
    amount = Number(form.amount);
  }
  if (amount !== null && !errors.amount && !errors.other_amount) {
    const field = form.amount === 'other' ? 'other_amount' : 'amount';
    if (amount < settings.minimumAmount) {
      errors[field] = `The smallest gift we can take online is ${money(settings.minimumAmount)}.`;
    } else if (amount > settings.maximumAmount) {
      errors[field] = `For gifts above ${money(settings.maximumAmount)}, please contact us directly.`;
    }
  }

  const name = form.name.trim();
  if (!name) errors.name = 'Enter your name, for your receipt.';
  else if (name.length > 120) errors.name = 'Keep your name under 120 characters.';
  const email = normaliseEmail(form.email);
  if (!email) errors.email = 'Enter your email address, for your receipt.';
  else if (!emailSchema.safeParse(email).success)
    errors.email = 'Enter an email address such as name@example.org.';
  const dedication = form.dedication.trim();
  if (dedication.length > 200) errors.dedication = 'Keep the dedication under 200 characters.';

  if (Object.keys(errors).length > 0 || amount === null || !interval) {
    throw new Invalid('Your donation has not started yet. Please check the marked fields.', errors);
  }
  const fee = form.coverFee ? feeCover(amount, settings.feeCoverPercent) : 0;
  return {
    interval,
    amount,
    fee,
    total: amount + fee,
    currency,
    name,
    email,
    dedication,
    publicListing: form.publicListing,
  };
}

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
  const checkoutId = await q.insertCheckout(db, {
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
    await q.markCheckoutOpen(db, checkoutId, started.sessionId);
    return started;
  } catch (error) {
    await q.markCheckoutFailed(db, checkoutId);
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
