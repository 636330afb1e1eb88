// Stripe's webhook when the event is not what we expect, with events made and signed by the stand-in as
// Stripe signs them: one naming a subscription Stripe no longer knows is kept for reconciliation and
// acknowledged; a signed body that is not JSON, or an event missing a field we read, is a JSON 400; no answer
// is a 500 or a reader's page. And every event of several donations, delivered twice, shuffled and all at
// once, gives exactly one ledger entry each.
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff, signInAs } from '../../../test/support/newsroom.js';
import { ledgerCounts, startDonationVia } from '../../../test/support/revenue.js';
import {
  injectInto,
  STANDIN_WEBHOOK_SECRET,
  type StripeStandin,
  startStripeStandin,
} from '../../../test/support/stripe-standin.js';

let standin: StripeStandin;
beforeAll(async () => {
  standin = await startStripeStandin();
});
afterAll(() => standin.close());

type Answer = { status: number; body: string };

/** Every answer to Stripe is JSON and none is a server error. */
function expectJsonAnswer(answer: Answer, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.body.trimStart().startsWith('{'), answer.body.slice(0, 80)).toBe(true);
  return JSON.parse(answer.body) as { outcome?: string; error?: { code: string; message: string } };
}

/** A raw body signed with the webhook secret exactly as Stripe signs what it sends. */
function signedRaw(payload: string, contentType = 'application/json; charset=utf-8') {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: STANDIN_WEBHOOK_SECRET });
  return standin.deliverTo!(payload, { 'content-type': contentType, 'stripe-signature': signature });
}

describe.each(testDatabases)('webhook surprises on $name', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ database, env: standin.env });
    standin.deliverTo = injectInto(t.app);
    standin.world.now = () => new Date();
    return () => t.close();
  });

  it('keeps invoice.paid for a subscription Stripe no longer knows for reconciliation, acknowledged once, shown to the admin', async () => {
    const sessionId = await startDonationVia(t.app, { interval: 'month', amount: '1000' });
    await standin.deliverAll(standin.world.completeCheckout(sessionId));
    const subId = standin.world.sessions.get(sessionId)!.subscription as string;
    const before = await ledgerCounts(t.storage.db);

    const [renewal] = standin.world.renew(subId, 'paid');
    // Deleted at Stripe before the renewal's event reached us (say, by hand in the dashboard).
    standin.world.subscriptions.delete(subId);
    const first = expectJsonAnswer(await standin.deliver(renewal!), 200);
    expect(first.outcome).toBe('unmatched');
    expect(expectJsonAnswer(await standin.deliver(renewal!), 200).outcome).toBe('duplicate');

    expect(await ledgerCounts(t.storage.db)).toMatchObject({
      donations: before.donations,
      events: before.events + 1,
    });
    const kept = await t.storage.db
      .selectFrom('stripe_events')
      .selectAll()
      .where('id', '=', renewal!.id)
      .executeTakeFirstOrThrow();
    expect(kept.type).toBe('invoice.paid');
    expect(kept.outcome).toMatch(/^unmatched: .*subscription/);

    const admin = await addStaff(t.storage.db, 'admin', { email: 'admin@example.org' });
    const who = await signInAs(t.app, admin.email);
    const overview = await t.app.inject({ url: '/admin/donations', headers: { cookie: who.cookie } });
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Stripe events we could not match');
    expect(overview.body).toContain(`<code>${renewal!.id}</code>`);
  });

  it('answers a signed event missing a field we read with a JSON 400 naming it, records nothing, and takes it once whole', async () => {
    const sessionId = await startDonationVia(t.app, { interval: 'month', amount: '1000' });
    const events = standin.world.completeCheckout(sessionId);
    const byType = (type: string) => structuredClone(events.find((e) => e.type === type)!);

    const noCurrency = byType('invoice.paid');
    delete noCurrency.data.object.currency;
    const noItems = byType('customer.subscription.created');
    delete noItems.data.object.items;
    const noPaymentStatus = byType('checkout.session.completed');
    delete noPaymentStatus.data.object.payment_status;
    const noObject = byType('invoice.paid');
    delete noObject.data;

    const cases: Array<[object, RegExp]> = [
      [noCurrency, /currency/],
      [noItems, /items/],
      [noPaymentStatus, /payment_status/],
      [noObject, /data/],
    ];
    for (const [event, field] of cases) {
      const answer = expectJsonAnswer(await standin.deliver(event), 400);
      expect(answer.error!.code).toBe('MALFORMED_EVENT');
      expect(answer.error!.message).toMatch(field);
    }
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 0, events: 0, subscriptions: 0 });

    // The whole events, as Stripe sends them, are applied as ever.
    for (const e of events) expectJsonAnswer(await standin.deliver(e), 200);
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 1, subscriptions: 1, events: 3 });
  });

  it('answers a signed body that is not JSON, a bad signature and another content type with JSON 4xx, never a page', async () => {
    const notJson = expectJsonAnswer(await signedRaw('this is not { json'), 400);
    expect(notJson.error).toMatchObject({ code: 'MALFORMED_EVENT' });
    expect(notJson.error!.message).toContain('not JSON');

    const [completed] = standin.world.completeCheckout(await startDonationVia(t.app));
    const badSignature = expectJsonAnswer(await standin.deliver(completed!, { signature: 't=1,v1=00' }), 400);
    expect(badSignature.error!.code).toBe('INVALID_SIGNATURE');

    const text = await signedRaw(JSON.stringify(completed), 'text/plain');
    expect(text.status).toBeGreaterThanOrEqual(400);
    expect(text.status).toBeLessThan(500);
    expectJsonAnswer(text, text.status);
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 0, events: 0 });
  });
});

