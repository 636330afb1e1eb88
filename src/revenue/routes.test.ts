// The reader's side through the whole app: the support page with and without payments configured, the
// call-to-action in articles and on the front page, the form's errors, the thank-you page in either order
// with the webhook, and a donor managing a recurring gift through an emailed link and Stripe's portal.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, sameOrigin, type TestApp } from '../../test/support/app.js';
import { addArticle, paragraph } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { DONOR, ledgerCounts, startDonationVia, waitForOutbox } from '../../test/support/revenue.js';
import { injectInto, type StripeStandin, startStripeStandin } from '../../test/support/stripe-standin.js';
import { createCampaign } from './campaigns.js';
import { SUPPORT_TAG } from './cta.js';
import { signDonorLink } from './donor-links.js';
import { defaultRevenueSettings, saveRevenueSettings } from './settings.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';
let standin: StripeStandin;
beforeAll(async () => {
  standin = await startStripeStandin();
});
afterAll(() => standin.close());

const longBody = {
  type: 'doc',
  content: [
    paragraph('One.'),
    paragraph('Two.'),
    { type: 'blockquote', content: [paragraph('Quoted three.'), paragraph('Quoted four.')] },
    paragraph('Three.'),
    paragraph('Four.'),
    paragraph('Five.'),
    paragraph('Six.'),
  ],
};

function form(fields: Record<string, string>) {
  return {
    headers: { ...sameOrigin, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  };
}

describe('without Stripe keys (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await addArticle(t.storage.db, { slug: 'a-story', body: longBody });
  });
  afterAll(() => t.close());

  it('still shows the support page, without a form that pretends to take money', async () => {
    const res = await t.app.inject('/support');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Support our non-profit journalism');
    expect(res.body).toContain('Online donations are not open yet');
    expect(res.body).not.toContain('action="/support"');
    expect(res.body).not.toContain('Payments are not configured');
    const post = await t.app.inject({
      method: 'POST',
      url: '/support',
      ...form({ interval: 'once', amount: '2500' }),
    });
    expect(post.statusCode).toBe(503);
    expect(post.body).toContain('Nothing was charged');
  });

  it('puts no call-to-action on articles or the front page', async () => {
    for (const url of ['/articles/a-story', '/']) {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('support-cta');
    }
  });
});

