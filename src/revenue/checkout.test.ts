// Starting a donation: every way the form can be wrong (one case each), then Checkout Sessions opened with the
// real Stripe SDK against the stand-in, the Product and Prices created once and reused, on both databases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addArticle } from '../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import {
  type StripeStandin,
  standinPayments,
  startStripeStandin,
} from '../../test/support/stripe-standin.js';
import { Invalid } from '../http/errors.js';
import { createCampaign } from './campaigns.js';
import { startDonation } from './checkout.js';
import { type DonationForm, validateDonation } from './donation-form.js';
import { PaymentProviderFailed } from './payment-errors.js';
import { defaultRevenueSettings } from './settings.js';
import { stripePayments } from './stripe-provider.js';

const settings = defaultRevenueSettings; // GBP; once: 10, 25, 50, 100; minimum £2, maximum £10,000
const form = (over: Partial<DonationForm> = {}): DonationForm => ({
  interval: 'once',
  amount: '2500',
  otherAmount: '',
  coverFee: false,
  name: 'Ada Reader',
  email: 'Ada@Example.org',
  dedication: '',
  publicListing: false,
  from: '',
  ...over,
});

function fieldsOf(f: DonationForm): Record<string, string> {
  try {
    validateDonation(f, settings);
  } catch (error) {
    if (error instanceof Invalid) return error.fields;
    throw error;
  }
  throw new Error('expected the donation to be refused');
}

describe('validateDonation', () => {
  it('accepts a suggested amount, one of the reader’s own, and adds the fee cover', () => {
    expect(validateDonation(form(), settings)).toMatchObject({
      interval: 'once',
      amount: 2500,
      fee: 0,
      total: 2500,
      email: 'ada@example.org',
    });
    expect(
      validateDonation(form({ amount: 'other', otherAmount: '12.50', coverFee: true }), settings),
    ).toMatchObject({
      amount: 1250,
      fee: 38,
      total: 1288,
    });
    expect(
      validateDonation(form({ interval: 'month', amount: '1000', dedication: ' Grandma Jo ' }), settings),
    ).toMatchObject({
      interval: 'month',
      amount: 1000,
      dedication: 'Grandma Jo',
    });
  });

  it.each([
    ['a negative amount', { amount: '-500' }, 'amount', 'not valid'],
    ['a fractional minor-unit amount', { amount: '2500.5' }, 'amount', 'not valid'],
    [
      'an amount that is not offered (a preset that does not exist)',
      { amount: '2499' },
      'amount',
      'not one we offer',
    ],
    ['a monthly amount sent with the one-time interval', { amount: '500' }, 'amount', 'not one we offer'],
    ['no amount at all', { amount: '' }, 'amount', 'Choose an amount'],
    [
      'an own amount below the minimum',
      { amount: 'other', otherAmount: '1.50' },
      'other_amount',
      'smallest gift we can take online is £2',
    ],
    [
      'an own amount above the maximum',
      { amount: 'other', otherAmount: '20000' },
      'other_amount',
      'above £10,000',
    ],
    [
      'an own amount with too many decimals',
      { amount: 'other', otherAmount: '5.555' },
      'other_amount',
      'such as 25 or 12.50',
    ],
    ['an own negative amount', { amount: 'other', otherAmount: '-5' }, 'other_amount', 'such as 25 or 12.50'],
    ['an empty own amount', { amount: 'other', otherAmount: ' ' }, 'other_amount', 'Enter the amount'],
    ['an interval that does not exist', { interval: 'weekly' }, 'interval', 'once, monthly or yearly'],
    ['no name', { name: '  ' }, 'name', 'Enter your name'],
    ['an email that is not one', { email: 'ada@' }, 'email', 'such as name@example.org'],
    ['a dedication too long', { dedication: 'x'.repeat(201) }, 'dedication', 'under 200'],
  ] as const)('refuses %s with a clear message on its field', (_case, change, field, text) => {
    const fields = fieldsOf(form(change));
    expect(fields[field]).toContain(text);
  });
});