/** A deterministic shuffle (a seeded generator), so that a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe.each(testDatabases)('events replayed on $name', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ database, env: standin.env });
    standin.deliverTo = injectInto(t.app);
    standin.world.now = () => new Date();
    return () => t.close();
  });

  it('gives exactly one ledger entry per event when each comes twice, shuffled and all at once', async () => {
    const base = Date.now();
    standin.world.now = () => new Date(base);
    const oneTime = await startDonationVia(t.app);
    const monthly = await startDonationVia(t.app, { interval: 'month', amount: '1000' });
    const events = [...standin.world.completeCheckout(oneTime), ...standin.world.completeCheckout(monthly)];
    const subId = standin.world.sessions.get(monthly)!.subscription as string;
    standin.world.now = () => new Date(base + 10_000);
    events.push(...standin.world.renew(subId, 'paid'));
    events.push(...standin.world.refund(standin.world.sessions.get(oneTime)!.payment_intent as string, 500));
    expect(events).toHaveLength(6);

    // Stripe delivers again whatever was not acknowledged; here, everything twice and at the same moment.
    let pending = shuffled([...events, ...events], 2026);
    const statuses: number[] = [];
    for (let round = 0; round < 5 && pending.length > 0; round += 1) {
      const answers = await Promise.all(pending.map((e) => standin.deliver(e)));
      statuses.push(...answers.map((a) => a.status));
      for (const a of answers) expect(a.body.trimStart().startsWith('{')).toBe(true);
      pending = pending.filter((_, i) => answers[i]!.status !== 200);
    }
    expect(pending).toHaveLength(0);
    expect(statuses.filter((s) => s === 500)).toEqual([]);

    expect(await ledgerCounts(t.storage.db)).toMatchObject({
      // The one-time gift, the first monthly invoice and its renewal.
      donations: 3,
      subscriptions: 1,
      refunds: 1,
      events: 6,
    });
    const donations = await t.storage.db.selectFrom('donations').selectAll().execute();
    expect(donations.map((d) => d.amount).sort((a, b) => a - b)).toEqual([1000, 1000, 2500]);
    expect(donations.find((d) => d.amount === 2500)!.refunded_amount).toBe(500);
  });
});
