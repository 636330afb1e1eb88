// Reconciliation against the stand-in: records that agree give no difference; each planted difference (a
// one-time and a recurring payment never recorded, an amount changed, a refund and a cancellation we never
// heard of, a donation Stripe does not have) is listed once; what another business sells on the same Stripe
// account (a shop) never is. Then the command itself, run as a real process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { postgresUrl, testDatabases } from '../../test/support/databases.js';
import { britishNewsroom, ledgerCounts, startDonationVia } from '../../test/support/revenue.js';
import {
  injectInto,
  type StripeStandin,
  standinPayments,
  startStripeStandin,
} from '../../test/support/stripe-standin.js';
import { reconcile } from './reconcile.js';

const run = promisify(execFile);
const DAY = 24 * 60 * 60 * 1000;
// One stand-in (one Stripe account) per test: reconciliation compares everything the account holds.
let standin: StripeStandin;
beforeEach(async () => {
  standin = await startStripeStandin();
  return () => standin.close();
});

describe.each(testDatabases)('reconcile on $name', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ database, env: standin.env });
    await britishNewsroom(t.storage.db);
    standin.deliverTo = injectInto(t.app);
    return () => t.close();
  });

  const today = () => ({ from: new Date(Date.now() - DAY), to: new Date(Date.now() + DAY) });

  async function recordedGifts() {
    const once = await startDonationVia(t.app);
    await standin.deliverAll(standin.world.completeCheckout(once));
    const monthly = await startDonationVia(t.app, {
      interval: 'month',
      amount: '1000',
      email: 'bo@example.org',
    });
    await standin.deliverAll(standin.world.completeCheckout(monthly));
    return { once: standin.world.sessions.get(once)!, monthly: standin.world.sessions.get(monthly)! };
  }

  /** A shop on the same account: a sale to a guest, one to a customer, a subscription and its renewal. */
  function shopSales() {
    const subscribed = standin.world.shopSale(900, { interval: 'month' });
    return [
      ...standin.world.shopSale(1500),
      ...standin.world.shopSale(4200, { customer: true }),
      ...subscribed,
      ...standin.world.renew(subscribed[0]!.data.object.id),
    ];
  }

  it('finds no difference when every event was applied', async () => {
    await recordedGifts();
    expect(await reconcile(t.storage.db, standinPayments(standin), today())).toEqual([]);
  });

  it('lists nothing that our form did not start, as the webhook ignores it', async () => {
    await recordedGifts();
    // The webhook leaves the shop's events alone; reconciliation must agree.
    await standin.deliverAll(shopSales());
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 2, subscriptions: 1 });
    const lookups = () => standin.requests.filter((r) => r === 'GET /v1/invoice_payments').length;
    const before = lookups();
    expect(await reconcile(t.storage.db, standinPayments(standin), today())).toEqual([]);
    // Only a payment by a customer can pay an invoice: the guest's sale is not looked up.
    expect(lookups() - before).toBe(3);
  });

  it('lists each planted difference once', async () => {
    const { once, monthly } = await recordedGifts();
    // A donor paid, but the webhook never arrived and they never came back to the thank-you page.
    const lost = await startDonationVia(t.app, { amount: '5000', email: 'cy@example.org' });
    standin.world.completeCheckout(lost);
    const lostPi = standin.world.sessions.get(lost)!.payment_intent;
    // Likewise a monthly donor: Stripe charged the first month and holds the subscription.
    const lostMonthly = await startDonationVia(t.app, {
      interval: 'month',
      amount: '2000',
      email: 'di@example.org',
    });
    standin.world.completeCheckout(lostMonthly);
    const lostSub = standin.world.subscriptions.get(standin.world.sessions.get(lostMonthly)!.subscription)!;
    const lostMonthlyPi = [...standin.world.charges.values()].find(
      (c) => c.customer === lostSub.customer,
    )!.payment_intent;
    // None of the shop's sales is a difference.
    shopSales();
    // Our amount changed by hand; a refund and a cancellation made in Stripe's dashboard, never announced.
    await t.storage.db
      .updateTable('donations')
      .set({ amount: 2600 })
      .where('stripe_payment_intent_id', '=', once.payment_intent)
      .execute();
    standin.world.refund(once.payment_intent, 500);
    standin.world.cancel(monthly.subscription);
    // A donation we hold that Stripe never charged.
    const donor = await t.storage.db.selectFrom('donors').select('id').executeTakeFirstOrThrow();
    await t.storage.db
      .insertInto('donations')
      .values({
        donor_id: donor.id,
        checkout_id: null,
        subscription_id: null,
        stripe_checkout_session_id: null,
        stripe_payment_intent_id: 'pi_test_invented',
        stripe_invoice_id: null,
        amount: 700,
        fee_cover_amount: 0,
        currency: 'GBP',
        interval: 'once',
        status: 'paid',
        refunded_amount: 0,
        campaign_id: null,
        article_id: null,
        dedication: '',
        receipt_sent_at: null,
        received_at: new Date().toISOString(),
        created_at: new Date().toISOString(),
      })
      .execute();

    const differences = await reconcile(t.storage.db, standinPayments(standin), today());
    const summary = differences.map((d) => [d.kind, d.stripeId]).sort();
    expect(summary).toEqual(
      [
        ['amount', once.payment_intent],
        ['missing_at_stripe', 'pi_test_invented'],
        ['missing_here', lostPi],
        ['missing_here', lostMonthlyPi],
        ['refunded', once.payment_intent],
        ['subscription_missing_here', lostSub.id],
        ['subscription_status', monthly.subscription],
      ].sort(),
    );
    expect(differences.find((d) => d.stripeId === lostPi)!.detail).toContain('Stripe took £50');
    expect(differences.find((d) => d.stripeId === lostMonthlyPi)!.detail).toContain('Stripe took £20');
    expect(differences.find((d) => d.kind === 'amount')!.detail).toBe('We recorded £26, Stripe charged £25.');

    // A range that holds none of it.
    const lastYear = { from: new Date(Date.now() - 400 * DAY), to: new Date(Date.now() - 300 * DAY) };
    expect(await reconcile(t.storage.db, standinPayments(standin), lastYear)).toEqual([]);
  });
});