describe.each(testDatabases)('startDonation on $name', (database) => {
  let storage: TestStorage;
  let standin: StripeStandin;
  const now = new Date('2026-03-10T12:00:00.000Z');

  beforeAll(async () => {
    standin = await startStripeStandin();
  });
  afterAll(() => standin.close());
  beforeEach(async () => {
    storage = await database.open();
    return () => storage.cleanup();
  });

  const deps = (payments = standinPayments(standin)) => ({
    db: storage.db,
    payments,
    publicUrl: 'https://news.example.org',
    siteName: 'The Courier',
    now,
    randomToken: () => `ref-${Math.random().toString(36).slice(2)}`,
  });

  it('opens a one-time Checkout Session and remembers what the reader asked for', async () => {
    const articleId = await addArticle(storage.db, { slug: 'flood-defences' });
    const campaignId = await createCampaign(
      storage.db,
      {
        name: 'Spring drive',
        goal: '5000',
        starts: '2026-03-01',
        ends: '2026-03-31',
        ctaHeading: '',
        ctaText: '',
      },
      'GBP',
      'UTC',
      now,
    );
    const started = await startDonation(
      deps(),
      form({ coverFee: true, dedication: 'In memory of Jo', publicListing: true, from: 'flood-defences' }),
      settings,
    );
    expect(started.url).toBe(`${standin.url}/c/pay/${started.sessionId}`);

    const session = standin.world.sessions.get(started.sessionId)!;
    expect(session).toMatchObject({
      mode: 'payment',
      amount_total: 2575,
      currency: 'gbp',
      customer_email: 'ada@example.org',
    });
    expect(session.success_url).toBe(
      `https://news.example.org/support/thank-you?session_id=${started.sessionId}`,
    );
    expect(session.metadata.broadsheet_reference).toBe(session.client_reference_id);
    expect(session._payment_intent_data.metadata.broadsheet_reference).toBe(session.client_reference_id);

    const row = await storage.db.selectFrom('donation_checkouts').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      stripe_session_id: started.sessionId,
      status: 'open',
      interval: 'once',
      amount: 2500,
      fee_amount: 75,
      total_amount: 2575,
      currency: 'GBP',
      donor_email: 'ada@example.org',
      public_listing: 1,
      dedication: 'In memory of Jo',
      article_id: articleId,
      campaign_id: campaignId,
      reference: session.client_reference_id,
    });
  });

  it('creates the Product once and reuses Prices by lookup key; a recurring gift gets a recurring Price', async () => {
    const before = standin.world.prices.size;
    await startDonation(deps(), form({ interval: 'month', amount: '1000' }), settings);
    await startDonation(
      deps(),
      form({ interval: 'month', amount: '1000', email: 'bo@example.org' }),
      settings,
    );
    await startDonation(deps(), form({ interval: 'year', amount: '5000' }), settings);
    expect(standin.world.products.size).toBe(1);
    const prices = [...standin.world.prices.values()].slice(before);
    expect(prices.map((p) => [p.lookup_key, p.recurring?.interval])).toEqual([
      ['broadsheet_month_gbp_1000', 'month'],
      ['broadsheet_year_gbp_5000', 'year'],
    ]);
    const sessions = [...standin.world.sessions.values()].slice(-3);
    expect(sessions.map((s) => s.mode)).toEqual(['subscription', 'subscription', 'subscription']);
    expect(sessions[0]!._subscription_data.metadata.broadsheet_reference).toBeTruthy();
  });

  it('makes a new Price when the one for this amount was archived in Stripe’s dashboard', async () => {
    await startDonation(deps(), form({ interval: 'year', amount: '10000' }), settings);
    const archived = [...standin.world.prices.values()].find(
      (p) => p.lookup_key === 'broadsheet_year_gbp_10000',
    )!;
    archived.active = false;
    const started = await startDonation(
      deps(),
      form({ interval: 'year', amount: '10000', email: 'bo@example.org' }),
      settings,
    );
    const session = standin.world.sessions.get(started.sessionId)!;
    expect(session._price).not.toBe(archived.id);
    expect(standin.world.prices.get(session._price)).toMatchObject({
      active: true,
      lookup_key: 'broadsheet_year_gbp_10000',
      unit_amount: 10000,
    });
    expect(archived.lookup_key).toBeNull();
  });

  it('marks the checkout failed and says nothing was charged when Stripe refuses', async () => {
    const wrongKey = stripePayments({
      secretKey: 'sk_test_wrong',
      webhookSecret: 'whsec_x',
      api: { host: '127.0.0.1', port: Number(new URL(standin.url).port), protocol: 'http' },
    });
    const attempt = startDonation(deps(wrongKey), form(), settings);
    await expect(attempt).rejects.toBeInstanceOf(PaymentProviderFailed);
    await expect(attempt).rejects.toThrow('Nothing was charged');
    const row = await storage.db
      .selectFrom('donation_checkouts')
      .select(['status', 'donor_email'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', donor_email: 'ada@example.org' });
  });
});
