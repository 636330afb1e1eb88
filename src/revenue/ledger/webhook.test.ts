// Stripe's webhook through the whole app, with events made and signed by the stand-in: signatures, repeated
// and reordered deliveries, renewals, refunds, cancellations, and a delivery while the database is down.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { breakable, DONOR, ledgerCounts, startDonationVia } from '../../../test/support/revenue.js';
import { injectInto, type StripeStandin, startStripeStandin } from '../../../test/support/stripe-standin.js';

let standin: StripeStandin;
beforeAll(async () => {
  standin = await startStripeStandin();
});
afterAll(() => standin.close());

describe.each(testDatabases)('the Stripe webhook on $name', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ database, env: standin.env });
    standin.deliverTo = injectInto(t.app);
    standin.world.now = () => new Date();
    return () => t.close();
  });

  const donation = () => t.storage.db.selectFrom('donations').selectAll().executeTakeFirstOrThrow();

  it('refuses a missing, wrong or replayed-onto-another-body signature with 400 and records nothing', async () => {
    const sessionId = await startDonationVia(t.app);
    const [completed] = standin.world.completeCheckout(sessionId);

    const missing = await standin.deliver(completed!, { signature: null });
    const wrongSecret = await standin.deliver(completed!, { secret: 'whsec_someone_else' });
    const garbage = await standin.deliver(completed!, { signature: 't=1,v1=deadbeef' });
    // A real signature, but for another body: an attacker raising the amount.
    const tampered = await standin.deliverTo!(
      JSON.stringify({ ...completed, data: { object: { ...completed!.data.object, amount_total: 1 } } }),
      { 'content-type': 'application/json', 'stripe-signature': await signatureOf(completed!) },
    );
    for (const res of [missing, wrongSecret, garbage, tampered]) {
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe('INVALID_SIGNATURE');
    }
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 0, donors: 0, events: 0, mails: 0 });

    expect((await standin.deliver(completed!)).status).toBe(200);
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 1, donors: 1, events: 1 });
  });

  it('records a one-time donation once however often Stripe delivers it, with one receipt', async () => {
    const sessionId = await startDonationVia(t.app, {
      cover_fee: 'yes',
      dedication: 'For Grandma Jo',
      public_listing: 'yes',
    });
    const [completed] = standin.world.completeCheckout(sessionId);
    const results = await Promise.all([1, 2, 3].map(() => standin.deliver(completed!)));
    results.push(await standin.deliver(completed!));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(results.map((r) => JSON.parse(r.body).outcome).filter((o) => o === 'applied')).toHaveLength(1);

    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 1, donors: 1, events: 1, mails: 1 });
    const d = await donation();
    const session = standin.world.sessions.get(sessionId)!;
    expect(d).toMatchObject({
      amount: 2575,
      fee_cover_amount: 75,
      // The site's language is plain English: donations are in US dollars until the settings say otherwise.
      currency: 'USD',
      interval: 'once',
      status: 'paid',
      dedication: 'For Grandma Jo',
      stripe_payment_intent_id: session.payment_intent,
      stripe_checkout_session_id: sessionId,
      stripe_invoice_id: null,
    });
    expect(d.receipt_sent_at).not.toBeNull();
    const donor = await t.storage.db.selectFrom('donors').selectAll().executeTakeFirstOrThrow();
    expect(donor).toMatchObject({
      email: DONOR.email,
      name: DONOR.name,
      public_listing: 1,
      stripe_customer_id: session.customer,
    });
    const checkout = await t.storage.db
      .selectFrom('donation_checkouts')
      .select('status')
      .executeTakeFirstOrThrow();
    expect(checkout.status).toBe('completed');
  });

  it('records a recurring donation once whatever the order of its events', async () => {
    const sessionId = await startDonationVia(t.app, { interval: 'month', amount: '1000' });
    const events = standin.world.completeCheckout(sessionId);
    expect(events.map((e) => e.type)).toEqual([
      'customer.subscription.created',
      'invoice.paid',
      'checkout.session.completed',
    ]);
    for (const e of [...events].reverse()) expect((await standin.deliver(e)).status).toBe(200);
    for (const e of events) expect(JSON.parse((await standin.deliver(e)).body).outcome).toBe('duplicate');

    expect(await ledgerCounts(t.storage.db)).toMatchObject({
      donations: 1,
      donors: 1,
      subscriptions: 1,
      events: 3,
      mails: 1,
    });
    const session = standin.world.sessions.get(sessionId)!;
    const d = await donation();
    const payment = [...standin.world.invoicePayments.values()].find((p) => p.invoice === session.invoice)!;
    expect(d).toMatchObject({
      amount: 1000,
      interval: 'month',
      stripe_invoice_id: session.invoice,
      // Known only from the invoice (fetched from Stripe), filled in whatever came first.
      stripe_payment_intent_id: payment.payment.payment_intent,
      stripe_checkout_session_id: sessionId,
    });
    const sub = await t.storage.db.selectFrom('donation_subscriptions').selectAll().executeTakeFirstOrThrow();
    expect(sub).toMatchObject({
      stripe_subscription_id: session.subscription,
      status: 'active',
      amount: 1000,
      interval: 'month',
    });
    expect(sub.donor_id).toBe(d.donor_id);
    expect(d.subscription_id).toBe(sub.id);
  });

  it('takes renewals, a failed payment, and a cancellation; a late older event does not revive it', async () => {
    const base = Date.now();
    standin.world.now = () => new Date(base);
    const sessionId = await startDonationVia(t.app, { interval: 'year', amount: '5000' });
    await standin.deliverAll(standin.world.completeCheckout(sessionId));
    const subId = standin.world.sessions.get(sessionId)!.subscription;

    standin.world.now = () => new Date(base + 10_000);
    await standin.deliverAll(standin.world.renew(subId, 'paid'));
    standin.world.now = () => new Date(base + 20_000);
    const failed = standin.world.renew(subId, 'failed');
    await standin.deliverAll(failed);
    let sub = await t.storage.db.selectFrom('donation_subscriptions').selectAll().executeTakeFirstOrThrow();
    expect(sub.status).toBe('past_due');
    expect(sub.last_failed_at).not.toBeNull();
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 2, mails: 2 });

    standin.world.now = () => new Date(base + 30_000);
    await standin.deliverAll(standin.world.cancel(subId));
    // The "past_due" update, delivered again late (Stripe retried it): older than the cancellation.
    const late = { ...failed[1]!, id: `${failed[1]!.id}_retry` };
    expect((await standin.deliver(late)).status).toBe(200);
    sub = await t.storage.db.selectFrom('donation_subscriptions').selectAll().executeTakeFirstOrThrow();
    expect(sub.status).toBe('canceled');
    expect(sub.canceled_at).toBe(new Date(Math.floor((base + 30_000) / 1000) * 1000).toISOString());
  });

  it('applies a refund, even one announced before its payment, and a partial one', async () => {
    const first = await startDonationVia(t.app);
    const [paid] = standin.world.completeCheckout(first);
    const pi = standin.world.sessions.get(first)!.payment_intent;
    const [refunded] = standin.world.refund(pi);
    expect((await standin.deliver(refunded!)).status).toBe(200);
    expect((await standin.deliver(paid!)).status).toBe(200);
    let d = await donation();
    expect(d).toMatchObject({ status: 'refunded', refunded_amount: 2500 });
    // A refunded gift gets no receipt for money the newsroom no longer has.
    expect(d.receipt_sent_at).toBeNull();

    const second = await startDonationVia(t.app, { amount: '5000', email: 'bo@example.org' });
    await standin.deliverAll(standin.world.completeCheckout(second));
    const pi2 = standin.world.sessions.get(second)!.payment_intent;
    await standin.deliverAll(standin.world.refund(pi2, 1000));
    d = await t.storage.db
      .selectFrom('donations')
      .selectAll()
      .where('stripe_payment_intent_id', '=', pi2)
      .executeTakeFirstOrThrow();
    expect(d).toMatchObject({ status: 'partially_refunded', refunded_amount: 1000, amount: 5000 });
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ refunds: 2, donations: 2 });
  });

  it('leaves alone payments on the same Stripe account that our form did not start', async () => {
    const price = {
      id: 'price_test_shop',
      object: 'price',
      product: 'prod_shop',
      unit_amount: 1500,
      currency: 'gbp',
      recurring: null,
      active: true,
      created: 1,
    };
    standin.world.prices.set(price.id, price);
    const shop = standin.world.createSession({
      mode: 'payment',
      line_items: [{ price: price.id }],
      success_url: 'https://shop.example',
      customer_email: 'shopper@example.org',
    });
    const results = await standin.deliverAll(standin.world.completeCheckout(shop.id));
    expect(results.map((r) => r.status)).toEqual([200]);
    expect(await ledgerCounts(t.storage.db)).toMatchObject({
      donations: 0,
      donors: 0,
      subscriptions: 0,
      events: 1,
      mails: 0,
    });
  });

  it('acknowledges events it has no use for, once', async () => {
    const event = standin.world.event('customer.created', { id: 'cus_x', object: 'customer' });
    expect(JSON.parse((await standin.deliver(event)).body).outcome).toBe('ignored');
    expect(JSON.parse((await standin.deliver(event)).body).outcome).toBe('duplicate');
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ events: 1, donations: 0 });
  });
});

describe.each(testDatabases)('a delivery while the database is down, on $name', (database) => {
  it('answers 5xx so that Stripe retries, and the retry is applied once', async () => {
    const db = breakable(database);
    const t = await buildTestApp({ database: db.database, env: standin.env });
    try {
      standin.deliverTo = injectInto(t.app);
      const sessionId = await startDonationVia(t.app);
      const [completed] = standin.world.completeCheckout(sessionId);

      await db.down();
      const during = await standin.deliver(completed!);
      await db.up();
      expect(during.status).toBeGreaterThanOrEqual(500);
      expect(during.body).not.toContain('sqlite');

      const retried = await standin.deliver(completed!);
      expect(retried.status).toBe(200);
      expect((await standin.deliver(completed!)).status).toBe(200);
      expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 1, events: 1, mails: 1 });
    } finally {
      await db.up();
      await t.close();
    }
  });
});

async function signatureOf(event: object): Promise<string> {
  const { default: Stripe } = await import('stripe');
  return Stripe.webhooks.generateTestHeaderString({
    payload: JSON.stringify(event, null, 2),
    secret: standin.env.STRIPE_WEBHOOK_SECRET!,
  });
}
