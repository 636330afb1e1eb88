// Mail about comments, read from a real SMTP server on both databases: one digest per moderator and author
// (never a mail per comment), reply notices to commenters who asked, and one-click unsubscribe links that
// work without signing in and cannot be forged or used for another purpose.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { commentFields, SECRET, sendComment, setSettings, testClock } from '../../test/support/comments.js';
import { addArticle, addAuthor } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import {
  addStaff,
  post as formPost,
  type ReceivedMail,
  signInAs,
  startSmtpServer,
} from '../../test/support/newsroom.js';
import { type Mailer, smtpMailer } from '../mail/mailer.js';
import { emailKey } from './identity.js';
import { commentJobs } from './jobs.js';
import * as q from './queries.js';
import { signDigestUnsubscribe, signReplyUnsubscribe } from './tokens.js';

let ipCounter = 0;
const freshIp = () => `100.64.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

/** A header of a raw mail, with folded lines joined. */
function header(mail: ReceivedMail, name: string): string | undefined {
  const head = mail.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1];
}

function unsubscribeLink(mail: ReceivedMail, kind: 'replies' | 'digest'): string {
  const match = new RegExp(`https?://\\S+/comments/unsubscribe/${kind}/[\\w.-]+`).exec(mail.text);
  if (!match) throw new Error(`no ${kind} unsubscribe link in: ${mail.text}`);
  return new URL(match[0]).pathname;
}