/** The DATABASE_URL under which another process reaches this test's database. */
async function databaseUrlOf(t: TestApp): Promise<string> {
  if (t.storage.dialect === 'sqlite') {
    const row = await sql<{
      file: string;
    }>`select file from pragma_database_list where name = 'main'`.execute(t.storage.db);
    return `sqlite:${row.rows[0]!.file}`;
  }
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.storage.db)).rows[0]!.s;
  const joiner = postgresUrl.includes('?') ? '&' : '?';
  return `${postgresUrl}${joiner}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

describe.each(testDatabases)('npm run reconcile on $name', (database) => {
  const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
  const command = (args: string[], env: Record<string, string>) =>
    run(tsx, ['scripts/reconcile.ts', ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );

  it('prints the planted difference and exits 1; refuses a bad range with its usage', async () => {
    const t = await buildTestApp({ database, env: standin.env });
    await britishNewsroom(t.storage.db);
    try {
      standin.deliverTo = injectInto(t.app);
      const lost = await startDonationVia(t.app, { amount: '5000' });
      standin.world.completeCheckout(lost);
      standin.world.shopSale(1500, { customer: true });
      const pi = standin.world.sessions.get(lost)!.payment_intent;
      const databaseUrl = await databaseUrlOf(t);
      const env = { ...standin.env, DATABASE_URL: databaseUrl, SEED_DEMO: 'false' };
      const todayIso = new Date().toISOString().slice(0, 10);

      const found = await command(['--from', todayIso, '--to', todayIso], env);
      expect(found.stderr).toBe('');
      expect(found.code).toBe(1);
      expect(found.stdout).toMatch(new RegExp(`^missing_here\\s+${pi}\\s+Stripe took £50`, 'm'));
      expect(found.stdout).toContain(`1 difference from ${todayIso} to ${todayIso}.`);

      const bad = await command(['--from', '2026-02-30', '--to', todayIso], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--from 2026-02-30 is not a date.');
      const unconfigured = await command(['--from', todayIso, '--to', todayIso], {
        DATABASE_URL: databaseUrl,
        STRIPE_SECRET_KEY: '',
        STRIPE_WEBHOOK_SECRET: '',
      });
      expect(unconfigured.code).toBe(2);
      expect(unconfigured.stderr).toContain('Payments are not configured');
    } finally {
      await t.close();
    }
    // Three processes that each load TypeScript: slow on a busy machine, and not what is being measured.
  }, 90_000);
});
