// The reader's side through the whole app, on both databases: the form as in the reference, posting with
// and without JavaScript, a held comment only its author sees, errors that keep every word, closing,
// threads, order, pages, and the cached article page refreshed when a comment is approved.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import {
  commentFields,
  sendComment,
  setSettings,
  type TestClock,
  testClock,
} from '../../../test/support/comments.js';
import { addArticle } from '../../../test/support/content.js';
import { testDatabases } from '../../../test/support/databases.js';
import { buildApp } from '../../app.js';
import { EVERYTHING } from '../../http/tagged-cache.js';
import { ALL_COMMENTS, commentsTag } from '../cache-tags.js';
import { setThreadClosed } from '../closing-queries.js';
import * as q from '../queries.js';
import type { CommentSettings } from '../settings.js';
import { countApproved } from '../thread-queries.js';
import { COMMENTER_COOKIE } from './commenter-cookie.js';

/** The text a reader reads: tags dropped, entities of the escaping undone, spaces folded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The element with this id, up to the end of its first closing tag: enough for fields and messages. */
function element(html: string, id: string): string {
  const match = new RegExp(
    `<(\\w+)[^>]*\\bid="${id}"[^>]*>[\\s\\S]*?</\\1>|<\\w+[^>]*\\bid="${id}"[^>]*/>`,
  ).exec(html);
  if (!match) throw new Error(`no element #${id}`);
  return match[0];
}

