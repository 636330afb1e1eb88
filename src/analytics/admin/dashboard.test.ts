// The newsroom's analytics through the whole app, on both databases: who may see it, what it counts (views,
// visitors, depth, engaged time, donations from the revenue ledger, comments), periods good and bad, CSV
// exports safe to open in a spreadsheet, and the editor's "How is this story doing" panel.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { addArticle, addAuthor, addSection } from '../../../test/support/content.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff, type Browserish, signInAs } from '../../../test/support/newsroom.js';
import type { EventRow } from '../event-buffer.js';
import { runAnalyticsJobs } from '../jobs.js';
import { csvCell, toCsv } from './csv.js';

const NOW = new Date('2026-12-04T12:00:00.000Z');

describe('CSV cells', () => {
  it('quotes what needs quoting and keeps formulas as text', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('=HYPERLINK("http://evil.example")')).toBe(`"'=HYPERLINK(""http://evil.example"")"`);
    for (const start of ['+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(-3)).toBe('-3');
    expect(toCsv(['a'], [['x\ny']])).toBe('a\r\n"x\ny"\r\n');
  });
});

describe.each(testDatabases)('the analytics dashboard on $name', (database) => {
  let t: TestApp;
  let editor: Browserish;
  let articleId: number;
  const get = (url: string, who: Partial<Browserish> = editor) =>
    t.app.inject({ url, headers: who.cookie ? { cookie: who.cookie } : {} });

  beforeEach(async () => {
    t = await buildTestApp({ database, clock: () => NOW });
    const { db } = t.storage;
    editor = await signInAs(t.app, (await addStaff(db, 'editor')).email);
    const section = await addSection(db, 'city', 'City');
    const author = await addAuthor(db, 'ada', 'Ada Reporter');
    articleId = await addArticle(db, {
      slug: 'bridge',
      headline: 'The bridge reopens',
      sectionId: section,
      authorIds: [author],
    });
    const ev = (at: string, over: Partial<EventRow>): EventRow => ({
      occurred_at: at,
      kind: 'pageview',
      path: '/articles/bridge',
      article_id: articleId,
      section_id: section,
      author_id: author,
      visitor: 'v1',
      source: 'news.example',
      campaign: '=HYPERLINK("http://evil.example")',
      medium: null,
      device: 'mobile',
      value: 0,
      ...over,
    });
    await db
      .insertInto('analytics_events')
      .values([
        ev('2026-12-03T09:00:00.000Z', {}),
        ev('2026-12-03T09:01:00.000Z', { kind: 'depth', value: 50 }),
        ev('2026-12-03T09:02:00.000Z', { kind: 'engaged', value: 30 }),
        ev('2026-12-04T08:00:00.000Z', { visitor: 'v2' }),
        ev('2026-12-04T08:01:00.000Z', { kind: 'depth', value: 100 }),
        ev('2026-12-04T11:50:00.000Z', { visitor: 'v3', path: '/' }),
      ])
      .execute();
    const donor = await db
      .insertInto('donors')
      .values({
        email: 'd@example.org',
        name: 'D',
        public_listing: 0,
        stripe_customer_id: null,
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('donations')
      .values({
        donor_id: donor.id,
        checkout_id: null,
        subscription_id: null,
        stripe_checkout_session_id: 'cs_1',
        stripe_payment_intent_id: 'pi_1',
        stripe_invoice_id: null,
        amount: 2500,
        fee_cover_amount: 0,
        currency: 'eur',
        interval: 'once',
        status: 'paid',
        refunded_amount: 0,
        campaign_id: null,
        article_id: articleId,
        dedication: '',
        received_at: '2026-12-03T10:00:00.000Z',
        receipt_sent_at: null,
        created_at: '2026-12-03T10:00:00.000Z',
      })
      .execute();
    await runAnalyticsJobs({ db, retentionDays: 30, clock: () => NOW });
    return () => t.close();
  });

  it('is for editors and admins', async () => {
    expect((await get('/admin/analytics', {})).statusCode).toBe(302);
    const contributor = await signInAs(t.app, (await addStaff(t.storage.db, 'contributor')).email);
    expect((await get('/admin/analytics', contributor)).statusCode).toBe(403);
    expect((await get('/admin/analytics/articles.csv', contributor)).statusCode).toBe(403);
    const admin = await signInAs(t.app, (await addStaff(t.storage.db, 'admin')).email);
    expect((await get('/admin/analytics', admin)).statusCode).toBe(200);
  });

  it('shows the period, the last 30 minutes, top articles with donations from the ledger, and the breakdowns', async () => {
    const page = await get('/admin/analytics?range=7d');
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('Last 30 minutes');
    expect(html).toContain('Views: <strong>1</strong>. Visitors: <strong>1</strong>.');
    expect(html).toContain('The bridge reopens');
    expect(html).toContain('EUR 25.00');
    expect(html).toContain('City');
    expect(html).toContain('Ada Reporter');
    expect(html).toContain('news.example');
    expect(html).toContain('<figure');
    expect(html).toContain('<figcaption');
    expect(html).toContain('<details>');
    // Views: 3 (two on the 4th), visitors summed per day: 1 + 2.
    expect(html).toMatch(/<dt>Views<\/dt><dd>3<\/dd><dt>Visitors<\/dt><dd>3<\/dd>/);
    const today = await get('/admin/analytics?range=today');
    expect(today.body).toContain('Views per hour (UTC)');
    expect(today.body).toMatch(/<dt>Views<\/dt><dd>2<\/dd>/);
  });

  it('takes any range of days, and refuses a bad one with 400', async () => {
    const custom = await get('/admin/analytics?range=custom&from=2026-12-03&to=2026-12-03');
    expect(custom.statusCode).toBe(200);
    expect(custom.body).toMatch(/<dt>Views<\/dt><dd>1<\/dd>/);
    for (const query of [
      'range=yesterday',
      'range=custom&from=2026-12-05',
      'range=custom&from=2026-12-05&to=2026-12-01',
      'range=custom&from=2026-02-30&to=2026-03-01',
      'range=custom&from=tomorrow&to=2026-03-01',
    ]) {
      expect((await get(`/admin/analytics?${query}`)).statusCode, query).toBe(400);
    }
  });

  it('exports every table as CSV, formulas kept as text', async () => {
    const csv = await get('/admin/analytics/campaigns.csv?range=30d');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename="campaigns-2026-11-05-2026-12-04\.csv"/,
    );
    expect(csv.body.split('\r\n')[0]).toBe(
      'Campaign,Views,Visitors,Engaged time per view,Read half,Read to the end',
    );
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"")",3,3`);
    const articles = await get('/admin/analytics/articles.csv?range=30d');
    expect(articles.body).toContain('The bridge reopens,3,3');
    for (const name of ['trend', 'sources', 'sections', 'authors', 'devices']) {
      expect((await get(`/admin/analytics/${name}.csv?range=90d`)).statusCode).toBe(200);
    }
    expect((await get('/admin/analytics/visitors.csv')).statusCode).toBe(404);
  });

  it('shows a published article’s figures beside its form', async () => {
    const page = await get(`/admin/articles/${articleId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('How is this story doing');
    expect(page.body).toMatch(/<dt>Views<\/dt><dd>3<\/dd>/);
    expect(page.body).toContain('EUR 25.00');
  });
});
