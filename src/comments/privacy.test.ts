// Commenters' privacy through the whole app, on both databases: the email address never leaves the server
// (not in pages, JSON, feeds or the admin, not as a hash a lookup could reverse), the IP address is kept only
// as a keyed hash of its network and forgotten after the retention period, and a commenter (by a mailed link)
// or an admin can export or erase everything tied to an address.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, sameOrigin, type TestApp } from '../../test/support/app.js';
import {
  commentDeps,
  commentFields,
  everythingStored,
  formValues,
  SECRET,
  sendComment,
  setSettings,
  testClock,
} from '../../test/support/comments.js';
import { addArticle } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, type Browserish, post, signInAs, startSmtpServer } from '../../test/support/newsroom.js';
import { outboxMailer, smtpMailer } from '../mail/mailer.js';
import { COMMENTER_MAIL_TOPIC, eraseByKey, exportByKey } from './commenter-data.js';
import { mailDataLink } from './data-link.js';
import { emailKey, ipKey } from './identity.js';
import { commentJobs } from './jobs.js';
import { postComment } from './post-comment.js';
import { historyOf } from './posting-queries.js';
import * as q from './queries.js';
import { countApproved } from './thread-queries.js';

let ipCounter = 0;
const freshIp = () => `172.16.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

/** Every way an address could be written into a page: as is, and as the hashes avatar services use. */
function tracesOf(email: string): string[] {
  const variants = [email, email.toLowerCase(), email.trim().toLowerCase()];
  return [...new Set(variants)].flatMap((e) => [
    e,
    encodeURIComponent(e),
    Buffer.from(e).toString('base64'),
    ...['md5', 'sha1', 'sha256'].flatMap((algorithm) => {
      const hash = createHash(algorithm).update(e);
      const hex = hash.copy().digest('hex');
      return [hex, hex.toUpperCase(), hash.digest('base64url')];
    }),
  ]);
}

describe.each(testDatabases)('commenters’ privacy on $name', (database) => {
  let site: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const clock = testClock('2026-11-21T12:00:00.000Z');
  let slug: string;
  let articleId: number;
  let editor: Browserish;
  let admin: Browserish;

  const send = (fields: Record<string, string>, ip = freshIp(), json = false) =>
    sendComment(site.app, slug, commentFields(articleId, fields, clock.now), { ip, json });
  /**
   * What is kept about commenters. The rate-limit counters are left out: they hold the keyed hash for at
   * most the hour a limit lasts, and must keep counting, or erasing one's data would lift one's limits.
   */
  const kept = async () =>
    JSON.stringify(
      await Promise.all(
        (['comments', 'comment_bans'] as const).map((t) =>
          site.storage.db.selectFrom(t).selectAll().execute(),
        ),
      ),
    );
  const get = (url: string, who?: Browserish) =>
    site.app.inject({ url, headers: who ? { cookie: who.cookie } : {} });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    site = await buildTestApp({
      database,
      clock,
      mailer: smtpMailer({ url: smtp.url, from: 'Newsroom <newsroom@example.org>' }),
    });
    const [e, a] = await Promise.all([
      addStaff(site.storage.db, 'editor'),
      addStaff(site.storage.db, 'admin'),
    ]);
    editor = await signInAs(site.app, e.email);
    admin = await signInAs(site.app, a.email);
  });
  afterAll(async () => {
    await site?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    slug = `story-${randomUUID().slice(0, 8)}`;
    articleId = await addArticle(site.storage.db, {
      slug,
      headline: `Headline ${slug}`,
      publishedAt: '2026-11-20T10:00:00.000Z',
    });
    await setSettings(site.storage.db, { mode: 'approve_all' });
  });

  it('never shows the email address, nor a hash of it, to readers, in JSON, in feeds or in the admin', async () => {
    const email = `Very.Private.${randomUUID().slice(0, 6)}@Example.org`;
    const published = await send(
      { comment: 'Published, with a website.', email, url: 'https://ada.example' },
      freshIp(),
      true,
    );
    expect(published.statusCode).toBe(201);
    const id = published.json().id;
    await setSettings(site.storage.db, { mode: 'hold_all' });
    const held = await send({ comment: 'Held.', email, notify: 'on' }, freshIp(), true);
    const heldLink = `/articles/${slug}/comments/held/${held.json().token}`;
    // A form with a mistake gives the address back to the one who typed it, on a page no cache keeps.
    const invalid = await send({ comment: 'Invalid.', email, name: '' });
    expect(invalid.body).toContain(`value="${email}"`);
    expect(invalid.headers['cache-control']).toBe('no-store');

    const seen = [
      published.body,
      held.body,
      ...(await Promise.all(
        [
          `/articles/${slug}`,
          `/articles/${slug}/comments?order=newest`,
          `/articles/${slug}/comments/reply/${id}`,
          heldLink,
          '/feed.xml',
          '/atom.xml',
          '/feed.json',
          '/sitemap.xml',
          '/',
        ].map(async (url) => (await get(url)).body),
      )),
      (await site.app.inject({ url: heldLink, headers: { accept: 'application/json' } })).body,
    ];
    const adminPages = await Promise.all(
      ['/admin/comments', '/admin/comments?status=approved', `/admin/comments/${id}`].map(
        async (url) => (await get(url, editor)).body,
      ),
    );
    expect(seen.join('')).toContain('Published, with a website.');
    expect(adminPages.join('')).toContain('v•••@example.org');
    for (const page of [...seen, ...adminPages]) {
      for (const trace of tracesOf(email)) expect(page).not.toContain(trace);
      expect(page).not.toMatch(/gravatar/i);
    }
  });

  describe('the IP address', () => {
    it('is stored only as a keyed hash of its network, in comments and in rate-limit counters', async () => {
      const ipv4 = '198.51.100.77';
      const ipv6 = '2001:db8:abcd:12:aaaa:bbbb:cccc:dddd';
      const a = (await send({ comment: 'From IPv4.' }, ipv4, true)).json().id;
      const b = (await send({ comment: 'From IPv6.' }, ipv6, true)).json().id;
      const c = (await send({ comment: 'From the same /64.' }, '2001:db8:abcd:12::1', true)).json().id;
      const d = (await send({ comment: 'From IPv4, mapped.' }, `::ffff:${ipv4}`, true)).json().id;
      const stored = await everythingStored(site.storage.db);
      for (const trace of ['198.51.100', '2001:db8', '2001:0db8', 'abcd:12'])
        expect(stored).not.toContain(trace);
      const keys = await Promise.all(
        [a, b, c, d].map(async (id) => (await q.selectComment(site.storage.db, id))?.ip_key),
      );
      expect(keys[0]).toBe(ipKey(SECRET, ipv4));
      expect(keys[1]).toBe(keys[2]);
      expect(keys[3]).toBe(keys[0]);
      expect(keys[0]).not.toBe(keys[1]);
      const counters = await site.storage.db.selectFrom('rate_limit_counters').select('key').execute();
      expect(counters.some((r) => r.key.includes(ipKey(SECRET, ipv4)))).toBe(true);
    });

    it('is forgotten after the retention period, in comments and in bans', async () => {
      await setSettings(site.storage.db, { mode: 'approve_all', ipRetentionDays: 7 });
      const old = (await send({ comment: 'Eight days ago.' }, freshIp(), true)).json().id;
      const oldRow = (await q.selectComment(site.storage.db, old))!;
      await site.storage.db
        .insertInto('comment_bans')
        .values({
          email_key: `ban-${randomUUID()}`,
          ip_key: oldRow.ip_key,
          reason: '',
          created_by: null,
          created_at: clock.now.toISOString(),
        })
        .execute();
      clock.advance(8 * 86_400);
      const recent = (await send({ comment: 'Today.' }, freshIp(), true)).json().id;
      const jobs = commentJobs({
        db: site.storage.db,
        mailer: { kind: 'outbox', send: async () => {} },
        secret: SECRET,
        publicUrl: 'http://127.0.0.1:3000',
        clock,
        siteName: async () => 'x',
      });
      expect((await jobs.runOnce()).purged).toBeGreaterThanOrEqual(1);
      expect((await q.selectComment(site.storage.db, old))?.ip_key).toBeNull();
      expect((await q.selectComment(site.storage.db, recent))?.ip_key).toMatch(/^[\w-]{32}$/);
      const bans = await site.storage.db.selectFrom('comment_bans').select('ip_key').execute();
      expect(bans.every((b) => b.ip_key === null)).toBe(true);
      // The comment itself stays, with nothing left that points to a network.
      expect((await q.selectComment(site.storage.db, old))?.body).toBe('Eight days ago.');
    });
  });

  it('is purged alone, with no digest: what the background jobs run soon after a start', async () => {
    await setSettings(site.storage.db, { mode: 'hold_all', ipRetentionDays: 7 });
    const old = (await send({ comment: 'Held, from long ago.' }, freshIp(), true)).json().id;
    const mailed: string[] = [];
    const jobs = commentJobs({
      db: site.storage.db,
      mailer: { kind: 'outbox', send: async (m) => void mailed.push(m.subject) },
      secret: SECRET,
      publicUrl: 'http://127.0.0.1:3000',
      // Eight days on for the jobs alone: the staff's sessions must not expire under the later tests.
      clock: () => new Date(clock.now.getTime() + 8 * 86_400_000),
      siteName: async () => 'x',
    });
    expect(await jobs.purgeNetworkHashes()).toBeGreaterThanOrEqual(1);
    expect((await q.selectComment(site.storage.db, old))?.ip_key).toBeNull();
    // The digest keeps to its interval, which is what batches it.
    expect(mailed).toEqual([]);
    expect((await q.selectComment(site.storage.db, old))?.digest_sent_at).toBeNull();
  });

  describe('a commenter’s own data', () => {
    const ask = (email: string, ip = freshIp()) =>
      site.app.inject({
        method: 'POST',
        url: '/comments/my-data',
        remoteAddress: ip,
        headers: { ...sameOrigin, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ email }).toString(),
      });
    async function dataLink(email: string): Promise<string> {
      const since = smtp.mails.length;
      const response = await ask(email);
      expect(response.statusCode).toBe(200);
      await smtp.waitForMail(since + 1);
      const mail = smtp.mails[since]!;
      expect(mail.to).toEqual([email.toLowerCase()]);
      const link = /https?:\/\/\S+\/comments\/my-data\/[\w.-]+/.exec(mail.text)?.[0];
      if (!link) throw new Error(`no data link in: ${mail.text}`);
      return new URL(link).pathname;
    }

    it('mails a link to the address, and says the same whether or not it has comments', async () => {
      const email = `mine-${randomUUID().slice(0, 6)}@example.org`;
      await send({ email });
      const link = await dataLink(email);
      const since = smtp.mails.length;
      const unknown = await ask(`nobody-${randomUUID()}@example.org`);
      expect(unknown.statusCode).toBe(200);
      expect(unknown.body).toBe((await ask(email)).body);
      await smtp.waitForMail(since + 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(smtp.mails.length).toBe(since + 1);
      expect((await get(link)).statusCode).toBe(200);

      const wrong = await ask('not an address');
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('value="not an address"');
      expect(wrong.body).toContain('Enter an email address such as name@example.org.');
      const ip = freshIp();
      for (let i = 0; i < 5; i++) expect((await ask(`x${i}@example.org`, ip)).statusCode).toBe(200);
      expect((await ask('x6@example.org', ip)).statusCode).toBe(429);
    });

    it('exports everything stored under the address, in every folder, and nothing of anyone else', async () => {
      const email = `export-${randomUUID().slice(0, 6)}@example.org`;
      await send({ comment: 'Mine, published.', email, url: 'https://mine.example', notify: 'on' });
      await setSettings(site.storage.db, { mode: 'hold_all' });
      await send({ comment: 'Mine, held.', email });
      await send({ comment: 'Someone else’s.' });
      const link = await dataLink(email);
      const page = await get(link);
      expect(page.body).toContain('We have 2 comments from this email address.');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      const download = await get(`${link}/export.json`);
      expect(download.headers['content-disposition']).toBe('attachment; filename="my-comments.json"');
      expect(download.headers['cache-control']).toBe('no-store');
      const data = download.json();
      expect(data.comments.map((c: { text: string }) => c.text)).toEqual(['Mine, published.', 'Mine, held.']);
      expect(data.comments[0]).toMatchObject({
        status: 'approved',
        email,
        website: 'https://mine.example/',
        repliesByEmail: true,
        article: `Headline ${slug}`,
        articleUrl: `http://127.0.0.1:3000/articles/${slug}`,
        networkHashKept: true,
      });
      expect(download.body).not.toContain('Someone else’s.');
    });

    it('erases everything after a ticked confirmation; replies by others keep their place', async () => {
      const email = `erase-${randomUUID().slice(0, 6)}@example.org`;
      const mine = (await send({ comment: 'Erase me.', email, name: 'Eraser' }, freshIp(), true)).json().id;
      await send({ comment: 'A reply that stays.', parent: String(mine) });
      await send({ comment: 'Erase me too.', email }, freshIp());
      await site.storage.db
        .insertInto('comment_bans')
        .values({
          email_key: emailKey(SECRET, email),
          ip_key: null,
          reason: 'x',
          created_by: null,
          created_at: clock.now.toISOString(),
        })
        .execute();
      expect((await get(`/articles/${slug}`)).body).toContain('Erase me.');
      const link = await dataLink(email);

      const unconfirmed = await site.app.inject({
        method: 'POST',
        url: `${link}/erase`,
        headers: sameOrigin,
        payload: {},
      });
      expect(unconfirmed.statusCode).toBe(400);
      expect(await countApproved(site.storage.db, articleId)).toBe(3);

      const erased = await site.app.inject({
        method: 'POST',
        url: `${link}/erase`,
        headers: { ...sameOrigin, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'confirm=yes',
      });
      expect(erased.statusCode).toBe(200);
      expect(erased.body).toContain(
        'Deleted: 2 comments and everything else stored under your email address.',
      );
      const stored = await kept();
      expect(stored).not.toContain(email);
      expect(stored).not.toContain(emailKey(SECRET, email));
      expect(stored).not.toContain('Erase me');
      const article = (await get(`/articles/${slug}`)).body;
      expect(article).not.toContain('Eraser');
      expect(article).toContain('This comment was removed.');
      expect(article).toContain('A reply that stays.');
      expect((await get(`${link}/export.json`)).json().comments).toEqual([]);
    });

    it('refuses a link that is altered or older than a day', async () => {
      const email = `old-${randomUUID().slice(0, 6)}@example.org`;
      await send({ email });
      const link = await dataLink(email);
      const altered = `${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`;
      expect((await get(altered)).statusCode).toBe(403);
      expect((await get(`${altered}/export.json`)).statusCode).toBe(403);
      clock.advance(24 * 3600 + 1);
      expect((await get(link)).statusCode).toBe(403);
      const erase = await site.app.inject({
        method: 'POST',
        url: `${link}/erase`,
        headers: { ...sameOrigin, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'confirm=yes',
      });
      expect(erase.statusCode).toBe(403);
      expect(await historyOf(site.storage.db, emailKey(SECRET, email))).toEqual({ approved: 1, spam: 0 });
    });
  });

  describe('mail kept in the outbox (no SMTP server)', () => {
    it('is exported with the data, and erased with it; other mail to the address stays', async () => {
      // The comment system alone, mailing into the outbox as a site without SMTP does.
      const deps = commentDeps(site.storage.db, { clock });
      const outbox = outboxMailer(site.storage.db, { from: 'Newsroom <newsroom@example.org>', now: clock });
      const email = `Outboxed-${randomUUID().slice(0, 6)}@example.org`;
      const address = email.toLowerCase();
      const postAs = (fields: Parameters<typeof formValues>[2]) =>
        postComment(deps, {
          slug,
          values: formValues(clock, articleId, fields),
          ip: freshIp(),
          userAgent: 'test',
          referrer: '',
          language: 'en',
        });
      const mine = await postAs({ comment: 'Tell me of replies.', email, notify: true });
      await postAs({ comment: 'A reply for the outbox.', parent: String(mine.id) });
      await mailDataLink(deps, email);
      // Mail from another domain to the same address (a donation receipt, a staff invitation) is not theirs.
      await outbox.send({ to: address, subject: 'Thank you for your donation', text: 'Receipt.' });
      const toThem = () =>
        site.storage.db
          .selectFrom('mail_outbox')
          .select('subject')
          .where('recipient', '=', address)
          .execute();
      expect((await toThem()).length).toBe(3);

      const key = emailKey(SECRET, email);
      const exported = await exportByKey(deps, key);
      expect(exported.mails.map((m) => m.subject)).toEqual([
        'Ada Reader replied to your comment on The Test Gazette',
        'Your comments on The Test Gazette',
      ]);
      expect(exported.mails[0]?.text).toContain('A reply for the outbox.');

      expect(await eraseByKey(deps, key)).toBe(1);
      expect(await toThem()).toEqual([{ subject: 'Thank you for your donation' }]);
      expect((await exportByKey(deps, key)).mails).toEqual([]);

      // With no comments left the address is not stored anywhere: an admin who types it still erases its mail.
      await outbox.send({ to: address, subject: 'Late notice', text: 'x', topic: COMMENTER_MAIL_TOPIC });
      expect((await exportByKey(deps, key, email)).mails.map((m) => m.subject)).toEqual(['Late notice']);
      await eraseByKey(deps, key, email);
      expect(await toThem()).toEqual([{ subject: 'Thank you for your donation' }]);
    });
  });

  describe('an admin', () => {
    it('exports and erases everything under an address in one action; editors may not', async () => {
      const email = `target-${randomUUID().slice(0, 6)}@example.org`;
      await send({ comment: 'For the admin to find.', email });
      await setSettings(site.storage.db, { mode: 'hold_all' });
      await send({ comment: 'Held, also found.', email: email.toUpperCase() });

      expect((await get('/admin/comments/privacy', editor)).statusCode).toBe(403);
      expect(
        (await post(site.app, '/admin/comments/privacy', { email, do: 'export' }, editor)).statusCode,
      ).toBe(403);

      const exported = await post(
        site.app,
        '/admin/comments/privacy',
        { email: ` ${email.toUpperCase()} `, do: 'export' },
        admin,
      );
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-disposition']).toBe('attachment; filename="commenter-data.json"');
      expect(exported.json().comments.map((c: { text: string }) => c.text)).toEqual([
        'For the admin to find.',
        'Held, also found.',
      ]);

      const unconfirmed = await post(site.app, '/admin/comments/privacy', { email, do: 'erase' }, admin);
      expect(unconfirmed.statusCode).toBe(400);
      expect(unconfirmed.body).toContain('Tick the box to confirm');
      expect(await historyOf(site.storage.db, emailKey(SECRET, email))).toEqual({ approved: 1, spam: 0 });
      const wrong = await post(site.app, '/admin/comments/privacy', { email: 'nope', do: 'export' }, admin);
      expect(wrong.statusCode).toBe(400);

      const erased = await post(
        site.app,
        '/admin/comments/privacy',
        { email, do: 'erase', confirm: 'yes' },
        admin,
      );
      expect(erased.statusCode).toBe(200);
      expect(erased.body).toContain('Erased 2 comments and everything else under that address.');
      expect(await kept()).not.toContain(emailKey(SECRET, email));
      expect((await get(`/articles/${slug}`)).body).not.toContain('For the admin to find.');
    });
  });
});
