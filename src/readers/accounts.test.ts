// Reader accounts through the app, on both databases: sign-in by an emailed link (single use, expiring,
// rate-limited, one account per address), the account page's newsletters, the comments posted with the
// verified address, and the reader's data exported and erased.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sameOrigin, type TestApp } from '../../test/support/app.js';
import { addArticle } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { form } from '../../test/support/newsroom.js';
import { emailKey } from '../comments/identity.js';
import { createList } from '../newsletters/lists.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';

describe.each(testDatabases)('reader accounts on $name', (database) => {
  let t: TestApp;
  let now = new Date('2026-12-01T10:00:00Z');
  let listId: number;
  let ip = 1;

  beforeAll(async () => {
    t = await buildTestApp({ database, clock: () => now, env: { TRUST_PROXY: '127.0.0.1' } });
    listId = await createList(
      t.storage.db,
      { slug: 'daily', name: 'Daily Briefing', description: '', sender: '', frequency: 'Daily' },
      now,
    );
    const articleId = await addArticle(t.storage.db, { slug: 'bridge-vote' });
    await t.storage.db
      .insertInto('comments')
      .values({
        article_id: articleId,
        parent_id: null,
        root_id: null,
        depth: 0,
        status: 'approved',
        body: 'A fair point about the bridge.',
        author_name: 'Ann',
        author_email: 'ann@example.org',
        email_key: emailKey(SECRET, 'ann@example.org'),
        author_url: '',
        staff_id: null,
        notify_replies: 0,
        ip_key: null,
        body_hash: 'h',
        moderation_reason: null,
        spam_score: 0,
        created_at: now.toISOString(),
        approved_at: now.toISOString(),
        edited_at: null,
        status_changed_at: now.toISOString(),
        digest_sent_at: null,
        reply_notified_at: null,
      })
      .execute();
  });
  afterAll(() => t.close());

  const postForm = (url: string, fields: Record<string, string>, cookie = '', from = `10.1.${ip++}.1`) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: {
        ...sameOrigin,
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': from,
        ...(cookie ? { cookie } : {}),
      },
      payload: form(fields),
    });
  const linkFor = async (email: string) => {
    const mail = await t.storage.db
      .selectFrom('mail_outbox')
      .select('text_body')
      .where('recipient', '=', email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return /\/account\/sign-in\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;
  };
  const signIn = async (email: string) => {
    expect((await postForm('/account/sign-in', { email })).statusCode).toBe(200);
    const token = await linkFor(email.toLowerCase());
    const response = await postForm('/account/sign-in/confirm', { token });
    expect(response.statusCode).toBe(303);
    const cookie = String(response.headers['set-cookie']).split(';')[0]!;
    return { cookie, token };
  };

  it('signs in by an emailed link that works once, and makes one account per address', async () => {
    const first = await signIn('Ann@Example.org');
    const page = await t.app.inject({ url: '/account', headers: { cookie: first.cookie } });
    expect(page.body).toContain('Signed in as <strong>ann@example.org</strong>');
    expect(page.headers['cache-control']).toBe('no-store');
    const reused = await postForm('/account/sign-in/confirm', { token: first.token });
    expect(reused.statusCode).toBe(410);
    expect(reused.body).toContain('already been used');
    await signIn('ann@example.org');
    const accounts = await t.storage.db.selectFrom('reader_accounts').select('email').execute();
    expect(accounts).toEqual([{ email: 'ann@example.org' }]);
  });

  it('refuses an expired link, a made-up one, a bad address, and too many links', async () => {
    await postForm('/account/sign-in', { email: 'late@example.org' });
    const token = await linkFor('late@example.org');
    const before = now;
    now = new Date(now.getTime() + 31 * 60_000);
    try {
      expect((await postForm('/account/sign-in/confirm', { token })).statusCode).toBe(410);
    } finally {
      now = before;
    }
    expect((await t.app.inject({ url: `/account/sign-in/confirm?token=${'A'.repeat(43)}` })).statusCode).toBe(
      410,
    );
    const bad = await postForm('/account/sign-in', { email: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('That is not an email address.');
    const answers: number[] = [];
    for (let i = 0; i < 4; i++)
      answers.push((await postForm('/account/sign-in', { email: 'many@example.org' })).statusCode);
    expect(answers).toEqual([200, 200, 200, 429]);
    expect((await t.app.inject({ url: '/account/export.json' })).statusCode).toBe(401);
  });

  it('manages newsletters, links the comments posted with the address, and exports then erases it all', async () => {
    const { cookie } = await signIn('ann@example.org');
    expect(
      (await postForm('/account/newsletters', { list: String(listId), subscribed: 'yes' }, cookie))
        .statusCode,
    ).toBe(303);
    const page = await t.app.inject({ url: '/account', headers: { cookie } });
    expect(page.body).toContain('subscribed');
    expect(page.body).toContain('1 comment has been posted with this address');
    expect(page.body).toContain('href="/support/manage"');

    const exported = await t.app.inject({ url: '/account/export.json', headers: { cookie } });
    const data = exported.json();
    expect(data.newsletters.subscriptions).toEqual([
      expect.objectContaining({ newsletter: 'Daily Briefing', status: 'active', consentForm: 'account' }),
    ]);
    expect(data.comments.comments.map((c: { text: string }) => c.text)).toEqual([
      'A fair point about the bridge.',
    ]);

    expect((await postForm('/account/erase', {}, cookie)).statusCode).toBe(400);
    const erased = await postForm('/account/erase', { confirm: 'yes' }, cookie);
    expect(erased.statusCode).toBe(200);
    const db = t.storage.db;
    expect(await db.selectFrom('reader_accounts').selectAll().execute()).toEqual([]);
    expect(
      await db
        .selectFrom('newsletter_subscribers')
        .selectAll()
        .where('email', '=', 'ann@example.org')
        .execute(),
    ).toEqual([]);
    expect(
      await db.selectFrom('comments').selectAll().where('author_email', '=', 'ann@example.org').execute(),
    ).toEqual([]);
    const suppression = await db
      .selectFrom('newsletter_suppressions')
      .select('reason')
      .where('email', '=', 'ann@example.org')
      .execute();
    expect(suppression).toEqual([{ reason: 'unsubscribed' }]);
    expect((await t.app.inject({ url: '/account/export.json', headers: { cookie } })).statusCode).toBe(401);
  });
});
