// Newsroom screens show times in the site's time zone, named, whatever zone the server runs in: the outbox,
// the API tokens (an expiry typed as a date ends as that day begins in the site's zone) and the content API
// keys, with the site in New York.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, type Browserish, post, signInAs } from '../../test/support/newsroom.js';
import { EVERYTHING } from '../http/tagged-cache.js';
import { defaultSiteSettings, saveSiteSettings } from '../site/settings.js';

describe.each(testDatabases)('times on the newsroom’s screens on $name', (database) => {
  let site: TestApp;
  let admin: Browserish;
  // 22:55 UTC on 4 December is 17:55 in New York (EST, UTC−5).
  const now = new Date('2026-12-04T22:55:00.000Z');

  beforeAll(async () => {
    site = await buildTestApp({ database, clock: () => now });
    const db = site.storage.db;
    await saveSiteSettings(
      db,
      { ...defaultSiteSettings, timeZone: 'America/New_York', language: 'en-US' },
      now,
    );
    await site.deps.events.changed([EVERYTHING]);
    admin = await signInAs(site.app, (await addStaff(db, 'admin', { name: 'Amara' })).email);
  });
  afterAll(() => site.close());

  const get = (url: string) => site.app.inject({ url, headers: { cookie: admin.cookie } });

  it('dates the outbox’s mail in the site’s zone, named', async () => {
    await site.storage.db
      .insertInto('mail_outbox')
      .values({
        sender: 'newsroom@example.org',
        recipient: 'reader@example.org',
        subject: 'Zoned mail',
        text_body: 'Hello',
        html_body: null,
        headers: '{}',
        created_at: now.toISOString(),
      })
      .execute();
    const page = await get('/admin/outbox');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<time datetime="${now.toISOString()}">Dec 4, 2026, 05:55 PM EST</time>`);
    expect(page.body).not.toContain('22:55 UTC');
    expect(page.body).not.toContain(' UTC');
  });

  it('ends a token on the day typed as it begins in the site’s zone, and says so, named', async () => {
    const page = await get('/admin/api-tokens');
    expect(page.body).toContain('in the site’s time zone (America/New_York)');
    const made = await post(
      site.app,
      '/admin/api-tokens',
      { name: 'Zoned script', scopes: 'articles:read', staffId: '', expiresAt: '2027-01-15' },
      admin,
    );
    expect(made.statusCode, made.body.slice(0, 300)).toBeLessThan(400);
    const row = await site.storage.db
      .selectFrom('admin_api_tokens')
      .select('expires_at')
      .where('name', '=', 'Zoned script')
      .executeTakeFirstOrThrow();
    // Midnight in New York is 05:00 UTC.
    expect(new Date(row.expires_at!).toISOString()).toBe('2027-01-15T05:00:00.000Z');
    const list = await get('/admin/api-tokens');
    expect(list.body).toContain('Jan 15, 2027, 12:00 AM EST');
    expect(list.body).toContain('Dec 4, 2026, 05:55 PM EST');
  });

  it('dates content API keys in the site’s zone', async () => {
    const key = await post(
      site.app,
      '/admin/api-keys',
      { name: 'Zoned app', origins: '', ratePerMinute: '60' },
      admin,
    );
    expect(key.statusCode, key.body.slice(0, 300)).toBeLessThan(400);
    const keys = await get('/admin/api-keys');
    expect(keys.body).toContain('Zoned app');
    expect(keys.body).toContain('Dec 4, 2026, 05:55 PM EST');
    expect(keys.body).not.toContain('22:55 UTC');
  });
});
