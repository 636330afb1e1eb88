// The moderation screens through the whole app, on both databases, signed in as staff: who may moderate,
// the queue with its context and history, each action alone and in bulk, edit, reply as staff, ban,
// closing an article's comments, and the settings form.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, sameOrigin, type TestApp } from '../../../test/support/app.js';
import { commentFields, sendComment, setSettings, testClock } from '../../../test/support/comments.js';
import { addArticle } from '../../../test/support/content.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff, type Browserish, follow, post, signInAs } from '../../../test/support/newsroom.js';
import { formatStaffTime } from '../../views/staff-time.js';
import { emailKey } from '../identity.js';
import * as q from '../queries.js';
import { countApproved } from '../thread-queries.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';
// What the names of the spam checker tests resolve to: one public service, and names that lead inside.
const NAMES: Record<string, string[]> = {
  'rest.akismet.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'loopback.example': ['127.0.0.1'],
  'private.example': ['10.1.2.3'],
  'metadata.example': ['169.254.169.254'],
  'v6-loopback.example': ['::1'],
  'v6-metadata.example': ['fd00:ec2::254'],
  'cgnat.example': ['100.64.0.9'],
  'mixed.example': ['93.184.215.14', '192.168.1.1'],
};
let ipCounter = 0;
const freshIp = () => `192.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

describe.each(testDatabases)('moderating comments on $name', (database) => {
  let site: TestApp;
  let editor: Browserish;
  let admin: Browserish;
  let contributor: Browserish;
  let slug: string;
  let articleId: number;
  const clock = testClock('2026-11-21T12:00:00.000Z');

  /** Posts a comment as a reader; returns its id (held unless the settings approve it). */
  async function comment(fields: Record<string, string> = {}): Promise<number> {
    const response = await sendComment(site.app, slug, commentFields(articleId, fields, clock.now), {
      json: true,
      ip: freshIp(),
    });
    if (response.statusCode >= 300) throw new Error(`posting failed: ${response.body}`);
    return response.json().id;
  }
  const status = async (id: number) => (await q.selectComment(site.storage.db, id))?.status;
  const page = (url: string, who: Browserish | null = editor) =>
    site.app.inject({ url, headers: who ? { cookie: who.cookie } : {} });
  /** The bulk form as a browser sends it: repeated `ids` fields. */
  const bulk = (action: string, ids: number[], who = editor) =>
    site.app.inject({
      method: 'POST',
      url: '/admin/comments/bulk',
      headers: { ...sameOrigin, cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: [
        `_csrf=${encodeURIComponent(who.csrf)}`,
        `action=${action}`,
        'back=/admin/comments?status=pending',
        ...ids.map((id) => `ids=${id}`),
      ].join('&'),
    });
  const one = (action: string, id: number, who = editor) =>
    post(site.app, '/admin/comments/bulk', { one: `${action}:${id}`, back: `/admin/comments/${id}` }, who);

  beforeAll(async () => {
    site = await buildTestApp({ database, clock, resolveHost: async (host) => NAMES[host] ?? [] });
    const staff = await addStaff(site.storage.db, 'editor', { name: 'Eddie Editor' });
    admin = await signInAs(site.app, (await addStaff(site.storage.db, 'admin', { name: 'Ada Admin' })).email);
    const writer = await addStaff(site.storage.db, 'contributor');
    editor = await signInAs(site.app, staff.email);
    contributor = await signInAs(site.app, writer.email);
  });
  afterAll(async () => site?.close());
  beforeEach(async () => {
    slug = `story-${randomUUID().slice(0, 8)}`;
    articleId = await addArticle(site.storage.db, {
      slug,
      headline: `Headline ${slug}`,
      publishedAt: '2026-11-20T10:00:00.000Z',
    });
    await setSettings(site.storage.db, { mode: 'hold_all' });
  });

  it('lets only editors and admins in', async () => {
    const id = await comment({ comment: 'Only for moderators.' });
    const anonymous = await page('/admin/comments', null);
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toMatch(/^\/admin\/sign-in/);
    expect((await page('/admin/comments', contributor)).statusCode).toBe(403);
    expect((await one('approve', id, contributor)).statusCode).toBe(403);
    expect(await status(id)).toBe('pending');
    const noToken = await post(
      site.app,
      '/admin/comments/bulk',
      { one: `approve:${id}` },
      { cookie: editor.cookie },
    );
    expect(noToken.statusCode).toBe(403);
    expect(await status(id)).toBe('pending');
  });

  it('shows each held comment with its article, the comment it answers, the reason and the commenter’s history', async () => {
    const email = `history-${randomUUID().slice(0, 6)}@example.org`;
    const earlier = [
      await comment({ email, comment: 'First of three.' }),
      await comment({ email, comment: 'Second of three.' }),
      await comment({ email, comment: 'Third of three, spam.' }),
    ];
    clock.advance(61); // past the per-address limit of three a minute
    await one('approve', earlier[0]!);
    await one('approve', earlier[1]!);
    await one('spam', earlier[2]!);
    const held = await comment({
      email,
      comment: 'Now a reply.',
      name: 'Hester History',
      parent: String(earlier[0]),
    });

    const queue = await page('/admin/comments');
    expect(queue.statusCode).toBe(200);
    const item = /<li class="mod-item" id="c-(\d+)"[\s\S]*?<\/li>/g;
    const mine = [...queue.body.matchAll(item)].find((m) => Number(m[1]) === held)![0];
    expect(mine).toContain(`<a href="/articles/${slug}">Headline ${slug}</a>`);
    expect(mine).toMatch(/in reply to <strong>Ada Reader<\/strong>: “First of three\.”/);
    expect(mine).toContain('History: 2 approved, 1 spam');
    expect(mine).toContain('Held: every comment is held');
    expect(mine).toContain('h•••@example.org');
    expect(mine).not.toContain(email);
    // One button per action with its keyboard shortcut, and a box for bulk actions.
    expect(mine).toContain(`<button type="submit" name="one" value="approve:${held}" data-key="a"`);
    expect(mine).toContain(`value="spam:${held}" data-key="s"`);
    expect(mine).toContain(`value="trash:${held}" data-key="d"`);
    expect(mine).toContain(`<input type="checkbox" name="ids" value="${held}" class="mod-check"`);
    // The prebuilt moderation script, under the one path every built asset is served from.
    expect(queue.body).toMatch(/<script type="module" src="\/assets\/moderation\.\w+\.js"><\/script>/);
    const tabs = /<nav class="mod-tabs"[\s\S]*?<\/nav>/.exec(queue.body)![0];
    expect(
      [...tabs.matchAll(/>(Pending|Approved|Spam|Trash) <span class="badge">(\d+)</g)].map((m) => m[1]),
    ).toEqual(['Pending', 'Approved', 'Spam', 'Trash']);
    expect((await page('/admin/comments?status=spam')).body).toContain('Third of three, spam.');

    // One comment with its whole conversation, every status shown.
    const detail = await page(`/admin/comments/${held}`);
    expect(detail.body).toContain('<h2>The conversation</h2>');
    expect(detail.body).toContain('First of three.');
    expect(detail.body).toContain('Now a reply.');
  });

  it('approves, unapproves, sends to spam and to trash, one at a time, and the article follows', async () => {
    const id = await comment({ comment: 'Judge me.' });
    const response = await one('approve', id);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/comments/${id}`);
    expect((await follow(site.app, response, editor)).body).toContain('1 comment approved.');
    expect(await status(id)).toBe('approved');
    expect((await page(`/articles/${slug}`, null)).body).toContain('Judge me.');
    await one('unapprove', id);
    expect(await status(id)).toBe('pending');
    expect((await page(`/articles/${slug}`, null)).body).not.toContain('Judge me.');
    await one('spam', id);
    expect(await status(id)).toBe('spam');
    await one('trash', id);
    expect(await status(id)).toBe('trash');
    await one('approve', id);
    expect(await status(id)).toBe('approved');
    expect((await one('publish', id)).statusCode).toBe(400);
  });

  it('acts on many comments at once', async () => {
    const ids = [await comment(), await comment(), await comment()];
    const response = await bulk('spam', ids.slice(0, 2));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/comments?status=pending');
    expect(await Promise.all(ids.map(status))).toEqual(['spam', 'spam', 'pending']);
    await bulk('approve', ids);
    expect(await Promise.all(ids.map(status))).toEqual(['approved', 'approved', 'approved']);
    expect((await bulk('trash', [])).statusCode).toBe(400);
    expect(await countApproved(site.storage.db, articleId)).toBe(3);
  });

  it('edits a comment; a wrong field keeps what the editor typed', async () => {
    const id = await comment({ comment: 'Typo hre.' });
    await one('approve', id);
    await page(`/articles/${slug}`, null);
    const saved = await post(
      site.app,
      `/admin/comments/${id}/edit`,
      { body: 'Typo here.', name: 'Ada R.', url: 'https://ada.example' },
      editor,
    );
    expect(saved.statusCode).toBe(303);
    const row = await q.selectComment(site.storage.db, id);
    expect(row).toMatchObject({
      body: 'Typo here.',
      author_name: 'Ada R.',
      author_url: 'https://ada.example/',
    });
    expect(row?.edited_at).toBe(clock.now.toISOString());
    const article = (await page(`/articles/${slug}`, null)).body;
    expect(article).toContain('Typo here.');
    expect(article).toContain('<span class="comment-edited">edited</span>');

    const wrong = await post(
      site.app,
      `/admin/comments/${id}/edit`,
      { body: 'Kept as typed.', name: '', url: 'javascript:alert(1)' },
      editor,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Kept as typed.');
    expect(wrong.body).toContain('The name cannot be empty.');
    expect((await q.selectComment(site.storage.db, id))?.body).toBe('Typo here.');
  });

  it('replies as staff: published at once, marked Staff, and the held comment it answers is approved', async () => {
    const id = await comment({ comment: 'Is this true?' });
    const response = await post(
      site.app,
      `/admin/comments/${id}/reply`,
      { reply: 'Yes, we checked.' },
      editor,
    );
    expect(response.statusCode).toBe(303);
    const replyId = Number(/(\d+)$/.exec(response.headers.location as string)![1]);
    expect(await status(id)).toBe('approved');
    expect(await q.selectComment(site.storage.db, replyId)).toMatchObject({
      status: 'approved',
      parent_id: id,
      author_name: 'Eddie Editor',
      ip_key: null,
    });
    const article = (await page(`/articles/${slug}`, null)).body;
    expect(article).toContain('Yes, we checked.');
    expect(article).toMatch(/Eddie Editor<\/span><span class="comment-staff">Staff<\/span>/);
    const empty = await post(site.app, `/admin/comments/${id}/reply`, { reply: '   ' }, editor);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write your reply first.');
  });

  it('bans a commenter: their held comments go to spam, their next comment is refused, and the ban can be lifted', async () => {
    const email = `troll-${randomUUID().slice(0, 6)}@example.org`;
    const first = await comment({ email, comment: 'Troll one.' });
    const second = await comment({ email, comment: 'Troll two.' });
    const response = await post(site.app, `/admin/comments/${first}/ban`, { reason: 'abuse' }, editor);
    expect(response.statusCode).toBe(303);
    expect((await follow(site.app, response, editor)).body).toContain('2 held comments moved to spam');
    expect([await status(first), await status(second)]).toEqual(['spam', 'spam']);
    const refused = await sendComment(
      site.app,
      slug,
      commentFields(articleId, { email, comment: 'Troll three.' }, clock.now),
      {
        ip: freshIp(),
      },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Comments from this address are not accepted.');

    const settings = await page('/admin/comments/settings');
    expect(settings.body).toContain('t•••@example.org');
    expect(settings.body).not.toContain(email);
    const ban = await site.storage.db
      .selectFrom('comment_bans')
      .select('id')
      .where('email_key', '=', emailKey(SECRET, email))
      .executeTakeFirstOrThrow();
    expect((await post(site.app, `/admin/comments/bans/${ban.id}/lift`, {}, editor)).statusCode).toBe(303);
    clock.advance(61); // past the per-address limit of three a minute
    const again = await sendComment(site.app, slug, commentFields(articleId, { email }, clock.now), {
      ip: freshIp(),
    });
    expect(again.statusCode).toBe(303);
  });

  it('closes and reopens the comments of one article', async () => {
    const close = await post(
      site.app,
      `/admin/comments/articles/${articleId}/closed`,
      { closed: '1', back: '/admin/comments/articles' },
      editor,
    );
    expect(close.statusCode).toBe(303);
    expect((await page(`/articles/${slug}`, null)).body).toContain('Comments are closed for this article.');
    const list = await page('/admin/comments/articles');
    expect(list.body).toContain(`Headline ${slug}`);
    await post(site.app, `/admin/comments/articles/${articleId}/closed`, { closed: '0' }, editor);
    expect((await page(`/articles/${slug}`, null)).body).toContain('id="comment-form"');
    expect(
      (await post(site.app, '/admin/comments/articles/999999/closed', { closed: '1' }, editor)).statusCode,
    ).toBe(404);
  });

  it('finds any published article by its headline, a page at a time, to close it by hand', async () => {
    const tag = `t${randomUUID().slice(0, 8)}`;
    // An old story, with 55 newer ones on top of it: more than one page.
    const oldSlug = `ferry-${tag}`;
    const oldId = await addArticle(site.storage.db, {
      slug: oldSlug,
      headline: `The Harbour Ferry returns ${tag}`,
      publishedAt: '2019-03-01T10:00:00.000Z',
    });
    for (let i = 0; i < 55; i++)
      await addArticle(site.storage.db, {
        slug: `newer-${tag}-${i}`,
        headline: `Newer story ${i} ${tag}`,
        publishedAt: `2026-11-20T${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000Z`,
      });
    const rows = (html: string) =>
      [...html.matchAll(/<th scope="row"><a href="\/articles\/([\w-]+)">/g)].map((m) => m[1]);

    const first = (await page('/admin/comments/articles')).body;
    expect(rows(first)).toHaveLength(50);
    expect(first).not.toContain(oldSlug);
    expect(first).toContain('Next →');

    // Words in any case and order, each somewhere in the headline.
    const found = await page(
      `/admin/comments/articles?q=${encodeURIComponent(`${tag.toUpperCase()}  ferry`)}`,
    );
    expect(found.statusCode).toBe(200);
    expect(rows(found.body)).toEqual([oldSlug]);
    expect(found.body).toContain(`value="${tag.toUpperCase()} ferry"`);
    expect(found.body).toContain('1 published article with');
    const back = `/admin/comments/articles?q=${encodeURIComponent(`${tag.toUpperCase()} ferry`).replace(/%20/g, '+')}`;
    expect(found.body).toContain(`<input type="hidden" name="back" value="${back}"/>`);
    const closed = await post(
      site.app,
      `/admin/comments/articles/${oldId}/closed`,
      { closed: '1', back },
      editor,
    );
    expect(closed.statusCode).toBe(303);
    expect(closed.headers.location).toBe(back);
    expect((await page(`/articles/${oldSlug}`, null)).body).toContain(
      'Comments are closed for this article.',
    );
    expect((await page(back)).body).toMatch(/Closed <button type="submit" class="secondary">Open<\/button>/);

    // 56 match the tag: two pages, newest first, the search kept from one to the next.
    const one = (await page(`/admin/comments/articles?q=${tag}`)).body;
    expect(one).toContain('Page 1 of 2');
    expect(rows(one)[0]).toBe(`newer-${tag}-54`);
    expect(one).toContain(`href="/admin/comments/articles?q=${tag}&amp;page=2"`);
    const two = (await page(`/admin/comments/articles?q=${tag}&page=2`)).body;
    expect(rows(two)).toEqual([...[4, 3, 2, 1, 0].map((i) => `newer-${tag}-${i}`), oldSlug]);
    expect(two).toContain('Page 2 of 2');
    expect(rows((await page(`/admin/comments/articles?q=${tag}&page=9`)).body)).toEqual(rows(two));
    expect((await page('/admin/comments/articles?page=zero')).statusCode).toBe(400);
    // LIKE's wildcards are searched for as themselves.
    expect(rows((await page(`/admin/comments/articles?q=${encodeURIComponent(`${tag} %`)}`)).body)).toEqual(
      [],
    );
    expect(rows((await page(`/admin/comments/articles?q=${tag}_`)).body)).toEqual([]);
    expect((await page('/admin/comments/articles', contributor)).statusCode).toBe(403);
  });

  describe('settings', () => {
    const storedSettings = async () =>
      JSON.parse(
        (
          await site.storage.db
            .selectFrom('site_settings')
            .select('value')
            .where('key', '=', 'comments')
            .executeTakeFirstOrThrow()
        ).value,
      );
    const valid = {
      mode: 'first_time',
      blockList: 'scamcoin\nspam.example',
      holdList: 'lawsuit',
      linkLimit: '1',
      autoCloseDays: '30',
      ipRetentionDays: '14',
      minSecondsBeforePosting: '4',
      perPage: '20',
      order: 'newest',
      akismetUrl: '',
      akismetKey: '',
    };

    it('saves valid settings, which then apply to new comments', async () => {
      const response = await post(site.app, '/admin/comments/settings', valid, editor);
      expect(response.statusCode).toBe(303);
      const stored = await site.storage.db
        .selectFrom('site_settings')
        .select('value')
        .where('key', '=', 'comments')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(stored.value)).toMatchObject({
        mode: 'first_time',
        blockList: ['scamcoin', 'spam.example'],
        holdList: ['lawsuit'],
        linkLimit: 1,
        order: 'newest',
      });
      const refused = await sendComment(
        site.app,
        slug,
        commentFields(articleId, { comment: 'Buy scamcoin' }, clock.now),
        {
          ip: freshIp(),
        },
      );
      expect(refused.statusCode).toBe(400);
    });

    it('refuses wrong values, keeping what was typed, and never sends the checker’s key back', async () => {
      const wrong = await post(
        site.app,
        '/admin/comments/settings',
        { ...valid, linkLimit: 'lots', mode: 'maybe' },
        editor,
      );
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('value="lots"');
      const noKey = await post(
        site.app,
        '/admin/comments/settings',
        { ...valid, akismetUrl: 'https://rest.akismet.example' },
        admin,
      );
      expect(noKey.statusCode).toBe(400);
      expect(noKey.body).toContain('the checker needs both its address and its key');

      const key = `secret-key-${randomUUID()}`;
      const saved = await post(
        site.app,
        '/admin/comments/settings',
        { ...valid, akismetUrl: 'https://rest.akismet.example', akismetKey: key },
        admin,
      );
      expect(saved.statusCode).toBe(303);
      const form = await page('/admin/comments/settings', admin);
      expect(form.body).toContain('A key is stored; leave empty to keep it.');
      expect(form.body).not.toContain(key);
      // Saving again without typing the key keeps it.
      await post(
        site.app,
        '/admin/comments/settings',
        { ...valid, akismetUrl: 'https://rest.akismet.example' },
        admin,
      );
      expect((await storedSettings()).akismetKey).toBe(key);
    });

    describe('the spam checker, which is sent every commenter’s email and IP address', () => {
      const checker = { akismetUrl: 'https://rest.akismet.example', akismetKey: 'k-123' };
      const save = (fields: Record<string, string>, who: Browserish) =>
        post(site.app, '/admin/comments/settings', { ...valid, ...fields }, who);
      const fieldError = (html: string) => /id="f-akismetUrl-error">([^<]*)</.exec(html)?.[1];

      it('may be changed by an admin only, and says who changed it and when', async () => {
        await setSettings(site.storage.db, {});
        const refused = await save(checker, editor);
        expect(refused.statusCode).toBe(403);
        expect(refused.body).toContain('Only an admin may change the spam checker');
        expect((await storedSettings()).akismetUrl).toBe('');

        const allowed = await save(checker, admin);
        expect(allowed.statusCode).toBe(303);
        expect(await storedSettings()).toMatchObject({
          ...checker,
          checkerChange: { name: 'Ada Admin', at: clock.now.toISOString() },
        });
        const shown = (await page('/admin/comments/settings', editor)).body;
        // In the site's zone (UTC by default), named.
        expect(shown).toContain(
          `The spam checker was last changed by Ada Admin on <time datetime="${clock.now.toISOString()}">${formatStaffTime(clock.now, { timeZone: 'UTC' })}</time>.`,
        );
        // An editor's form has no checker fields; saving the rest keeps the checker as it was.
        expect(shown).not.toContain('name="akismetUrl"');
        expect(shown).toContain('Only an admin can change the spam checker.');
        const { akismetUrl: _url, akismetKey: _key, ...withoutChecker } = valid;
        const rest = await post(
          site.app,
          '/admin/comments/settings',
          { ...withoutChecker, linkLimit: '7' },
          editor,
        );
        expect(rest.statusCode).toBe(303);
        expect(await storedSettings()).toMatchObject({ ...checker, linkLimit: 7 });
        // Nor may an editor clear it by sending the fields empty.
        expect((await save({ akismetUrl: '', akismetKey: '' }, editor)).statusCode).toBe(403);
      });

      it.each([
        ['http://rest.akismet.example', 'must start with https://'],
        ['https://loopback.example', 'loopback.example leads to 127.0.0.1, a loopback address'],
        ['https://private.example', 'private.example leads to 10.1.2.3, a private network address'],
        ['https://metadata.example', 'leads to 169.254.169.254, the cloud metadata service'],
        ['https://v6-loopback.example', 'leads to ::1, a loopback address'],
        ['https://v6-metadata.example', 'leads to fd00:ec2::254, the cloud metadata service'],
        ['https://cgnat.example', 'leads to 100.64.0.9, a shared (carrier-grade NAT) address'],
        ['https://mixed.example', 'leads to 192.168.1.1, a private network address'],
        ['https://169.254.169.254', '169.254.169.254 is the cloud metadata service'],
        ['https://[fd00:ec2::254]', 'fd00:ec2::254 is the cloud metadata service'],
        ['https://nowhere.example', 'nowhere.example could not be found'],
        ['https://localhost', 'localhost is a name that only works inside a local network'],
      ])('refuses %s, saying why, and keeps what was typed', async (url, message) => {
        await setSettings(site.storage.db, {});
        const refused = await save({ akismetUrl: url, akismetKey: 'k-123' }, admin);
        expect(refused.statusCode).toBe(400);
        expect(fieldError(refused.body)).toContain(message);
        expect(refused.body).toContain(`value="${url}"`);
        expect((await storedSettings()).akismetUrl).toBe('');
      });
    });

    it('is for editors and admins only', async () => {
      expect((await page('/admin/comments/settings', contributor)).statusCode).toBe(403);
      expect((await post(site.app, '/admin/comments/settings', valid, contributor)).statusCode).toBe(403);
    });
  });
});
