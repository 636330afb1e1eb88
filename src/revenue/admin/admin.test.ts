// The newsroom's donation screens through the whole app: admins only; the overview's numbers; donor search
// and CSV exports (safe to open in a spreadsheet); campaigns and settings with errors beside their fields.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { addArticle } from '../../../test/support/content.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff, type Browserish, post, signInAs } from '../../../test/support/newsroom.js';
import { startDonationVia } from '../../../test/support/revenue.js';
import { injectInto, type StripeStandin, startStripeStandin } from '../../../test/support/stripe-standin.js';
import { defaultSiteSettings, saveSiteSettings } from '../../site/settings.js';
import { defaultRevenueSettings, saveRevenueSettings } from '../settings.js';

let standin: StripeStandin;
beforeAll(async () => {
  standin = await startStripeStandin();
});
afterAll(() => standin.close());

describe('without Stripe keys', () => {
  it('tells the admin, and only the admin, that reader revenue is off', async () => {
    const t = await buildTestApp();
    try {
      const admin = await addStaff(t.storage.db, 'admin');
      const who = await signInAs(t.app, admin.email);
      const page = await t.app.inject({ url: '/admin/donations', headers: { cookie: who.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Reader revenue is off.');
      expect(page.body).toContain('href="/admin/donations/payments"');
      // No receipt goes out without payments: their missing details are not the problem to raise.
      expect(page.body).not.toContain('Donation receipts are missing');
      expect((await t.app.inject('/support')).body).not.toContain('not configured');
    } finally {
      await t.close();
    }
  });
});

describe.each(testDatabases)('donation screens on $name', (database) => {
  let t: TestApp;
  let admin: Browserish;
  const get = (url: string, who: Partial<Browserish> = admin) =>
    t.app.inject({ url, headers: who.cookie ? { cookie: who.cookie } : {} });

  beforeEach(async () => {
    t = await buildTestApp({ database, env: standin.env });
    standin.deliverTo = injectInto(t.app);
    standin.world.now = () => new Date();
    // A British newsroom: its donation currency (pounds, until saved otherwise) follows the site's language.
    await saveSiteSettings(t.storage.db, { ...defaultSiteSettings, language: 'en-GB' }, new Date());
    const staff = await addStaff(t.storage.db, 'admin');
    admin = await signInAs(t.app, staff.email);
    return () => t.close();
  });

  it('is for admins only', async () => {
    expect((await get('/admin/donations', {})).statusCode).toBe(302);
    const editor = await signInAs(t.app, (await addStaff(t.storage.db, 'editor')).email);
    for (const url of [
      '/admin/donations',
      '/admin/donations/donors',
      '/admin/donations/donations.csv',
      '/admin/donations/settings',
    ]) {
      expect((await get(url, editor)).statusCode, url).toBe(403);
    }
    const res = await post(t.app, '/admin/donations/settings', { currency: 'EUR' }, editor);
    expect(res.statusCode).toBe(403);
    // An admin without the session's token (a forged form) is refused as well.
    expect(
      (await post(t.app, '/admin/donations/settings', { currency: 'EUR' }, { cookie: admin.cookie }))
        .statusCode,
    ).toBe(403);
  });

  it('shows totals, recurring revenue, new and lapsed donors, and the articles readers gave from', async () => {
    await addArticle(t.storage.db, { slug: 'flood-defences', headline: 'Flood defences fail' });
    await standin.deliverAll(
      standin.world.completeCheckout(await startDonationVia(t.app, { from: 'flood-defences' })),
    );
    const monthly = await startDonationVia(t.app, {
      interval: 'month',
      amount: '1000',
      email: 'bo@example.org',
      name: 'Bo Giver',
    });
    await standin.deliverAll(standin.world.completeCheckout(monthly));
    const yearly = await startDonationVia(t.app, {
      interval: 'year',
      amount: 'other',
      other_amount: '120',
      email: 'cy@example.org',
      name: 'Cy Lapsed',
    });
    await standin.deliverAll(standin.world.completeCheckout(yearly));
    await standin.deliverAll(standin.world.cancel(standin.world.sessions.get(yearly)!.subscription));

    const html = (await get('/admin/donations')).body;
    expect(html).toContain('Payments are taken through Stripe');
    expect(html).toMatch(/Received in the last 30 days<\/dt><dd>£155<\/dd>/);
    expect(html).toContain('£10 a month from 1 recurring donation');
    expect(html).toMatch(/New donors in the last 30 days<\/dt><dd>3<\/dd>/);
    expect(html).toMatch(/Lapsed donors in the last 30 days<\/dt><dd>1/);
    expect(html).toContain('Cy Lapsed');
    expect(html).toMatch(
      /<a href="\/articles\/flood-defences">Flood defences fail<\/a><\/th><td>1<\/td><td>1<\/td><td>£25<\/td>/,
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(html).toMatch(
      new RegExp(`<th scope="row">${today}</th><td>3</td><td><meter[^>]*></meter> £155</td>`),
    );
  });

  it('finds donors by name or email, and takes a name off the public list', async () => {
    await standin.deliverAll(
      standin.world.completeCheckout(await startDonationVia(t.app, { public_listing: 'yes' })),
    );
    await standin.deliverAll(
      standin.world.completeCheckout(
        await startDonationVia(t.app, { email: 'bo@example.org', name: 'Bo 100%', public_listing: 'yes' }),
      ),
    );
    expect((await t.app.inject('/support?from=x')).body).toContain('<li>Bo 100%</li>');

    let html = (await get('/admin/donations/donors?q=BO@')).body;
    expect(html).toContain('bo@example.org');
    expect(html).not.toContain('ada@example.org');
    expect(html).toContain('1 donor found.');
    html = (await get('/admin/donations/donors?q=100%25')).body;
    expect(html).toContain('Bo 100%');
    expect((await get('/admin/donations/donors?q=%25')).body).toContain('1 donor found.');
    expect((await get('/admin/donations/donors')).body).toContain('2 donors.');

    const bo = await t.storage.db
      .selectFrom('donors')
      .select('id')
      .where('email', '=', 'bo@example.org')
      .executeTakeFirstOrThrow();
    const res = await post(t.app, `/admin/donations/donors/${bo.id}/unlist`, {}, admin);
    expect(res.statusCode).toBe(303);
    expect((await t.app.inject('/support?from=y')).body).not.toContain('Bo 100%');
  });

  it('exports donors and donations as CSV that a spreadsheet will not run', async () => {
    await standin.deliverAll(
      standin.world.completeCheckout(
        await startDonationVia(t.app, {
          name: '=HYPERLINK("http://evil")',
          dedication: 'For "Jo", with love',
        }),
      ),
    );
    const donors = await get('/admin/donations/donors.csv');
    expect(donors.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(donors.headers['content-disposition']).toBe('attachment; filename="donors.csv"');
    expect(donors.headers['cache-control']).toBe('no-store');
    const [header, row] = donors.body.split('\r\n');
    expect(header).toBe(
      'donor_id,name,email,listed_publicly,donor_since,currency,gifts,net_total,first_gift,last_gift,recurring',
    );
    expect(row).toMatch(/^\d+,"'=HYPERLINK\(""http:\/\/evil""\)",ada@example.org,no,[^,]+,GBP,1,25,/);

    const donations = (await get('/admin/donations/donations.csv')).body.split('\r\n');
    expect(donations[0]).toContain(
      'donation_id,received_at,donor_name,donor_email,amount,fee_cover,refunded,currency',
    );
    expect(donations[1]).toContain(',25,0,0,GBP,once,paid,"For ""Jo"", with love",');
  });

  it('adds a campaign, with errors beside their fields and nothing typed lost', async () => {
    const bad = await post(
      t.app,
      '/admin/donations/campaigns',
      {
        name: 'Spring drive',
        goal: 'lots',
        starts: '2026-04-30',
        ends: '2026-04-01',
        ctaHeading: 'Help',
        ctaText: '',
      },
      admin,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the goal as an amount in GBP');
    expect(bad.body).toContain('The last day cannot be before the first.');
    expect(bad.body).toContain('value="Spring drive"');
    expect(bad.body).toContain('value="lots"');

    const year = new Date().getUTCFullYear();
    const good = await post(
      t.app,
      '/admin/donations/campaigns',
      {
        name: 'Spring drive',
        goal: '5000',
        starts: `${year - 1}-01-01`,
        ends: `${year + 1}-12-31`,
        ctaHeading: 'Help us reach £5,000',
        ctaText: 'Every gift counts.',
      },
      admin,
    );
    expect(good.statusCode).toBe(303);
    const campaign = await t.storage.db
      .selectFrom('donation_campaigns')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(campaign).toMatchObject({
      goal_amount: 500000,
      currency: 'GBP',
      starts_at: `${year - 1}-01-01T00:00:00.000Z`,
      ends_at: `${year + 2}-01-01T00:00:00.000Z`,
    });
    const support = (await t.app.inject('/support')).body;
    expect(support).toContain('Help us reach £5,000');
    expect(support).toContain('<progress id="support-progress" max="500000" value="0">');

    const list = (await get('/admin/donations/campaigns')).body;
    expect(list).toContain(`${year - 1}-01-01 – ${year + 1}-12-31`);
    const edit = await get(`/admin/donations/campaigns/${campaign.id}`);
    expect(edit.body).toContain(`value="${year + 1}-12-31"`);
    const saved = await post(
      t.app,
      `/admin/donations/campaigns/${campaign.id}`,
      {
        name: 'Spring drive',
        goal: '6000',
        starts: `${year - 1}-01-01`,
        ends: `${year + 1}-12-31`,
        ctaHeading: '',
        ctaText: '',
      },
      admin,
    );
    expect(saved.statusCode).toBe(303);
    expect((await t.app.inject('/support')).body).toContain('raised of our £6,000 goal');
  });

  it('saves the donation settings, or shows each error beside its field', async () => {
    const page = await get('/admin/donations/settings');
    expect(page.body).toContain('value="10, 25, 50, 100"');
    const values = {
      currency: 'xx',
      once_amounts: '5, 15, 30',
      once_suggested: '20',
      month_amounts: '5, 10',
      month_suggested: '5',
      year_amounts: '50, 100',
      year_suggested: '50',
      minimum: '2',
      maximum: '5000',
      fee_cover_percent: '3',
      organisation_name: 'The Courier Trust',
      registration_number: 'Charity 1234567',
      cta_heading: 'Keep the Courier free',
      cta_text: '',
      cta_after_paragraph: '3',
    };
    const bad = await post(t.app, '/admin/donations/settings', values, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a currency code such as GBP, EUR or USD.');
    expect(bad.body).toContain('value="The Courier Trust"');

    const wrongSuggestion = await post(
      t.app,
      '/admin/donations/settings',
      { ...values, currency: 'eur' },
      admin,
    );
    expect(wrongSuggestion.statusCode).toBe(400);
    expect(wrongSuggestion.body).toContain('Must be one of the suggested amounts.');

    const good = await post(
      t.app,
      '/admin/donations/settings',
      { ...values, currency: 'eur', once_suggested: '15' },
      admin,
    );
    expect(good.statusCode).toBe(303);
    const support = (await t.app.inject('/support')).body;
    expect(support).toContain('Keep the Courier free');
    expect(support).toMatch(/<input type="radio" name="amount" value="1500" checked/);
    expect(support).toContain('€30');
  });

  it('warns the admin while receipts go out without the charity’s name or registration number', async () => {
    const warning = 'Donation receipts are missing the charity’s details.';
    let html = (await get('/admin/donations')).body;
    expect(html).toContain(warning);
    expect(html).toContain(
      'No organisation name is set for receipts: they name the site’s name, “Broadsheet”',
    );
    expect(html).toContain('No registration or tax number is set');
    expect(html).toContain('<a href="/admin/donations/settings">Donation settings</a>');

    // The publisher's legal name stands in for the organisation's, and the warning says so.
    const publisher = { ...defaultSiteSettings.publisher, legalName: 'Courier Media CIC' };
    await saveSiteSettings(
      t.storage.db,
      { ...defaultSiteSettings, language: 'en-GB', publisher },
      new Date(),
    );
    await saveRevenueSettings(
      t.storage.db,
      { ...defaultRevenueSettings, registrationNumber: 'Charity 1234567' },
      new Date(),
    );
    html = (await get('/admin/donations')).body;
    expect(html).toContain(warning);
    expect(html).toContain('they name the publisher’s legal name, “Courier Media CIC”');
    expect(html).not.toContain('No registration or tax number is set');

    await saveRevenueSettings(
      t.storage.db,
      { ...defaultRevenueSettings, organisationName: 'The Courier Trust', registrationNumber: '' },
      new Date(),
    );
    html = (await get('/admin/donations')).body;
    expect(html).not.toContain('No organisation name is set');
    expect(html).toContain('No registration or tax number is set');

    await saveRevenueSettings(
      t.storage.db,
      {
        ...defaultRevenueSettings,
        organisationName: 'The Courier Trust',
        registrationNumber: 'Charity 1234567',
      },
      new Date(),
    );
    expect((await get('/admin/donations')).body).not.toContain(warning);
  });
});