describe.each(testDatabases)('with Stripe, on $name', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ database, env: standin.env });
    standin.deliverTo = injectInto(t.app);
    standin.world.now = () => new Date();
    await saveRevenueSettings(t.storage.db, { ...defaultRevenueSettings, ctaAfterParagraph: 2 }, new Date());
    await addArticle(t.storage.db, { slug: 'a-story', body: longBody });
    return () => t.close();
  });

  it('shows the form with the suggested amount chosen, and lets the provider’s page be a form target', async () => {
    const res = await t.app.inject('/support?interval=month');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<input type="radio" name="amount" value="1000" checked/);
    expect(res.body).toContain('<input type="hidden" name="interval" value="month"/>');
    expect(res.body).toContain('£5 a month');
    expect(res.body).toContain('aria-current="page">Monthly</a>');
    expect(res.headers['content-security-policy']).toContain(`form-action 'self' ${standin.url}`);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
    // The canonical variants come from the page cache, CSP included.
    const again = await t.app.inject('/support?interval=month');
    expect(again.headers.etag).toBe(res.headers.etag);
    expect(again.headers['content-security-policy']).toBe(res.headers['content-security-policy']);
  });

  it('puts the call-to-action after the configured top-level paragraph, never in a quotation, and at the end', async () => {
    const html = (await t.app.inject('/articles/a-story')).body;
    const body = html.indexOf('support-cta-body');
    expect(body).toBeGreaterThan(html.indexOf('<p>Two.</p>'));
    expect(body).toBeLessThan(html.indexOf('<blockquote'));
    expect(html.indexOf('support-cta-end')).toBeGreaterThan(html.indexOf('<p>Six.</p>'));
    expect(html).toContain('href="/support?from=a-story"');
    expect(html).toContain('href="/support?interval=month&amp;from=a-story"');
    expect((await t.app.inject('/')).body).toContain('support-cta-home');
  });

  it('shows campaign progress, refreshed on cached pages at most once a minute', async () => {
    await createCampaign(
      t.storage.db,
      {
        name: 'Spring',
        goal: '1000',
        starts: '2026-01-01',
        ends: '2099-12-31',
        ctaHeading: 'Help us reach £1,000',
        ctaText: '',
      },
      'GBP',
      'UTC',
      new Date(),
    );
    await t.deps.events.changed([SUPPORT_TAG]);
    let html = (await t.app.inject('/articles/a-story')).body;
    expect(html).toContain('Help us reach £1,000');
    expect(html).toContain('<progress id="support-progress-end" max="100000" value="0">');

    await standin.deliverAll(
      standin.world.completeCheckout(await startDonationVia(t.app, { from: 'a-story' })),
    );
    html = (await t.app.inject('/articles/a-story')).body;
    expect(html).toContain('<strong>£25</strong> raised of our £1,000 goal · 1 supporter');

    // A second gift within the minute: the cached page keeps the number until the gathered refresh.
    await standin.deliverAll(
      standin.world.completeCheckout(await startDonationVia(t.app, { email: 'bo@example.org' })),
    );
    html = (await t.app.inject('/articles/a-story')).body;
    expect(html).toContain('<strong>£25</strong> raised');
    expect((await t.app.inject('/support?from=a-story')).body).toContain('<strong>£50</strong> raised');
  });

  it('sends the reader to Stripe’s checkout, and records where they came from', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/support',
      ...form({
        interval: 'once',
        amount: 'other',
        other_amount: '12.50',
        cover_fee: 'yes',
        ...DONOR,
        from: 'a-story',
      }),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^${standin.url}/c/pay/cs_`));
    const checkout = await t.storage.db
      .selectFrom('donation_checkouts')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(checkout).toMatchObject({ amount: 1250, fee_amount: 38, total_amount: 1288, status: 'open' });
    expect(checkout.article_id).not.toBeNull();
  });

  it.each([
    ['a negative amount', { amount: '-500' }, 'That amount is not valid'],
    ['a fractional amount', { amount: '10.5' }, 'That amount is not valid'],
    ['an amount that is not offered', { amount: '777' }, 'That amount is not one we offer'],
    [
      'an amount below the minimum',
      { amount: 'other', other_amount: '1' },
      'The smallest gift we can take online is £2',
    ],
  ])('refuses %s with a clear error and keeps what was typed', async (_case, fields, message) => {
    const before = standin.world.sessions.size;
    const res = await t.app.inject({
      method: 'POST',
      url: '/support',
      ...form({
        interval: 'once',
        name: 'Ada <b>Reader</b>',
        email: 'ada@example.org',
        dedication: 'For Jo',
        ...fields,
      }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain(message);
    expect(res.body).toContain('value="Ada &lt;b>Reader&lt;/b>"');
    expect(res.body).toContain('value="For Jo"');
    expect(res.body).toContain('role="alert"');
    expect(standin.world.sessions.size).toBe(before);
  });

  it('refuses a donation form posted from another site', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/support',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'interval=once&amount=2500&name=A&email=a%40example.org',
    });
    expect(res.statusCode).toBe(403);
  });

  it('limits how often one network may start donations, in counters every instance shares', async () => {
    // A fixed clock keeps all the attempts in one counting window.
    const at = new Date('2026-05-04T10:00:30.000Z');
    const fixed = await buildTestApp({ database, env: standin.env, clock: () => at });
    try {
      const attempt = (ip: string) =>
        fixed.app.inject({
          method: 'POST',
          url: '/support',
          remoteAddress: ip,
          ...form({ interval: 'once', amount: '1', name: 'Ada Reader' }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await attempt('203.0.113.9')).statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
      expect(statuses[10]).toBe(429);
      // The form comes back with what was typed and when to try again.
      const refused = await attempt('203.0.113.9');
      expect(refused.body).toContain('Please try again in 30 seconds.');
      expect(refused.body).toContain('value="Ada Reader"');
      // Another address of the same IPv6 /64 is the same network; another network is not limited.
      for (let i = 0; i < 10; i++) await attempt(`2001:db8:1:2::${i + 1}`);
      expect((await attempt('2001:db8:1:2:ffff::9')).statusCode).toBe(429);
      expect((await attempt('198.51.100.7')).statusCode).toBe(400);
      // The counters are in the database (no address in the clear), not in this instance's memory.
      const keys = await fixed.storage.db.selectFrom('rate_limit_counters').select('key').execute();
      expect(keys.some((k) => k.key.startsWith('donation-start-minute:'))).toBe(true);
      expect(keys.map((k) => k.key).join(' ')).not.toMatch(/203\.0\.113|2001:db8/);
    } finally {
      await fixed.close();
    }
  });

  it('thank-you page: waits for the payment, confirms it itself, and the later webhook adds nothing', async () => {
    const sessionId = await startDonationVia(t.app, { dedication: 'For Grandma Jo' });
    const waiting = await t.app.inject(`/support/thank-you?session_id=${sessionId}`);
    expect(waiting.statusCode).toBe(200);
    expect(waiting.body).toContain('Confirming your donation');
    expect(waiting.body).toContain('<meta http-equiv="refresh" content="5"/>');
    expect(waiting.body).not.toContain('£25');
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 0 });

    const events = standin.world.completeCheckout(sessionId);
    const done = await t.app.inject(`/support/thank-you?session_id=${sessionId}`);
    expect(done.headers['cache-control']).toBe('no-store');
    expect(done.body).toContain('We received your donation of <strong>£25</strong>');
    expect(done.body).toContain('Given in honour of For Grandma Jo.');
    expect(done.body).not.toContain(DONOR.email);
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 1, mails: 1 });

    await standin.deliverAll(events);
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 1, mails: 1, events: 1 });
    expect((await t.app.inject(`/support/thank-you?session_id=${sessionId}`)).body).toContain('£25');
  });

  it('thank-you page and webhook at the same moment record one donation', async () => {
    const sessionId = await startDonationVia(t.app, { interval: 'month', amount: '1000' });
    const events = standin.world.completeCheckout(sessionId);
    const [page] = await Promise.all([
      t.app.inject(`/support/thank-you?session_id=${sessionId}`),
      ...events.map((e) => standin.deliver(e)),
    ]);
    expect(page.body).toContain('We received your donation of <strong>£10</strong>');
    expect(await ledgerCounts(t.storage.db)).toMatchObject({
      donations: 1,
      subscriptions: 1,
      donors: 1,
      mails: 1,
    });
  });

  it('thank-you page after the webhook reads our own record, without asking Stripe', async () => {
    const sessionId = await startDonationVia(t.app, { interval: 'month', amount: '1000' });
    await standin.deliverAll(standin.world.completeCheckout(sessionId));
    const asked = standin.requests.length;
    const page = await t.app.inject(`/support/thank-you?session_id=${sessionId}`);
    expect(page.body).toContain('We received your donation of <strong>£10</strong> every month');
    expect(standin.requests.length).toBe(asked);
    expect((await t.app.inject('/support/thank-you?session_id=cs_test_unknown')).statusCode).toBe(404);
    expect((await t.app.inject('/support/thank-you?session_id=../../etc')).statusCode).toBe(404);
  });

  it('thank-you page: a checkout our form did not open is not found, and Stripe is not asked about it', async () => {
    const shop = standin.world.createSession({
      mode: 'payment',
      line_items: [{ price: (await someOneTimePrice()).id }],
      success_url: 'https://shop.example',
    });
    standin.world.completeCheckout(shop.id);
    const asked = standin.requests.length;
    expect((await t.app.inject(`/support/thank-you?session_id=${shop.id}`)).statusCode).toBe(404);
    expect(standin.requests.length).toBe(asked);
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 0, donors: 0 });
  });

  it('thank-you page: says so when the checkout expired, or when a bank payment is still clearing', async () => {
    const expired = await startDonationVia(t.app);
    standin.world.sessions.get(expired)!.status = 'expired';
    const gone = await t.app.inject(`/support/thank-you?session_id=${expired}`);
    expect(gone.statusCode).toBe(200);
    expect(gone.body).toContain('Your donation was not completed');
    expect(gone.body).toContain('Nothing was charged.');
    expect(gone.body).not.toContain('http-equiv="refresh"');

    const clearing = await startDonationVia(t.app, { email: 'bo@example.org' });
    Object.assign(standin.world.sessions.get(clearing)!, { status: 'complete', payment_status: 'unpaid' });
    const slow = await t.app.inject(`/support/thank-you?session_id=${clearing}`);
    expect(slow.body).toContain('Your bank is still processing the payment.');
    expect(slow.body).not.toContain('http-equiv="refresh"');
    expect(await ledgerCounts(t.storage.db)).toMatchObject({ donations: 0, mails: 0 });
  });

  it('thank-you page: keeps waiting (and checking) while Stripe cannot be reached', async () => {
    const sessionId = await startDonationVia(t.app);
    const closed = await startStripeStandin();
    await closed.close();
    const cut = await buildTestApp({
      database,
      env: { ...standin.env, STRIPE_API_PORT: new URL(closed.url).port },
    });
    try {
      // The same checkout, known to an app whose Stripe is unreachable.
      const row = await t.storage.db.selectFrom('donation_checkouts').selectAll().executeTakeFirstOrThrow();
      const { id: _id, ...values } = row;
      await cut.storage.db.insertInto('donation_checkouts').values(values).execute();
      const page = await cut.app.inject(`/support/thank-you?session_id=${sessionId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Confirming your donation');
      expect(page.body).toContain('<meta http-equiv="refresh" content="5"/>');
    } finally {
      await cut.close();
    }
  });

  it('a donor cancels through the emailed link and Stripe’s portal; nobody learns who gives', async () => {
    const sessionId = await startDonationVia(t.app, { interval: 'month', amount: '1000' });
    await standin.deliverAll(standin.world.completeCheckout(sessionId));

    const unknown = await t.app.inject({
      method: 'POST',
      url: '/support/manage',
      ...form({ email: 'nobody@example.org' }),
    });
    const known = await t.app.inject({
      method: 'POST',
      url: '/support/manage',
      ...form({ email: DONOR.email.toUpperCase() }),
    });
    expect(unknown.statusCode).toBe(200);
    expect(known.body.replace(/\s+/g, ' ')).toBe(unknown.body.replace(/\s+/g, ' '));
    const mails = await waitForOutbox(t.storage.db, 'Your donations%', 1, { settleMs: 100 });
    expect(mails.map((m) => m.recipient)).toEqual([DONOR.email]);
    const link = /http:\/\/127\.0\.0\.1:3000(\/support\/manage\/[\w.-]+)/.exec(mails[0]!.text_body)![1]!;

    const page = await t.app.inject(link);
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('£10 a month');
    const subscription = /name="subscription" value="(\d+)"/.exec(page.body)![1]!;

    const portal = await t.app.inject({ method: 'POST', url: `${link}/portal`, ...form({ subscription }) });
    expect(portal.statusCode).toBe(303);
    const portalUrl = String(portal.headers.location);
    expect(portalUrl).toMatch(new RegExp(`^${standin.url}/p/session/bps_`));
    // The portal runs on a configuration of ours (a new Stripe account has no default one): cancel at once.
    const ours = [...standin.world.portalConfigurations.values()].filter(
      (c) => c.metadata.broadsheet === 'broadsheet_donations_v1',
    );
    expect(ours).toHaveLength(1);
    expect(ours[0]!.features.subscription_cancel).toMatchObject({ enabled: 'true', mode: 'immediately' });
    const portalSession = standin.world.portalSessions.get(portalUrl.split('/').pop()!)!;
    expect(portalSession.configuration).toBe(ours[0]!.id);
    // In the portal the donor cancels; Stripe sends the webhook, then returns the donor to our page.
    const cancelled = await fetch(`${portalUrl}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('x-webhook-status')).toBe('200');
    expect(cancelled.headers.get('location')).toBe(`http://127.0.0.1:3000${link}`);
    const sub = await t.storage.db
      .selectFrom('donation_subscriptions')
      .select('status')
      .executeTakeFirstOrThrow();
    expect(sub.status).toBe('canceled');
    expect((await t.app.inject(link)).body).toContain('You have no recurring donation running.');

    // Someone else's subscription through this link: refused.
    const other = await t.app.inject({
      method: 'POST',
      url: `${link}/portal`,
      ...form({ subscription: '99999' }),
    });
    expect(other.statusCode).toBe(404);
  });

  it('refuses an expired or altered link, and offers a new one', async () => {
    await standin.deliverAll(standin.world.completeCheckout(await startDonationVia(t.app)));
    const donor = await t.storage.db.selectFrom('donors').select('id').executeTakeFirstOrThrow();
    const expired = signDonorLink(SECRET, donor.id, new Date(Date.now() - 1000));
    const res = await t.app.inject(`/support/manage/${expired}`);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('This link has expired');
    expect(res.body).toContain('action="/support/manage"');
    const valid = signDonorLink(SECRET, donor.id, new Date(Date.now() + 60_000));
    const altered = valid.replace(/^\d+/, String(donor.id + 1));
    expect((await t.app.inject(`/support/manage/${altered}`)).statusCode).toBe(403);
    const post = await t.app.inject({
      method: 'POST',
      url: `/support/manage/${altered}/portal`,
      ...form({ subscription: '1' }),
    });
    expect(post.statusCode).toBe(403);
  });

  it('lets a donor take their name off the list of supporters, and put it back', async () => {
    await standin.deliverAll(
      standin.world.completeCheckout(await startDonationVia(t.app, { public_listing: 'yes' })),
    );
    expect((await t.app.inject('/support')).body).toContain(`<li>${DONOR.name}</li>`);
    const donor = await t.storage.db.selectFrom('donors').select('id').executeTakeFirstOrThrow();
    const token = signDonorLink(SECRET, donor.id, new Date(Date.now() + 60_000));
    const page = await t.app.inject(`/support/manage/${token}`);
    expect(page.body).toContain('Take my name off the list');

    const off = await t.app.inject({
      method: 'POST',
      url: `/support/manage/${token}/listing`,
      ...form({ listed: 'no' }),
    });
    expect(off.statusCode).toBe(200);
    expect(off.body).toContain('Your name is no longer on our list of supporters.');
    expect(off.body).toContain('Add my name to the list');
    // The cached support page is refreshed at once.
    expect((await t.app.inject('/support')).body).not.toContain(`<li>${DONOR.name}</li>`);

    await t.app.inject({
      method: 'POST',
      url: `/support/manage/${token}/listing`,
      ...form({ listed: 'yes' }),
    });
    expect((await t.app.inject('/support')).body).toContain(`<li>${DONOR.name}</li>`);
    const expired = signDonorLink(SECRET, donor.id, new Date(Date.now() - 1000));
    const refused = await t.app.inject({
      method: 'POST',
      url: `/support/manage/${expired}/listing`,
      ...form({ listed: 'no' }),
    });
    expect(refused.statusCode).toBe(403);
    expect((await t.app.inject('/support')).body).toContain(`<li>${DONOR.name}</li>`);
  });

  it('mails one donor at most three links an hour, whoever asks, without telling the asker', async () => {
    // A fixed clock keeps all the requests in one counting window.
    const at = new Date('2026-05-04T10:20:00.000Z');
    const fixed = await buildTestApp({ database, env: standin.env, clock: () => at });
    try {
      standin.deliverTo = injectInto(fixed.app);
      await standin.deliverAll(standin.world.completeCheckout(await startDonationVia(fixed.app)));
      const pages: string[] = [];
      for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4', '198.51.100.5']) {
        const res = await fixed.app.inject({
          method: 'POST',
          url: '/support/manage',
          remoteAddress: ip,
          ...form({ email: DONOR.email }),
        });
        expect(res.statusCode).toBe(200);
        pages.push(res.body);
      }
      expect(new Set(pages).size).toBe(1);
      const links = await waitForOutbox(fixed.storage.db, 'Your donations%', 3, { settleMs: 100 });
      expect(links).toHaveLength(3);
      // One network asking again and again is stopped, and told so (the page still says nothing of donors).
      const again = () =>
        fixed.app.inject({
          method: 'POST',
          url: '/support/manage',
          remoteAddress: '198.51.100.1',
          ...form({ email: 'nobody@example.org' }),
        });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await again()).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
    } finally {
      await fixed.close();
    }
  });

  it('mails a yearly summary on request from the donor’s page', async () => {
    await standin.deliverAll(standin.world.completeCheckout(await startDonationVia(t.app)));
    const donor = await t.storage.db.selectFrom('donors').select('id').executeTakeFirstOrThrow();
    const token = signDonorLink(SECRET, donor.id, new Date(Date.now() + 60_000));
    const year = new Date().getUTCFullYear();
    const res = await t.app.inject({
      method: 'POST',
      url: `/support/manage/${token}/summary`,
      ...form({ year: String(year) }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`We have emailed your summary for ${year}.`);
    const mail = await t.storage.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('subject', 'like', `Your ${year} donations%`)
      .executeTakeFirstOrThrow();
    expect(mail.recipient).toBe(DONOR.email);
    expect(mail.text_body).toContain(`Total for ${year}: £25`);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/support/manage/${token}/summary`,
      ...form({ year: '1999' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(`Choose a year from ${year - 5} to ${year}.`);
  });
});

async function someOneTimePrice() {
  const price = {
    id: `price_test_shop_${Math.random().toString(36).slice(2)}`,
    object: 'price',
    product: 'prod_shop',
    unit_amount: 1500,
    currency: 'gbp',
    recurring: null,
    active: true,
    created: 1,
  };
  standin.world.prices.set(price.id, price);
  return price;
}
