// Returning a submitted article to its writer with notes, through the app on both databases, the mail going
// through a real SMTP server in this process: the step and its notes, who is told (the creator and the
// staff bylined on it, each in a mail of their own), the notice in the editor and on the newsroom's home
// page until the article is submitted again, the history, and each way it is refused.
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { fieldsFor, type Newsroom, newsroom } from '../../test/support/editorial.js';
import {
  type Browserish,
  post,
  refusableSmtpMailer,
  signInAs,
  startSmtpServer,
} from '../../test/support/newsroom.js';
import { readSiteSettings } from '../site/settings.js';
import { formOf } from './article-form.js';
import { createArticle } from './drafts.js';
import { loadArticle } from './editable.js';
import { RETURN_NOTE_MAX } from './review-returns.js';
import { submitForReview } from './workflow.js';

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;

describe.each(testDatabases)('returning an article to its writer on $name', (database) => {
  let site: TestApp;
  let room: Newsroom;
  let smtp: Smtp;
  let mail: ReturnType<typeof refusableSmtpMailer>;
  const as = {} as Record<'contributor' | 'otherContributor' | 'editor', Browserish>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    mail = refusableSmtpMailer(smtp.url);
    site = await buildTestApp({ database, mailer: mail.mailer });
    room = await newsroom(site.storage.db);
    for (const who of ['contributor', 'otherContributor', 'editor'] as const)
      as[who] = await signInAs(site.app, room[who].email);
  });
  afterAll(async () => {
    await site.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.mails.length = 0;
    mail.refusing = false;
  });

  const deps = () => ({ db: site.storage.db, events: site.deps.events });
  const get = (url: string, who: Browserish) => site.app.inject({ url, headers: { cookie: who.cookie } });

  /** A contributor's article, submitted for review, with Ben Writer (the other contributor) added by an editor. */
  async function submitted(headline: string): Promise<number> {
    const { id } = await createArticle(
      site.storage.db,
      room.contributor,
      fieldsFor(room, { headline }),
      'manual',
      new Date(),
    );
    await submitForReview(deps(), room.contributor, id, new Date());
    return id;
  }

  /** The edit form as the editor's page holds it, with the notes (and any change the editor typed). */
  async function editorForm(id: number, extra: Record<string, string>) {
    const article = await loadArticle(site.storage.db, id);
    const form = formOf(article.fields);
    return {
      ...form,
      authorIds: form.authorIds[0] ?? '',
      baseVersion: String(article.version),
      ...extra,
    };
  }

  it('returns it with notes, tells its writers in the newsroom and by mail, until it is submitted again', async () => {
    const id = await submitted('Council <votes> on the budget');
    const note = 'Please <b>check</b> the figures.\nAnd name the second source.';
    const fields = await editorForm(id, { returnNote: note });
    // The editor also puts Ben Writer on the byline: the staff member who writes as Ben is told too.
    const body = `${new URLSearchParams(fields)}&authorIds=${room.secondAuthorId}`;
    const response = await site.app.inject({
      method: 'POST',
      url: `/admin/articles/${id}/return`,
      headers: {
        origin: TEST_ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: as.editor.cookie,
      },
      payload: `_csrf=${encodeURIComponent(as.editor.csrf)}&${body}`,
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
    const article = await loadArticle(site.storage.db, id);
    expect(article.status).toBe('draft');
    expect(article.fields.authorIds).toEqual([room.authorId, room.secondAuthorId]);

    // One mail per writer, nobody else's address in it, the headline in the subject, the link to the article.
    const mails = await smtp.waitForMail(2);
    expect(mails.map((m) => m.to).sort()).toEqual(
      [[room.contributor.email], [room.otherContributor.email]].sort(),
    );
    for (const mail of mails) {
      const parsed = await simpleParser(mail.raw);
      expect(parsed.subject).toBe('Returned to you with notes: “Council <votes> on the budget”');
      expect(parsed.text).toContain('And name the second source.');
      expect(mail.text).toContain('Council <votes> on the budget');
      expect(mail.text).toContain('Please <b>check</b> the figures.');
      expect(mail.text).toContain(`${TEST_ORIGIN}/admin/articles/${id}`);
      const others = [room.contributor.email, room.otherContributor.email, room.editor.email].filter(
        (e) => !mail.to.includes(e),
      );
      for (const address of others) expect(mail.raw).not.toContain(address);
    }

    // The home page lists it as new until the writer opens it.
    const home = await get('/admin', as.contributor);
    expect(home.body).toContain('Returned to you');
    expect(home.body).toContain(`href="/admin/articles/${id}"`);
    expect(home.body).toContain('1 new');
    // Every newsroom page says so beside the writer's name, until they open it.
    const list = await get('/admin/articles', as.contributor);
    expect(list.body).toContain(
      '<a class="returned-link" href="/admin#returned-heading">1 article returned to you</a>',
    );
    expect((await get('/admin/articles', as.otherContributor)).body).toContain('1 article returned to you');
    expect((await get('/admin/articles', as.editor)).body).not.toContain('returned to you</a>');
    const { timeZone } = await readSiteSettings(site.storage.db);
    const page = await get(`/admin/articles/${id}`, as.contributor);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Returned to you with notes');
    expect(page.body).toContain('Eli Editor');
    expect(page.body).toContain('Please &lt;b>check&lt;/b> the figures.');
    expect(page.body).not.toContain('<b>check</b>');
    expect(page.body).toContain(`(${timeZone})`);
    // Editable again: the fields are not disabled and the editor script is there.
    expect(page.body).not.toMatch(/<fieldset class="editor-fields" disabled/);
    expect(page.body).toContain('/assets/editor.');
    const after = await get('/admin', as.contributor);
    expect(after.body).toContain(`href="/admin/articles/${id}"`);
    expect(after.body).not.toContain('1 new');
    expect(page.body).not.toContain('returned to you</a>');
    expect(after.body).not.toContain('returned to you</a>');
    expect((await get('/admin/articles', as.otherContributor)).body).toContain('1 article returned to you');
    // Ben's writer has not opened it yet.
    expect((await get('/admin', as.otherContributor)).body).toContain('1 new');

    // The history keeps the notes.
    const history = await get(`/admin/articles/${id}/revisions`, as.contributor);
    expect(history.body).toContain('Returned to the writer with notes');
    expect(history.body).toContain('Please &lt;b>check&lt;/b> the figures.');

    // Submitted again: the notice and the home page entry are gone.
    await submitForReview(deps(), room.contributor, id, new Date());
    expect((await get(`/admin/articles/${id}`, as.editor)).body).not.toContain('return-notice');
    expect((await get('/admin', as.contributor)).body).not.toContain(`href="/admin/articles/${id}"`);
  });

  it('refuses empty or overlong notes, keeping the notes and the editor’s typing, and saving nothing', async () => {
    const id = await submitted('A story with notes to come');
    const before = await loadArticle(site.storage.db, id);
    const empty = await post(
      site.app,
      `/admin/articles/${id}/return`,
      await editorForm(id, { returnNote: '   ', headline: 'Typed by the editor' }),
      as.editor,
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write the notes for the writer.');
    expect(empty.body).toContain('value="Typed by the editor"');
    const long = 'Too long. '.repeat(RETURN_NOTE_MAX / 10 + 1);
    const overlong = await post(
      site.app,
      `/admin/articles/${id}/return`,
      await editorForm(id, { returnNote: long }),
      as.editor,
    );
    expect(overlong.statusCode).toBe(400);
    expect(overlong.body).toContain(`Notes may be at most ${RETURN_NOTE_MAX} characters`);
    expect(overlong.body).toContain('Too long. Too long.');
    // Notes fine, but the article form the editor typed in is refused: the notes are shown again too.
    const badForm = await post(
      site.app,
      `/admin/articles/${id}/return`,
      await editorForm(id, { returnNote: 'Kept while the headline is fixed.', headline: '' }),
      as.editor,
    );
    expect(badForm.statusCode).toBe(400);
    expect(badForm.body).toContain('Headline is required.');
    expect(badForm.body).toContain('Kept while the headline is fixed.');
    const after = await loadArticle(site.storage.db, id);
    expect([after.status, after.version, after.fields.headline]).toEqual([
      'review',
      before.version,
      before.fields.headline,
    ]);
    expect(smtp.mails).toHaveLength(0);
  });

  it('lets only editors return, and only an article in review', async () => {
    const id = await submitted('Only editors return');
    const byWriter = await post(
      site.app,
      `/admin/articles/${id}/return`,
      await editorForm(id, { returnNote: 'Mine.' }),
      as.contributor,
    );
    expect(byWriter.statusCode).toBe(403);
    expect((await loadArticle(site.storage.db, id)).status).toBe('review');
    const { id: draft } = await createArticle(
      site.storage.db,
      room.contributor,
      fieldsFor(room),
      'manual',
      new Date(),
    );
    const notInReview = await post(
      site.app,
      `/admin/articles/${draft}/return`,
      await editorForm(draft, { returnNote: 'Fix it.' }),
      as.editor,
    );
    // The request is fine; the article's state is what refuses it (the admin API answers the same 409).
    expect(notInReview.statusCode).toBe(409);
    expect(notInReview.body).toContain(
      'Only an article in review can be returned to its writer; this one is draft.',
    );
    expect(notInReview.body).toContain('Fix it.');
    expect(smtp.mails).toHaveLength(0);
  });

  it('keeps the return when the mail cannot be sent, and says whose mail did not go', async () => {
    const id = await submitted('The mail server refuses');
    mail.refusing = true;
    const response = await post(
      site.app,
      `/admin/articles/${id}/return`,
      await editorForm(id, { returnNote: 'Add a photo credit.' }),
      as.editor,
    );
    expect(response.statusCode).toBe(303);
    expect((await loadArticle(site.storage.db, id)).status).toBe('draft');
    const flash = decodeURIComponent(
      response.cookies.find((c) => c.name === 'broadsheet_flash')?.value ?? '',
    );
    expect(flash).toContain('The email to Cora Contributor could not be sent.');
    expect(flash).not.toContain(room.contributor.email);
    const page = await get(`/admin/articles/${id}`, as.contributor);
    expect(page.body).toContain('Add a photo credit.');
  });
});
