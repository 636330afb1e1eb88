// Receipts and yearly summaries as a donor receives them, read from a real SMTP server: what a tax authority
// expects from a charity, one receipt per gift, and a receipt that failed to send going out later.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { type ReceivedMail, startSmtpServer } from '../../test/support/newsroom.js';
import { DONOR, startDonationVia } from '../../test/support/revenue.js';
import { injectInto, type StripeStandin, startStripeStandin } from '../../test/support/stripe-standin.js';
import { type Mailer, smtpMailer } from '../mail/mailer.js';
import { NO_GOODS_STATEMENT } from './receipt-mail.js';
import { defaultRevenueSettings, saveRevenueSettings } from './settings.js';
import { sendYearlySummary } from './yearly-summary.js';

let standin: StripeStandin;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  standin = await startStripeStandin();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await standin.close();
  await smtp.close();
});

/** The mail's text body as UTF-8, whichever transfer encoding nodemailer chose. */
function bodyOf(mail: ReceivedMail): string {
  return decodedBody(mail).replace(/\r\n/g, '\n');
}

function decodedBody(mail: ReceivedMail): string {
  const split = mail.raw.indexOf('\r\n\r\n');
  const head = mail.raw.slice(0, split);
  const body = mail.raw.slice(split + 4);
  if (/content-transfer-encoding: base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8');
  if (/content-transfer-encoding: quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
  }
  return body;
}

describe.each(testDatabases)('donation receipts on $name', (database) => {
  let t: TestApp;
  let failing = false;
  beforeEach(async () => {
    smtp.mails.length = 0;
    failing = false;
    const real = smtpMailer({ url: smtp.url, from: 'The Courier <giving@courier.example>' });
    // The real SMTP mailer, which a test can make fail as a mail server that is down would.
    const mailer: Mailer = {
      kind: 'smtp',
      send: (message) => (failing ? Promise.reject(new Error('connect ECONNREFUSED')) : real.send(message)),
    };
    t = await buildTestApp({ database, env: standin.env, mailer });
    standin.deliverTo = injectInto(t.app);
    await saveRevenueSettings(
      t.storage.db,
      {
        ...defaultRevenueSettings,
        organisationName: 'The Courier Trust',
        registrationNumber: 'Charity 1234567',
      },
      new Date(),
    );
    return () => t.close();
  });

  it('mails one receipt with the charity’s name and number, date, amount and the no-goods statement', async () => {
    const sessionId = await startDonationVia(t.app, { cover_fee: 'yes', dedication: 'For Grandma Jo' });
    const events = standin.world.completeCheckout(sessionId);
    await standin.deliverAll([...events, ...events]);
    const [mail] = await smtp.waitForMail(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(smtp.mails).toHaveLength(1);

    expect(mail!.to).toEqual([DONOR.email]);
    expect(mail!.raw).toMatch(/^Subject: Your donation receipt R-000001 from The Courier Trust/m);
    const text = bodyOf(mail!);
    const received = (
      await t.storage.db.selectFrom('donations').select('received_at').executeTakeFirstOrThrow()
    ).received_at;
    const day = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(received),
    );
    expect(text).toContain('Dear Ada Reader,');
    expect(text).toContain('Receipt number: R-000001');
    expect(text).toContain(`Date received: ${day}`);
    expect(text).toContain('Amount received: £25.75 (including £0.75 you added to cover processing fees)');
    expect(text).toContain('Kind: One-time donation');
    expect(text).toContain('Dedication: For Grandma Jo');
    expect(text).toContain('The Courier Trust\nRegistration / tax number: Charity 1234567');
    expect(text).toContain(NO_GOODS_STATEMENT);
    expect(text).toContain('http://127.0.0.1:3000/support/manage');
  });

  it('says how to change a recurring donation on its receipt', async () => {
    await standin.deliverAll(
      standin.world.completeCheckout(await startDonationVia(t.app, { interval: 'month', amount: '1000' })),
    );
    const [mail] = await smtp.waitForMail(1);
    const text = bodyOf(mail!);
    expect(text).toContain('Amount received: £10');
    expect(text).toContain('Kind: Monthly donation');
    expect(text).toContain('To change or cancel your monthly donation');
  });

  it('keeps the gift when the mail server is down, and sends its receipt with the next one', async () => {
    failing = true;
    const first = standin.world.completeCheckout(await startDonationVia(t.app));
    expect((await standin.deliver(first[0]!)).status).toBe(200);
    const row = await t.storage.db
      .selectFrom('donations')
      .select(['status', 'receipt_sent_at'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'paid', receipt_sent_at: null });

    failing = false;
    await standin.deliverAll(
      standin.world.completeCheckout(await startDonationVia(t.app, { email: 'bo@example.org', name: 'Bo' })),
    );
    const mails = await smtp.waitForMail(2);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['ada@example.org', 'bo@example.org']);
    const unsent = await t.storage.db
      .selectFrom('donations')
      .select('id')
      .where('receipt_sent_at', 'is', null)
      .execute();
    expect(unsent).toEqual([]);
  });

  it('is not held back by gifts recorded without any address to mail', async () => {
    const now = new Date().toISOString();
    for (let i = 0; i < 30; i++) {
      const donor = await t.storage.db
        .insertInto('donors')
        .values({
          email: `unknown-cus_${i}@donors.invalid`,
          name: '',
          public_listing: 0,
          stripe_customer_id: `cus_${i}`,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.storage.db
        .insertInto('donations')
        .values({
          donor_id: donor.id,
          checkout_id: null,
          subscription_id: null,
          stripe_checkout_session_id: null,
          stripe_payment_intent_id: `pi_test_noaddress_${i}`,
          stripe_invoice_id: null,
          amount: 500,
          fee_cover_amount: 0,
          currency: 'GBP',
          interval: 'once',
          status: 'paid',
          refunded_amount: 0,
          campaign_id: null,
          article_id: null,
          dedication: '',
          receipt_sent_at: null,
          received_at: now,
          created_at: now,
        })
        .execute();
    }
    await standin.deliverAll(standin.world.completeCheckout(await startDonationVia(t.app)));
    const [mail] = await smtp.waitForMail(1);
    expect(mail!.to).toEqual([DONOR.email]);
    await new Promise((r) => setTimeout(r, 100));
    expect(smtp.mails).toHaveLength(1);
  });

  it('sends a yearly summary with every gift, refunds and the total', async () => {
    const one = await startDonationVia(t.app);
    await standin.deliverAll(standin.world.completeCheckout(one));
    const two = await startDonationVia(t.app, { amount: '5000' });
    await standin.deliverAll(standin.world.completeCheckout(two));
    await standin.deliverAll(standin.world.refund(standin.world.sessions.get(two)!.payment_intent, 2000));
    await smtp.waitForMail(2);
    smtp.mails.length = 0;

    const donor = await t.storage.db.selectFrom('donors').selectAll().executeTakeFirstOrThrow();
    const year = new Date().getUTCFullYear();
    const count = await sendYearlySummary(
      { db: t.storage.db, mailer: t.deps.mailer, publicUrl: 'https://courier.example' },
      donor,
      year,
    );
    expect(count).toBe(2);
    const [mail] = await smtp.waitForMail(1);
    expect(mail!.raw).toMatch(new RegExp(`^Subject: Your ${year} donations to The Courier Trust`, 'm'));
    const text = bodyOf(mail!);
    expect(text).toMatch(/R-000001 {2}£25\n/);
    expect(text).toContain('R-000002  £50 (£20 refunded)');
    expect(text).toContain(`Total for ${year}: £55`);
    expect(text).toContain('Registration / tax number: Charity 1234567');
    expect(text).toContain('No goods or services were provided in exchange for these donations.');

    smtp.mails.length = 0;
    await sendYearlySummary(
      { db: t.storage.db, mailer: t.deps.mailer, publicUrl: 'https://courier.example' },
      donor,
      year - 5,
    );
    expect(bodyOf((await smtp.waitForMail(1))[0]!)).toContain(
      `We have no donations from you to The Courier Trust recorded in ${year - 5}.`,
    );
  });
});