let ipCounter = 0;
const freshIp = () => `198.51.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

describe.each(testDatabases)('the reader’s comments on $name', (database) => {
  let site: TestApp;
  let clock: TestClock;
  let slug: string;
  let articleId: number;

  const send = (
    fields: Record<string, string> = {},
    options: { json?: boolean; ip?: string; shownSecondsAgo?: number } = {},
  ) =>
    sendComment(site.app, slug, commentFields(articleId, fields, clock.now, options.shownSecondsAgo), {
      json: options.json,
      ip: options.ip ?? freshIp(),
    });
  const get = (url: string) => site.app.inject({ url });
  const settings = async (changes: Partial<CommentSettings>) => {
    await setSettings(site.storage.db, changes);
    // As the settings screen does: every page shows comments differently now.
    await site.deps.events.changed([ALL_COMMENTS]);
  };

  beforeAll(async () => {
    clock = testClock('2026-11-21T12:00:00.000Z');
    site = await buildTestApp({ database, clock });
  });
  afterAll(async () => site?.close());
  beforeEach(async () => {
    slug = `story-${randomUUID().slice(0, 8)}`;
    articleId = await addArticle(site.storage.db, {
      slug,
      headline: `The story ${slug}`,
      publishedAt: '2026-11-20T10:00:00.000Z',
    });
    await settings({ mode: 'approve_all' });
  });

  it('shows the form as in the reference, and a count at the top that links to the comments', async () => {
    const empty = (await get(`/articles/${slug}`)).body;
    // The page has other forms (the masthead's search, the newsletter sign-up): this one ends after it starts.
    const start = empty.indexOf('id="respond"');
    const form = empty.slice(start, empty.indexOf('</form>', start));
    expect(textOf(element(form, 'respond-title'))).toBe('Submit a Comment');
    expect(textOf(/<p class="comment-notes">[\s\S]*?<\/p>/.exec(form)![0])).toBe(
      'Your email address will not be published. Required fields are marked *',
    );
    const labels = [...form.matchAll(/<label for="([\w-]+)">([\s\S]*?)<\/label>/g)].map(([, id, label]) => [
      id,
      textOf(label!),
    ]);
    expect(labels).toEqual([
      ['comment-comment', 'Comment *'],
      ['comment-name', 'Name *'],
      ['comment-email', 'Email *'],
      ['comment-url', 'Website'],
      ['comment-hp', 'Leave this field empty'],
      ['comment-notify', 'Email me when someone replies to my comment'],
    ]);
    expect(element(form, 'comment-comment')).toMatch(/<textarea[^>]*name="comment"[^>]*required/);
    expect(element(form, 'comment-email')).toMatch(/type="email"[^>]*required/);
    expect(element(form, 'comment-url')).not.toContain('required');
    expect(form).toMatch(/<button type="submit">Post Comment<\/button>/);
    // Hidden from people: the honeypot's box is aria-hidden and out of the tab order.
    expect(form).toMatch(/<div class="comment-hp" aria-hidden="true">/);
    expect(element(form, 'comment-hp')).toContain('tabindex="-1"');
    expect(empty).toContain('<p class="comment-count"><a href="#respond">No comments yet</a></p>');

    await send();
    await send();
    const page = (await get(`/articles/${slug}`)).body;
    expect(page).toContain('<p class="comment-count"><a href="#comments">2 comments</a></p>');
    expect(page).toMatch(/<section class="comments" id="comments"/);
    // The count comes before the story, the comments after it.
    expect(page.indexOf('comment-count')).toBeLessThan(page.indexOf('article-body'));
    expect(page.indexOf('id="comments"')).toBeGreaterThan(page.indexOf('article-body'));
  });

  describe('without JavaScript', () => {
    it('redirects to the published comment on the article, which shows it', async () => {
      const response = await send({ comment: 'Plain and published.' });
      expect(response.statusCode).toBe(303);
      const id = Number(/#comment-(\d+)$/.exec(response.headers.location as string)?.[1]);
      expect(response.headers.location).toBe(`/articles/${slug}#comment-${id}`);
      const page = (await get(`/articles/${slug}`)).body;
      expect(textOf(element(page, `comment-${id}`))).toContain('Plain and published.');
    });

    it('redirects a held comment to a notice that only its author, holding the link, can open', async () => {
      await settings({ mode: 'hold_all' });
      const response = await send({ comment: 'Waiting in the queue.', name: 'Quiet Quentin' });
      expect(response.statusCode).toBe(303);
      const location = response.headers.location as string;
      expect(location).toMatch(new RegExp(`^/articles/${slug}/comments/held/[\\w.-]+$`));

      const notice = await get(location);
      expect(notice.statusCode).toBe(200);
      expect(notice.headers['cache-control']).toBe('no-store');
      expect(notice.headers['referrer-policy']).toBe('no-referrer');
      expect(textOf(notice.body)).toContain('Your comment is awaiting moderation.');
      expect(textOf(notice.body)).toContain('Waiting in the queue.');

      // Everyone else: not on the article, not on its comment pages, not by guessing or altering the link.
      for (const url of [`/articles/${slug}`, `/articles/${slug}/comments?order=newest`]) {
        expect((await get(url)).body).not.toContain('Waiting in the queue.');
      }
      const token = location.split('/').pop()!;
      const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      expect((await get(`/articles/${slug}/comments/held/${altered}`)).statusCode).toBe(404);
      const id = Number(token.split('.')[0]);
      const other = `story-${randomUUID().slice(0, 8)}`;
      await addArticle(site.storage.db, { slug: other, publishedAt: '2026-11-20T10:00:00.000Z' });
      expect((await get(`/articles/${other}/comments/held/${token}`)).statusCode).toBe(404);
      expect((await get(`/comments/${id}`)).statusCode).toBe(404);

      // Approved, the same link leads to the published comment.
      await site.storage.db
        .updateTable('comments')
        .set({ status: 'approved' })
        .where('id', '=', id)
        .execute();
      const later = await get(location);
      expect(later.statusCode).toBe(303);
      expect(later.headers.location).toBe(`/articles/${slug}#comment-${id}`);
    });
  });

  describe('with JavaScript (the form island’s fetch)', () => {
    it('answers a published comment with its rendered HTML and where it is', async () => {
      const response = await send({ comment: 'In place <b>now</b>.' }, { json: true });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({
        status: 'approved',
        parent: null,
        location: `/articles/${slug}#comment-${body.id}`,
      });
      expect(body.html).toMatch(new RegExp(`^<li class="comment" id="comment-${body.id}">`));
      expect(body.html).toContain('In place &lt;b>now&lt;/b>.');
      expect(Object.keys(body).sort()).toEqual(['html', 'id', 'location', 'parent', 'status']);
    });

    it('answers a held comment with the author’s own link and HTML marked as awaiting moderation', async () => {
      await settings({ mode: 'hold_all' });
      const response = await send({ comment: 'Held, in place.' }, { json: true });
      expect(response.statusCode).toBe(202);
      const body = response.json();
      expect(body.status).toBe('held');
      expect(body.html).toContain('Your comment is awaiting moderation.');
      const again = await site.app.inject({
        url: `/articles/${slug}/comments/held/${body.token}`,
        headers: { accept: 'application/json' },
      });
      expect(again.json()).toMatchObject({ status: 'held', id: body.id, parent: null });
    });

    it('answers a problem with the message for each field, as JSON', async () => {
      const response = await send({ name: '', email: 'not-an-address' }, { json: true });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields).toEqual({
        name: 'Please enter your name.',
        email: 'Enter an email address such as name@example.org.',
      });
    });
  });

  describe('the minimum time to write, on a cached page', () => {
    /** The token the article page carries in its form, as a script (or a reader without JavaScript) sends it. */
    const pageToken = async () => {
      const page = (await get(`/articles/${slug}`)).body;
      return /<input type="hidden" name="t" value="([^"]+)"\/>/.exec(page)![1]!;
    };
    const freshToken = async (of = slug) => {
      const response = await get(`/articles/${of}/comments/form-token`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      return response.json().token as string;
    };
    const reason = async (response: { headers: Record<string, unknown> }) => {
      const rows = await site.storage.db
        .selectFrom('comments')
        .select(['status', 'moderation_reason'])
        .where('article_id', '=', articleId)
        .orderBy('id', 'desc')
        .execute();
      return { ...rows[0], location: response.headers.location };
    };

    it('holds a comment posted at once with the token of a page cached long ago', async () => {
      await settings({ mode: 'approve_all', minSecondsBeforePosting: 5 });
      await get(`/articles/${slug}`);
      clock.advance(9 * 60);
      const token = await pageToken();
      const posted = await send({ comment: 'Posted the moment the page arrived.', t: token });
      expect(posted.statusCode).toBe(303);
      expect(await reason(posted)).toMatchObject({
        status: 'pending',
        moderation_reason: 'posted from the page without its script: the time taken could not be checked',
        location: expect.stringMatching(`^/articles/${slug}/comments/held/`),
      });
      // Without JavaScript a reader sends that token too: one whose comments were approved before is published.
      await site.storage.db
        .updateTable('comments')
        .set({ status: 'approved' })
        .where('article_id', '=', articleId)
        .execute();
      const known = await send({ comment: 'A regular, no script.', email: 'regular@example.org', t: token });
      expect((await reason(known)).status).toBe('pending');
      await site.storage.db
        .updateTable('comments')
        .set({ status: 'approved' })
        .where('article_id', '=', articleId)
        .execute();
      // From the browser that posted the approved comment: its cookie proves the regular is who they say.
      const cookie = known.cookies.find((c) => c.name === COMMENTER_COOKIE)!;
      const again = await sendComment(
        site.app,
        slug,
        commentFields(
          articleId,
          { comment: 'The regular again.', email: 'regular@example.org', t: token },
          clock.now,
        ),
        { ip: freshIp(), headers: { cookie: `${COMMENTER_COOKIE}=${cookie.value}` } },
      );
      expect(again.headers.location).toMatch(new RegExp(`^/articles/${slug}#comment-\\d+$`));
      // The same address from another browser is not the regular.
      const impostor = await send({ comment: 'Not the regular.', email: 'regular@example.org', t: token });
      expect((await reason(impostor)).status).toBe('pending');
    });

    it('takes the time from the token the form island fetches: too fast is spam, after the minimum it is published', async () => {
      await settings({ mode: 'approve_all', minSecondsBeforePosting: 5 });
      const token = await freshToken();
      clock.advance(2);
      const fast = await send({ comment: 'Too quick.', t: token }, { json: true });
      expect(fast.statusCode).toBe(202);
      expect(await reason(fast)).toMatchObject({
        status: 'spam',
        moderation_reason: 'posted 2 s after the form was shown',
      });
      clock.advance(3);
      const posted = await send({ comment: 'Written with care.', t: token }, { json: true });
      expect(posted.statusCode).toBe(201);
      // Six hours on, the same token no longer counts.
      clock.advance(6 * 3600);
      const stale = await send({ comment: 'From a tab left open.', t: token }, { json: true });
      expect(await reason(stale)).toMatchObject({
        status: 'pending',
        moderation_reason: 'posted without a valid form: the time taken could not be checked',
      });
    });

    it('gives fresh tokens for one open, published article only, good for that article alone', async () => {
      await settings({ mode: 'approve_all', minSecondsBeforePosting: 5 });
      const other = `story-${randomUUID().slice(0, 8)}`;
      await addArticle(site.storage.db, { slug: other, publishedAt: '2026-11-20T10:00:00.000Z' });
      const theirs = await freshToken(other);
      clock.advance(60);
      const elsewhere = await send({ comment: 'With another article’s token.', t: theirs });
      expect(await reason(elsewhere)).toMatchObject({
        status: 'pending',
        moderation_reason: 'posted without a valid form: the time taken could not be checked',
      });
      expect((await get('/articles/no-such-story/comments/form-token')).statusCode).toBe(404);
      expect((await get('/comments/form-token')).statusCode).toBe(404);
      await setThreadClosed(site.storage.db, articleId, true, null, clock.now);
      expect((await get(`/articles/${slug}/comments/form-token`)).statusCode).toBe(409);
    });
  });

  describe('nothing typed is lost', () => {
    it('puts each message next to its field and gives back everything typed', async () => {
      const response = await send({
        comment: 'My long considered thought,\nwith a second line & a <tag>.',
        name: '',
        email: 'ada@',
        url: 'javascript:alert(1)',
        notify: 'on',
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['cache-control']).toBe('no-store');
      const html = response.body;
      expect(element(html, 'comment-comment')).toContain(
        '>My long considered thought,\nwith a second line &amp; a &lt;tag>.</textarea>',
      );
      expect(element(html, 'comment-email')).toContain('value="ada@"');
      expect(element(html, 'comment-email')).toContain('aria-invalid="true"');
      expect(element(html, 'comment-url')).toContain('value="javascript:alert(1)"');
      expect(element(html, 'comment-notify')).toContain('checked');
      expect(textOf(element(html, 'comment-name-error'))).toBe('Please enter your name.');
      expect(textOf(element(html, 'comment-email-error'))).toBe(
        'Enter an email address such as name@example.org.',
      );
      expect(textOf(element(html, 'comment-url-error'))).toMatch(/^Enter a web address/);
      expect(element(html, 'comment-comment-error')).toContain('hidden');
      expect(textOf(html)).toContain('Please correct the marked fields; your comment is kept.');
      expect(await countApproved(site.storage.db, articleId)).toBe(0);
    });

    it.each([
      ['http://192.168.1.1/admin', 'an IP address instead of a name'],
      ['http://2130706433/', 'an IP address instead of a name'],
      ['http://0x7f.1/', 'an IP address instead of a name'],
      ['https://[::1]/', 'an IP address instead of a name'],
      ['https://[fd00:ec2::254]/', 'an IP address instead of a name'],
      ['8.8.8.8', 'an IP address instead of a name'],
      ['localhost:3000', 'a name that only works inside a local network'],
      ['http://printer.local/', 'a name that only works inside a local network'],
      ['https://metadata.google.internal/', 'a name that only works inside a local network'],
    ])('refuses the website %s with a message next to the field, keeping the comment', async (url, why) => {
      const response = await send({ comment: 'Kept while the website is fixed.', url });
      expect(response.statusCode).toBe(400);
      expect(textOf(element(response.body, 'comment-url-error'))).toBe(
        `Enter the address of a public website such as https://example.org: this one has ${why}.`,
      );
      expect(element(response.body, 'comment-comment')).toContain(
        '>Kept while the website is fixed.</textarea>',
      );
      expect(element(response.body, 'comment-url')).toContain(`value="${url}"`);
      expect(await countApproved(site.storage.db, articleId)).toBe(0);
    });

    it('keeps the text of a comment refused by the rate limit, and says when to try again', async () => {
      const ip = freshIp();
      const start = clock.now;
      // 20 seconds into the minute the limit counts: 40 seconds to wait.
      clock.now = new Date('2026-11-21T12:10:20.000Z');
      try {
        for (let i = 0; i < 6; i++) expect((await send({}, { ip })).statusCode).toBe(303);
        const refused = await send({ comment: 'The seventh, kept.' }, { ip });
        expect(refused.statusCode).toBe(429);
        expect(refused.headers['retry-after']).toBe('40');
        expect(element(refused.body, 'comment-comment')).toContain('>The seventh, kept.</textarea>');
        expect(textOf(refused.body)).toContain('Your comment is kept; please send it again in 40 seconds');
        clock.advance(15);
        const json = await send({}, { ip, json: true });
        expect(json.statusCode).toBe(429);
        expect(json.headers['retry-after']).toBe('25');
        expect(json.json().error.code).toBe('TOO_MANY_REQUESTS');
        expect(json.json().error.message).toContain('please send it again in 25 seconds');
      } finally {
        clock.now = start;
      }
    });

    it('counts the rate limits of every instance together', async () => {
      // A second instance of the app on the same database, as behind a load balancer.
      const other = await buildApp({ ...site.deps, assets: undefined });
      try {
        const ip = freshIp();
        const fields = () => commentFields(articleId, {}, clock.now);
        for (let i = 0; i < 3; i++) {
          expect((await sendComment(site.app, slug, fields(), { ip })).statusCode).toBe(303);
          expect((await sendComment(other.app, slug, fields(), { ip })).statusCode).toBe(303);
        }
        expect((await sendComment(other.app, slug, fields(), { ip })).statusCode).toBe(429);
        expect((await sendComment(site.app, slug, fields(), { ip })).statusCode).toBe(429);
      } finally {
        await other.app.close();
      }
    });

    it('keeps the text of a comment to a closed article, and of one posted twice', async () => {
      await send({ comment: 'Said once.', email: 'twice@example.org' });
      const twice = await send({ comment: 'Said once.', email: 'twice@example.org' });
      expect(twice.statusCode).toBe(409);
      expect(textOf(element(twice.body, 'comment-comment-error'))).toBe(
        'You have already posted this comment on this article.',
      );
      await setThreadClosed(site.storage.db, articleId, true, null, clock.now);
      const closed = await send({ comment: 'Too late, but kept.' });
      expect(closed.statusCode).toBe(409);
      expect(element(closed.body, 'comment-comment')).toContain('>Too late, but kept.</textarea>');
    });

    it('keeps the text when the server fails, with an apology', async () => {
      const broken = await buildTestApp({ database, clock });
      try {
        const brokenId = await addArticle(broken.storage.db, {
          slug,
          publishedAt: '2026-11-20T10:00:00.000Z',
        });
        // The database loses the table the rate limits count in: every post now fails inside the server.
        await sql`drop table rate_limit_counters`.execute(broken.storage.db);
        const response = await sendComment(
          broken.app,
          slug,
          commentFields(brokenId, { comment: 'Saved by the page.' }, clock.now),
        );
        expect(response.statusCode).toBe(500);
        expect(element(response.body, 'comment-comment')).toContain('>Saved by the page.</textarea>');
        expect(textOf(response.body)).toContain('your comment was not saved. It is below');
      } finally {
        await broken.close();
      }
    });
  });

  it('refuses a post from another site before reading it', async () => {
    const response = await sendComment(site.app, slug, commentFields(articleId, {}, clock.now), {
      headers: { origin: 'https://evil.example' },
    });
    expect(response.statusCode).toBe(403);
    expect(await countApproved(site.storage.db, articleId)).toBe(0);
  });

  describe('closing', () => {
    it('replaces the form with a notice on an article an editor closed', async () => {
      await send({ comment: 'Before closing.' });
      await setThreadClosed(site.storage.db, articleId, true, null, clock.now);
      await site.deps.events.changed([commentsTag(articleId)]);
      const page = (await get(`/articles/${slug}`)).body;
      expect(page).toContain('<p class="comments-closed">Comments are closed for this article.</p>');
      expect(page).not.toContain('id="comment-form"');
      expect(page).not.toContain('class="comment-reply"');
      expect(page).toContain('Before closing.');
      const id = (
        await site.storage.db
          .selectFrom('comments')
          .select('id')
          .where('article_id', '=', articleId)
          .executeTakeFirstOrThrow()
      ).id;
      expect((await get(`/articles/${slug}/comments/reply/${id}`)).statusCode).toBe(404);
    });

    it('closes comments by itself after the set number of days', async () => {
      await settings({ mode: 'approve_all', autoCloseDays: 2 });
      expect((await get(`/articles/${slug}`)).body).toContain('id="comment-form"');
      await settings({ mode: 'approve_all', autoCloseDays: 1 });
      const page = (await get(`/articles/${slug}`)).body;
      expect(page).toContain('Comments are closed for this article.');
      // No comments and closed: no count to show either.
      expect(page).not.toContain('comment-count');
      expect((await send()).statusCode).toBe(409);
    });
  });

  it('threads replies at least three levels deep; Reply opens the form for that thread without JavaScript', async () => {
    const ids: number[] = [];
    for (let depth = 0; depth < 4; depth++) {
      const response = await send(
        { comment: `Level ${depth}.`, parent: ids.length ? String(ids.at(-1)) : '' },
        { json: true },
      );
      ids.push(response.json().id);
    }
    const page = (await get(`/articles/${slug}`)).body;
    const section = element(page, 'comments');
    // Each level sits in the replies list of the one above it.
    const nesting = section.slice(section.indexOf(`id="comment-${ids[0]}"`), section.indexOf('Level 3.'));
    expect(nesting.match(/<ol class="comment-replies">/g)).toHaveLength(3);
    expect(section).toContain(
      `<a class="comment-reply" href="/articles/${slug}/comments/reply/${ids[3]}#respond" data-reply="${ids[3]}"`,
    );

    const replyPage = await get(`/articles/${slug}/comments/reply/${ids[1]}`);
    expect(replyPage.statusCode).toBe(200);
    expect(textOf(element(replyPage.body, 'respond-title'))).toBe('Reply to Ada Reader');
    expect(replyPage.body).toContain(`<input type="hidden" name="parent" value="${ids[1]}"/>`);
    expect(textOf(replyPage.body)).toContain('Level 1.');
    const reply = await send({ comment: 'A reply from the reply page.', parent: String(ids[1]) });
    expect(reply.statusCode).toBe(303);
    const row = await q.selectComment(
      site.storage.db,
      Number(/(\d+)$/.exec(reply.headers.location as string)![1]),
    );
    expect(row).toMatchObject({ parent_id: ids[1], root_id: ids[0], depth: 2 });
  });

  it('shows oldest or newest first, and pages long discussions', async () => {
    await settings({ mode: 'approve_all', perPage: 5 });
    const ids: number[] = [];
    for (let i = 1; i <= 7; i++)
      ids.push((await send({ comment: `Thread ${i}.` }, { json: true })).json().id);
    await send({ comment: 'A reply in thread 1.', parent: String(ids[0]) });
    const order = (html: string) => [...html.matchAll(/Thread (\d)\./g)].map((m) => Number(m[1]));

    const first = (await get(`/articles/${slug}`)).body;
    expect(order(first)).toEqual([1, 2, 3, 4, 5]);
    expect(first).toContain('A reply in thread 1.');
    expect(textOf(first)).toContain('8 comments');
    expect(textOf(first)).toContain('Page 1 of 2');
    expect(first).toContain(`href="/articles/${slug}/comments?page=2#comments"`);
    expect(first).toContain(`href="/articles/${slug}/comments?order=newest#comments"`);

    const second = await get(`/articles/${slug}/comments?page=2`);
    expect(second.statusCode).toBe(200);
    expect(order(second.body)).toEqual([6, 7]);
    expect(second.body).toContain(`<link rel="canonical" href="http://127.0.0.1:3000/articles/${slug}"/>`);
    const newest = (await get(`/articles/${slug}/comments?order=newest`)).body;
    expect(order(newest)).toEqual([7, 6, 5, 4, 3]);

    const permalink = await get(`/comments/${ids[6]}`);
    expect(permalink.headers.location).toBe(`/articles/${slug}/comments?page=2#comment-${ids[6]}`);
    const defaultPage = await get(`/articles/${slug}/comments?page=1`);
    expect(defaultPage.statusCode).toBe(301);
    expect((await get(`/articles/${slug}/comments?page=3`)).statusCode).toBe(404);
    expect((await get(`/articles/${slug}/comments?page=2&order=sideways`)).statusCode).toBe(400);
  });

  it('refreshes the cached article page (and its comments fragment) when a comment is published', async () => {
    const before = await get(`/articles/${slug}`);
    expect((await get(`/articles/${slug}`)).headers.etag).toBe(before.headers.etag);
    await send({ comment: 'Published: the page shows it at once.' });
    const after = await get(`/articles/${slug}`);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body).toContain('Published: the page shows it at once.');
    expect(after.body).toContain('<a href="#comments">1 comment</a>');
    // Another instance drops its copies on the same message; a page rendered anew shows the comment too.
    site.pageCache.invalidate([EVERYTHING]);
    expect((await get(`/articles/${slug}`)).body).toContain('Published: the page shows it at once.');
  });

  it('keeps the cached article page as it is when a comment is held', async () => {
    await settings({ mode: 'hold_all' });
    const cached = await get(`/articles/${slug}`);
    await send({ comment: 'Held: the page stays as it is.' });
    const after = await get(`/articles/${slug}`);
    expect(after.headers.etag).toBe(cached.headers.etag);
    expect(after.body).not.toContain('Held: the page stays as it is.');
  });
});
