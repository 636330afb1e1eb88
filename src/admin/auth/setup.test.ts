// The first start on both databases: a setup link printed while nobody is on the staff, used once, refused
// when old, made up or spent by someone else's setup.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { linkIn, pathOf, post, sessionCookie } from '../../../test/support/newsroom.js';
import { newsroomStartNotice } from './setup.js';

const PASSWORD = 'the first admin passphrase';

describe.each(testDatabases)('first-start setup on $name', (database) => {
  let site: TestApp;
  let now = new Date('2025-04-01T12:00:00Z');

  beforeEach(async () => {
    now = new Date('2025-04-01T12:00:00Z');
    site = await buildTestApp({ database, clock: () => now });
  });
  afterEach(() => site.close());

  it('prints a setup link while nobody is on the staff; it creates the first admin once', async () => {
    const notice = await newsroomStartNotice(site.storage.db, 'http://127.0.0.1:3000', now);
    expect(notice).toContain('no staff account exists yet');
    expect(notice).toContain('npm run staff -- create');
    const link = pathOf(linkIn(notice, 'setup'));
    const token = link.split('/').pop()!;
    const stored = await site.storage.db.selectFrom('staff_setup_tokens').select('token_hash').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toBe(token);

    expect((await site.app.inject({ url: link })).statusCode).toBe(200);
    const bad = await post(site.app, link, { name: '', email: 'nope', password: 'short', confirm: 'short' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Name is required.');
    expect(bad.body).toContain('Email must be an email address');
    expect(bad.body).toContain('value="nope"');

    const created = await post(site.app, link, {
      name: 'Fiona First',
      email: 'Fiona@Example.org',
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(created.statusCode).toBe(303);
    const home = await site.app.inject({ url: '/admin', headers: { cookie: sessionCookie(created) } });
    expect(home.body).toContain('Hello, Fiona First');
    expect(home.body).toContain('href="/admin/staff"');
    const row = await site.storage.db
      .selectFrom('staff')
      .select(['email', 'role', 'password_hash'])
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: 'fiona@example.org', role: 'admin' });
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const again = await post(site.app, link, {
      name: 'Eve',
      email: 'eve@example.org',
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(again.statusCode).toBe(404);
    expect((await site.app.inject({ url: link })).statusCode).toBe(404);
    expect(await newsroomStartNotice(site.storage.db, 'http://127.0.0.1:3000', now)).toBe(
      'Newsroom: sign in at http://127.0.0.1:3000/admin',
    );
  });

  it('issues a new link on each start; once someone sets up, the other links stop working too', async () => {
    const first = pathOf(linkIn(await newsroomStartNotice(site.storage.db, 'http://x.test', now), 'setup'));
    const second = pathOf(linkIn(await newsroomStartNotice(site.storage.db, 'http://x.test', now), 'setup'));
    expect(first).not.toBe(second);
    const done = await post(site.app, second, {
      name: 'Sam',
      email: 'sam@example.org',
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(done.statusCode).toBe(303);
    expect((await site.app.inject({ url: first })).statusCode).toBe(404);
  });

  it('refuses a setup link after 24 hours, and a made-up one', async () => {
    const link = pathOf(linkIn(await newsroomStartNotice(site.storage.db, 'http://x.test', now), 'setup'));
    now = new Date(now.getTime() + 25 * 60 * 60 * 1000);
    const late = await site.app.inject({ url: link });
    expect(late.statusCode).toBe(404);
    expect(late.body).toContain('This setup link is not valid');
    expect((await site.app.inject({ url: `/admin/setup/${'A'.repeat(43)}` })).statusCode).toBe(404);
    expect((await site.app.inject({ url: '/admin/setup/short' })).statusCode).toBe(404);
  });
});
