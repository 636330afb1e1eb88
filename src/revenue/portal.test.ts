// Stripe's customer portal as our configuration makes it: a recurring donor changes the amount to one of the
// suggested ones (recorded from the webhook, charged from the next payment) or cancels; the one configuration
// of ours follows the suggested amounts and the currency, and one made before amounts could change is rebuilt.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, sameOrigin, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { britishNewsroom, ledgerCounts, startDonationVia } from '../../test/support/revenue.js';
import { injectInto, type StripeStandin, startStripeStandin } from '../../test/support/stripe-standin.js';
import { newId, type Obj } from '../../test/support/stripe-standin-world.js';
import { signDonorLink } from './donor-links.js';
import { defaultRevenueSettings, saveRevenueSettings } from './settings.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const MARK = 'broadsheet_donations_v1';

function form(fields: Record<string, string>) {
  return {
    headers: { ...sameOrigin, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  };
}

describe.each(testDatabases)('the customer portal on $name', (database) => {
  // A stand-in per test: each test counts the portal configurations on the account.
  let standin: StripeStandin;
  let t: TestApp;
  beforeEach(async () => {
    standin = await startStripeStandin();
    t = await buildTestApp({ database, env: standin.env });
    await britishNewsroom(t.storage.db);
    standin.deliverTo = injectInto(t.app);
    return async () => {
      await t.close();
      await standin.close();
    };
  });

  /** A monthly donor recorded from the webhook, and the path of their emailed link. */
  async function monthlyDonor(amount = '1000') {
    const sessionId = await startDonationVia(t.app, { interval: 'month', amount });
    await standin.deliverAll(standin.world.completeCheckout(sessionId));
    const ours = await t.storage.db
      .selectFrom('donation_subscriptions')
      .select(['id', 'donor_id', 'stripe_subscription_id'])
      .executeTakeFirstOrThrow();
    const link = `/support/manage/${signDonorLink(SECRET, ours.donor_id!, new Date(Date.now() + 60_000))}`;
    return { link, subscriptionId: ours.id, stripeId: ours.stripe_subscription_id };
  }

  async function openPortal(link: string, subscriptionId: number) {
    const res = await t.app.inject({
      method: 'POST',
      url: `${link}/portal`,
      ...form({ subscription: String(subscriptionId) }),
    });
    expect(res.statusCode).toBe(303);
    const url = String(res.headers.location);
    const session = standin.world.portalSessions.get(url.split('/').pop()!)!;
    const configuration = standin.world.portalConfigurations.get(session.configuration)!;
    return { url, configuration };
  }

  /** The Prices the portal may switch to, as [interval, amount, currency]. */
  const offered = (configuration: Obj) =>
    (configuration.features.subscription_update.products as Obj[]).flatMap((entry) =>
      (entry.prices as string[]).map((id) => {
        const price = standin.world.prices.get(id)!;
        expect(price.product).toBe(entry.product);
        return [price.recurring.interval, price.unit_amount, price.currency];
      }),
    );

  const ourConfigurations = () =>
    [...standin.world.portalConfigurations.values()].filter((c) => c.metadata.broadsheet === MARK);

  it('lets a donor change the amount to a suggested one: recorded from the webhook, charged from the next payment', async () => {
    const donor = await monthlyDonor();
    const manage = await t.app.inject(donor.link);
    expect(manage.body).toContain('£10 a month');
    expect(manage.body).toContain('change the amount to one of our suggested amounts');
    expect(manage.body).not.toContain('To give a different amount');

    const { url, configuration } = await openPortal(donor.link, donor.subscriptionId);
    expect(configuration.features.subscription_update).toMatchObject({
      enabled: 'true',
      default_allowed_updates: ['price'],
      proration_behavior: 'none',
    });
    expect(configuration.features.subscription_update.products).toHaveLength(1);
    expect(configuration.features.subscription_update.products[0].product).toBe('broadsheet_donation');
    expect(offered(configuration)).toEqual([
      ['month', 500, 'gbp'],
      ['month', 1000, 'gbp'],
      ['month', 2000, 'gbp'],
      ['year', 5000, 'gbp'],
      ['year', 10000, 'gbp'],
      ['year', 25000, 'gbp'],
    ]);
    expect(configuration.features.subscription_cancel).toMatchObject({
      enabled: 'true',
      mode: 'immediately',
    });

    // In the portal the donor picks £20 a month; Stripe changes the subscription and sends the webhook.
    const page = await (await fetch(url)).text();
    expect(page).toContain('Now: 10.00 GBP a month');
    const twenty = /<option value="(price_\w+)">20\.00 GBP a month<\/option>/.exec(page)![1]!;
    const changed = await fetch(`${url}/update`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ subscription: donor.stripeId, price: twenty }).toString(),
    });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('x-webhook-status')).toBe('200');
    expect(changed.headers.get('location')).toBe(`http://127.0.0.1:3000${donor.link}`);
    expect(standin.world.events.at(-1)!.type).toBe('customer.subscription.updated');

    const sub = await t.storage.db
      .selectFrom('donation_subscriptions')
      .select(['amount', 'currency', 'interval', 'status'])
      .executeTakeFirstOrThrow();
    expect(sub).toEqual({ amount: 2000, currency: 'GBP', interval: 'month', status: 'active' });
    expect((await t.app.inject(donor.link)).body).toContain('£20 a month');
    // Not prorated: nothing is charged for the change itself.
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 1, subscriptions: 1 });

    await standin.deliverAll(standin.world.renew(donor.stripeId));
    const amounts = await t.storage.db.selectFrom('donations').select('amount').orderBy('id').execute();
    expect(amounts.map((d) => d.amount)).toEqual([1000, 2000]);
  });

  it('keeps one configuration, rebuilt when the suggested amounts or the currency change', async () => {
    // What the portal was before donors could change their amount: found by its mark and rebuilt in place.
    const before = {
      id: newId('bpc'),
      object: 'billing_portal.configuration',
      active: true,
      is_default: false,
      name: 'Donations',
      metadata: { broadsheet: MARK },
      features: {
        payment_method_update: { enabled: 'true' },
        invoice_history: { enabled: 'true' },
        subscription_cancel: { enabled: 'true', mode: 'immediately', proration_behavior: 'none' },
      },
      created: standin.world.seconds(),
    };
    standin.world.portalConfigurations.set(before.id, before);
    const donor = await monthlyDonor();
    const rebuilds = () =>
      standin.requests.filter((r) => r.startsWith('POST /v1/billing_portal/configurations')).length;

    const first = await openPortal(donor.link, donor.subscriptionId);
    expect(first.configuration.id).toBe(before.id);
    expect(first.configuration.metadata.broadsheet_offer).toBe(
      'layout 2; GBP; month 500,1000,2000; year 5000,10000,25000',
    );
    expect(first.configuration.features.subscription_update.enabled).toBe('true');
    expect(rebuilds()).toBe(1);
    // Nothing changed: the same configuration, not built again.
    expect((await openPortal(donor.link, donor.subscriptionId)).configuration.id).toBe(before.id);
    expect(rebuilds()).toBe(1);

    const presets = defaultRevenueSettings.presets;
    await saveRevenueSettings(
      t.storage.db,
      { ...defaultRevenueSettings, presets: { ...presets, month: { amounts: [700, 1500], suggested: 700 } } },
      new Date(),
    );
    const amounts = await openPortal(donor.link, donor.subscriptionId);
    expect(amounts.configuration.id).toBe(before.id);
    expect(offered(amounts.configuration)).toEqual([
      ['month', 700, 'gbp'],
      ['month', 1500, 'gbp'],
      ['year', 5000, 'gbp'],
      ['year', 10000, 'gbp'],
      ['year', 25000, 'gbp'],
    ]);
    expect(rebuilds()).toBe(2);

    await saveRevenueSettings(t.storage.db, { ...defaultRevenueSettings, currency: 'EUR' }, new Date());
    const currency = await openPortal(donor.link, donor.subscriptionId);
    expect(currency.configuration.metadata.broadsheet_offer).toBe(
      'layout 2; EUR; month 500,1000,2000; year 5000,10000,25000',
    );
    expect(new Set(offered(currency.configuration).map(([, , c]) => c))).toEqual(new Set(['eur']));
    expect(ourConfigurations()).toHaveLength(1);
  });

  it('makes its own configuration on an account that has none', async () => {
    const donor = await monthlyDonor();
    const { configuration } = await openPortal(donor.link, donor.subscriptionId);
    expect(ourConfigurations()).toEqual([configuration]);
    expect(configuration.features.subscription_update.enabled).toBe('true');
  });
});