describe.each(testDatabases)('comment mail on $name', (database) => {
  let site: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const clock = testClock('2026-11-21T12:00:00.000Z');
  let jobs: ReturnType<typeof commentJobs>;
  let people: Record<'editor' | 'admin' | 'writer' | 'other', { id: number; email: string }>;
  let authorId: number;
  /** The real SMTP server behind a switch: down for everyone, or failing for some addresses. */
  let mailer: Mailer & { down: boolean; failFor: Map<string, Error> };

  const articleIds = new Map<string, number>();
  const post = async (slug: string, fields: Record<string, string>) => {
    const response = await sendComment(
      site.app,
      slug,
      commentFields(articleIds.get(slug)!, fields, clock.now),
      {
        json: true,
        ip: freshIp(),
      },
    );
    if (response.statusCode >= 300) throw new Error(`posting failed: ${response.body}`);
    return response.json().id as number;
  };
  const newArticle = async (authorIds: number[] = []) => {
    const slug = `story-${randomUUID().slice(0, 8)}`;
    const id = await addArticle(site.storage.db, {
      slug,
      headline: `Headline ${slug}`,
      publishedAt: '2026-11-20T10:00:00.000Z',
      authorIds,
    });
    articleIds.set(slug, id);
    return slug;
  };
  const mailsTo = (email: string, since: number) =>
    smtp.mails.slice(since).filter((m) => m.to.includes(email));
  /** Waits until the server has every mail sent so far; a mail that should not exist would show up here. */
  const settle = async () => new Promise((r) => setTimeout(r, 100));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const real = smtpMailer({ url: smtp.url, from: 'Newsroom <newsroom@example.org>' });
    mailer = {
      kind: 'smtp',
      async send(message) {
        if (mailer.down) throw new Error('the SMTP server is down');
        const failure = mailer.failFor.get(message.to);
        if (failure) throw failure;
        await real.send(message);
      },
      down: false,
      failFor: new Map(),
    };
    site = await buildTestApp({ database, clock, mailer });
    authorId = await addAuthor(site.storage.db, `writer-${randomUUID().slice(0, 6)}`, 'Wanda Writer');
    const [editor, admin, writer, other] = await Promise.all([
      addStaff(site.storage.db, 'editor'),
      addStaff(site.storage.db, 'admin'),
      addStaff(site.storage.db, 'contributor'),
      addStaff(site.storage.db, 'contributor'),
    ]);
    await site.storage.db
      .updateTable('staff')
      .set({ author_id: authorId })
      .where('id', '=', writer.id)
      .execute();
    people = { editor: editor!, admin: admin!, writer: writer!, other: other! };
    jobs = commentJobs({
      db: site.storage.db,
      mailer,
      secret: SECRET,
      publicUrl: 'http://127.0.0.1:3000',
      clock,
      siteName: async () => 'The Test Gazette',
    });
  });
  afterAll(async () => {
    await site?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    await setSettings(site.storage.db, { mode: 'hold_all' });
    await jobs.runOnce(); // starts each test with nothing left to tell
  });

  describe('the moderation digest', () => {
    it('sends each moderator one mail listing every held comment, and each author those on their articles', async () => {
      const theirs = await newArticle([authorId]);
      const another = await newArticle();
      const held = [
        await post(theirs, { comment: 'First held remark.', email: 'private.one@example.org' }),
        await post(theirs, { comment: 'Second held remark.' }),
        await post(theirs, { comment: 'Third held remark.' }),
        await post(another, { comment: 'Held elsewhere.' }),
      ];
      const since = smtp.mails.length;
      expect((await jobs.runOnce()).digests).toBe(3);
      await smtp.waitForMail(since + 3);
      await settle();
      expect(smtp.mails.length).toBe(since + 3);

      for (const moderator of [people.editor, people.admin]) {
        const [mail] = mailsTo(moderator.email, since);
        expect(mail?.text).toContain('4 comments are waiting for moderation');
        for (const id of held) expect(mail?.text).toContain(`http://127.0.0.1:3000/admin/comments/${id}`);
        expect(mail?.text).toContain('The moderation queue: http://127.0.0.1:3000/admin/comments');
        expect(header(mail!, 'Subject')).toBe('4 comments are waiting for moderation on The Test Gazette');
        expect(mail?.raw).not.toContain('private.one@example.org');
      }
      const [writerMail] = mailsTo(people.writer.email, since);
      expect(writerMail?.text).toContain('3 comments are waiting for moderation on your articles');
      expect(writerMail?.text).not.toContain('Held elsewhere.');
      expect(writerMail?.text).not.toContain('/admin/comments/');
      expect(mailsTo(people.other.email, since)).toEqual([]);

      // Told once: the next run has nothing to say, until another comment waits.
      expect((await jobs.runOnce()).digests).toBe(0);
      await post(another, { comment: 'A latecomer.' });
      expect((await jobs.runOnce()).digests).toBe(2);
      const [late] = mailsTo(people.editor.email, since + 3);
      expect(late?.text).toContain('One comment is waiting for moderation');
      expect(late?.text).toContain('A latecomer.');
      expect(late?.text).not.toContain('First held remark.');
    });

    it('stops with one click from the mail, without signing in', async () => {
      const slug = await newArticle();
      await post(slug, { comment: 'Wake the editors.' });
      const since = smtp.mails.length;
      await jobs.runOnce();
      await smtp.waitForMail(since + 2);
      const mail = mailsTo(people.editor.email, since)[0]!;
      const link = unsubscribeLink(mail, 'digest');
      expect(header(mail, 'List-Unsubscribe')).toBe(`<http://127.0.0.1:3000${link}>`);
      expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

      // Mail clients POST the link themselves (RFC 8058): no Origin, no cookie, no session.
      const response = await site.app.inject({
        method: 'POST',
        url: link,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(
        'you will no longer receive the digest of comments waiting for moderation',
      );

      await post(slug, { comment: 'Wake the editors again.' });
      const next = smtp.mails.length;
      expect((await jobs.runOnce()).digests).toBe(1);
      await smtp.waitForMail(next + 1);
      expect(mailsTo(people.editor.email, next)).toEqual([]);
      expect(mailsTo(people.admin.email, next)).toHaveLength(1);
    });

    describe('when a mail fails', () => {
      beforeEach(async () => {
        // The test above unsubscribed the editor.
        await site.storage.db.deleteFrom('comment_digest_optouts').execute();
      });
      afterEach(() => mailer.failFor.clear());

      it('still sends the others theirs, and the failed one on the next run', async () => {
        const slug = await newArticle();
        const held = await post(slug, { comment: 'Held while a mailbox was unreachable.' });
        const since = smtp.mails.length;
        mailer.failFor.set(people.editor.email, new Error('connection reset by the mail server'));
        await expect(jobs.runOnce()).rejects.toThrow(
          `the moderation digest could not be sent to staff ${people.editor.id} (to be tried again next run): connection reset by the mail server`,
        );
        await smtp.waitForMail(since + 1);
        await settle();
        expect(mailsTo(people.admin.email, since)[0]?.text).toContain(
          'Held while a mailbox was unreachable.',
        );
        expect(mailsTo(people.editor.email, since)).toEqual([]);

        mailer.failFor.clear();
        const next = smtp.mails.length;
        // Everyone it concerns hears of it again: the admin reads it twice rather than the editor never.
        expect((await jobs.runOnce()).digests).toBe(2);
        await smtp.waitForMail(next + 2);
        expect(mailsTo(people.editor.email, next)[0]?.text).toContain(`/admin/comments/${held}`);
        expect((await jobs.runOnce()).digests).toBe(0);
      });

      it('gives all of them back when the mail server is down for everyone', async () => {
        const slug = await newArticle();
        await post(slug, { comment: 'Held while the mail was down.' });
        mailer.down = true;
        try {
          await expect(jobs.runOnce()).rejects.toThrow('the SMTP server is down');
        } finally {
          mailer.down = false;
        }
        const since = smtp.mails.length;
        expect((await jobs.runOnce()).digests).toBe(2);
        await smtp.waitForMail(since + 2);
        for (const moderator of [people.editor, people.admin])
          expect(mailsTo(moderator.email, since)[0]?.text).toContain('Held while the mail was down.');
      });

      it('does not retry an address the server refuses for good, which would repeat everyone else’s', async () => {
        const slug = await newArticle();
        await post(slug, { comment: 'Held for a moderator with a dead address.' });
        const since = smtp.mails.length;
        mailer.failFor.set(
          people.editor.email,
          Object.assign(new Error('550 5.1.1 no such mailbox'), { responseCode: 550 }),
        );
        await expect(jobs.runOnce()).rejects.toThrow(
          `the moderation digest could not be sent to staff ${people.editor.id}: 550 5.1.1 no such mailbox`,
        );
        await smtp.waitForMail(since + 1);
        expect((await jobs.runOnce()).digests).toBe(0);
        await settle();
        expect(smtp.mails.length).toBe(since + 1);
      });
    });
  });

  describe('reply notices', () => {
    beforeEach(async () => {
      await setSettings(site.storage.db, { mode: 'approve_all' });
    });

    it('tells a commenter who asked when a reply is published, once, with a link to it', async () => {
      const slug = await newArticle();
      const alice = `alice-${randomUUID().slice(0, 6)}@example.org`;
      const bob = `bob-${randomUUID().slice(0, 6)}@example.org`;
      const parent = await post(slug, {
        comment: 'Tell me of replies.',
        name: 'Alice',
        email: alice,
        notify: 'on',
      });
      const since = smtp.mails.length;
      const reply = await post(slug, {
        comment: 'Here is one.',
        name: 'Bob',
        email: bob,
        parent: String(parent),
      });
      const [mail] = await smtp.waitForMail(since + 1).then(() => mailsTo(alice, since));
      expect(header(mail!, 'Subject')).toBe(
        `Bob replied to your comment on ${(await site.site.context()).settings.siteName}`,
      );
      expect(mail?.text).toContain('Hello Alice,');
      expect(mail?.text).toContain('Here is one.');
      expect(mail?.text).toContain(`Read the conversation: http://127.0.0.1:3000/comments/${reply}`);
      expect(mail?.raw).not.toContain(bob);
      expect(header(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(await q.selectComment(site.storage.db, reply)).toMatchObject({
        reply_notified_at: clock.now.toISOString(),
      });

      // Not for their own reply, not for people who did not ask.
      await post(slug, { comment: 'Answering myself.', name: 'Alice', email: alice, parent: String(parent) });
      const quiet = await post(slug, {
        comment: 'Do not tell me.',
        email: `carol-${randomUUID()}@example.org`,
      });
      await post(slug, { comment: 'A reply Carol never hears of.', parent: String(quiet) });
      await settle();
      expect(smtp.mails.length).toBe(since + 1);
    });

    it('waits for a held reply to be approved before telling anyone', async () => {
      const slug = await newArticle();
      const alice = `alice-${randomUUID().slice(0, 6)}@example.org`;
      const parent = await post(slug, { comment: 'Notify me.', email: alice, notify: 'on' });
      await setSettings(site.storage.db, { mode: 'hold_all' });
      const since = smtp.mails.length;
      const reply = await post(slug, { comment: 'A held reply.', parent: String(parent) });
      await settle();
      expect(mailsTo(alice, since)).toEqual([]);
      const editor = await signInAs(site.app, people.editor.email);
      await formPost(site.app, '/admin/comments/bulk', { one: `approve:${reply}` }, editor);
      await smtp.waitForMail(since + 1);
      expect(mailsTo(alice, since)[0]?.text).toContain('A held reply.');
    });

    it('keeps the reply published when the mail fails, and sends the notice on the next run of the jobs', async () => {
      const slug = await newArticle();
      const alice = `alice-${randomUUID().slice(0, 6)}@example.org`;
      const parent = await post(slug, {
        comment: 'Tell me, even if the mail is down.',
        email: alice,
        notify: 'on',
      });
      const since = smtp.mails.length;
      mailer.down = true;
      try {
        const reply = await post(slug, { comment: 'Sent while the mail was down.', parent: String(parent) });
        expect((await q.selectComment(site.storage.db, reply))?.status).toBe('approved');
        expect((await q.selectComment(site.storage.db, reply))?.reply_notified_at).toBeNull();
        // Still down: the run says so (main.ts logs it), and gives the notice back again.
        await expect(jobs.runOnce()).rejects.toThrow('the SMTP server is down');
      } finally {
        mailer.down = false;
      }
      expect((await jobs.runOnce()).replyNotices).toBe(1);
      await smtp.waitForMail(since + 1);
      expect(mailsTo(alice, since)[0]?.text).toContain('Sent while the mail was down.');
      expect((await jobs.runOnce()).replyNotices).toBe(0);
    });

    it('stops with one click: a page with a button for people, a direct POST for mail clients', async () => {
      const slug = await newArticle();
      const alice = `alice-${randomUUID().slice(0, 6)}@example.org`;
      const parent = await post(slug, { comment: 'First, notify me.', email: alice, notify: 'on' });
      const other = await post(slug, { comment: 'Second, notify me too.', email: alice, notify: 'on' });
      const since = smtp.mails.length;
      await post(slug, { comment: 'A reply.', parent: String(parent) });
      await smtp.waitForMail(since + 1);
      const link = unsubscribeLink(mailsTo(alice, since)[0]!, 'replies');

      // Opening the link (as a mail scanner would) changes nothing; it asks.
      const page = await site.app.inject({ url: link });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<form method="post" action="${link}">`);
      expect(page.headers['cache-control']).toBe('no-store');
      expect((await q.selectComment(site.storage.db, parent))?.notify_replies).toBe(1);

      const done = await site.app.inject({ method: 'POST', url: link, payload: '' });
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('you will no longer receive emails about replies to your comments');
      expect((await q.selectComment(site.storage.db, parent))?.notify_replies).toBe(0);
      expect((await q.selectComment(site.storage.db, other))?.notify_replies).toBe(0);
      await post(slug, { comment: 'Another reply, unheard.', parent: String(other) });
      await settle();
      expect(mailsTo(alice, since)).toHaveLength(1);
    });
  });

  it('refuses unsubscribe links that are forged, altered or meant for something else', async () => {
    const key = emailKey(SECRET, 'someone@example.org');
    const good = signReplyUnsubscribe(SECRET, key);
    const cases = [
      `/comments/unsubscribe/replies/${signReplyUnsubscribe('another-secret-another-secret-0000', key)}`,
      `/comments/unsubscribe/replies/${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`,
      `/comments/unsubscribe/replies/${emailKey(SECRET, 'someone-else@example.org')}.${good.split('.')[1]}`,
      // A digest link names a staff member: it must not unsubscribe a commenter, nor the other way round.
      `/comments/unsubscribe/replies/${signDigestUnsubscribe(SECRET, people.editor.id)}`,
      `/comments/unsubscribe/digest/${good}`,
      '/comments/unsubscribe/digest/1.abc',
    ];
    for (const url of cases) {
      expect((await site.app.inject({ url })).statusCode, url).toBe(403);
      expect((await site.app.inject({ method: 'POST', url, payload: '' })).statusCode, url).toBe(403);
    }
    expect((await site.app.inject({ url: `/comments/unsubscribe/everything/${good}` })).statusCode).toBe(404);
    expect((await site.app.inject({ url: `/comments/unsubscribe/replies/${good}` })).statusCode).toBe(200);
  });
});
