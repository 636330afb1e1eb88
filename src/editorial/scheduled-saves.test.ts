// A scheduled or published article through HTTP on both databases: a save that would leave it unready is
// refused with the publish checks' messages and the typed form kept, it is never autosaved, cancelling the
// schedule keeps what was typed, one the scheduler held back shows its note until rescheduled, and an Update
// may not break a live story (though a problem it already had does not stop a fix).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, sameOrigin, type TestApp } from '../../test/support/app.js';
import { addAuthor, addMedia, addSection } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { minutesAfter, T0 } from '../../test/support/editorial.js';
import { addStaff, type Browserish, post, signInAs } from '../../test/support/newsroom.js';
import { loadArticle } from './editable.js';
import { publishDueArticles } from './scheduler.js';

describe.each(testDatabases)('saving a scheduled or published article on $name', (database) => {
  let site: TestApp;
  let now: Date;
  let editor: Browserish;
  let ids: { section: number; author: number; media: number };

  beforeEach(async () => {
    now = T0;
    site = await buildTestApp({ database, clock: () => now });
    const db = site.storage.db;
    ids = {
      section: await addSection(db, 'world', 'World'),
      author: await addAuthor(db, 'ana-reporter', 'Ana Reporter'),
      media: await addMedia(db, 'kharkiv'),
    };
    const staff = await addStaff(db, 'editor', { name: 'Eli Editor', now: T0 });
    editor = await signInAs(site.app, staff.email);
  });
  afterEach(() => site.close());

  const complete = (overrides: Record<string, string> = {}) => ({
    headline: 'Bridge reopens after repairs',
    dek: 'The crossing was closed for a year.',
    slug: '',
    sectionId: String(ids.section),
    workType: 'news',
    dateline: '',
    heroMediaId: String(ids.media),
    tags: '',
    authorIds: String(ids.author),
    bodyFormat: 'text',
    bodyText: 'Traffic crossed the bridge again on Monday.',
    body: '',
    ...overrides,
  });
  // The reproduced report: section, byline and body emptied after the story was scheduled.
  const emptied = (overrides: Record<string, string> = {}) =>
    complete({ sectionId: '', authorIds: '', bodyText: '', dek: 'Typed after scheduling.', ...overrides });

  /** A complete article scheduled for 10:00 (the site's zone is UTC), at version 1. */
  async function scheduledArticle(): Promise<number> {
    const created = await post(site.app, '/admin/articles', complete(), editor);
    const id = Number(/(\d+)$/.exec(created.headers.location as string)![1]);
    const scheduled = await post(
      site.app,
      `/admin/articles/${id}/schedule`,
      { ...complete(), baseVersion: '1', scheduledAt: '2026-05-01T10:00' },
      editor,
    );
    expect(scheduled.statusCode, scheduled.body.slice(0, 300)).toBe(303);
    return id;
  }

  const tick = (at: Date) => publishDueArticles({ db: site.storage.db, events: site.deps.events }, at);

  it('refuses a save that would publish an empty story, keeps the typed form, and publishes the ready one', async () => {
    const id = await scheduledArticle();
    const page = await site.app.inject({ url: `/admin/articles/${id}`, headers: { cookie: editor.cookie } });
    expect(page.body).toContain('data-autosave="off"');
    expect(page.body).toContain('Changes are saved only when you press Save');

    const refused = await post(site.app, `/admin/articles/${id}`, { ...emptied(), baseVersion: '1' }, editor);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('it is scheduled to publish itself');
    expect(refused.body).toContain('Choose a section.');
    expect(refused.body).toContain('Add at least one author.');
    expect(refused.body).toContain('Write the body: it has no text yet.');
    // Nothing typed is lost: the form comes back as sent.
    expect(refused.body).toContain('Typed after scheduling.');
    expect(refused.body).toContain('value="Bridge reopens after repairs"');
    const stored = await loadArticle(site.storage.db, id);
    expect(stored).toMatchObject({ status: 'scheduled', version: 1 });
    expect(stored.fields.sectionId).toBe(ids.section);

    const autosave = await site.app.inject({
      method: 'POST',
      url: `/admin/articles/${id}`,
      headers: {
        ...sameOrigin,
        cookie: editor.cookie,
        accept: 'application/json',
        'x-csrf-token': editor.csrf,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({
        ...complete({ dek: 'Half a sen' }),
        baseVersion: '1',
        autosave: '1',
      }).toString(),
    });
    expect(autosave.statusCode).toBe(400);
    expect(autosave.json().error.message).toContain('Scheduled articles are not saved automatically');

    // At its time the story goes out as it was scheduled, complete.
    now = minutesAfter(T0, 61);
    expect((await tick(now)).published.map((a) => a.id)).toEqual([id]);
    const reader = await site.app.inject({ url: '/articles/bridge-reopens-after-repairs' });
    expect(reader.statusCode).toBe(200);
    expect(reader.body).toContain('Traffic crossed the bridge again on Monday.');
  });

  it('cancels the schedule and keeps the unfinished text as a draft', async () => {
    const id = await scheduledArticle();
    const cancelled = await post(
      site.app,
      `/admin/articles/${id}/draft`,
      { ...emptied(), baseVersion: '1' },
      editor,
    );
    expect(cancelled.statusCode, cancelled.body.slice(0, 300)).toBe(303);
    const draft = await loadArticle(site.storage.db, id);
    expect(draft).toMatchObject({ status: 'draft', scheduledAt: null, version: 2 });
    expect(draft.fields.dek).toBe('Typed after scheduling.');
    expect(draft.fields.sectionId).toBeNull();
    expect((await tick(minutesAfter(T0, 61))).published).toEqual([]);
  });

  it('shows the newsroom an article the scheduler held back, until it is scheduled again', async () => {
    const id = await scheduledArticle();
    // Emptied some way that skipped the save's check.
    await site.storage.db.updateTable('articles').set({ section_id: null }).where('id', '=', id).execute();
    now = minutesAfter(T0, 61);
    expect((await tick(now)).heldBack.map((a) => a.id)).toEqual([id]);
    expect((await site.app.inject({ url: '/articles/bridge-reopens-after-repairs' })).statusCode).toBe(404);

    const list = await site.app.inject({ url: '/admin/articles', headers: { cookie: editor.cookie } });
    expect(list.body).toMatch(
      /status-draft[^<]*>Draft<\/span>\s*<span class="held-back-note"> Not published: due [^<]*10:00/,
    );
    const page = await site.app.inject({ url: `/admin/articles/${id}`, headers: { cookie: editor.cookie } });
    expect(page.body).toContain('id="held-back"');
    expect(page.body).toMatch(/It was due to publish itself at [^<]*10:00[^<]*, but it was not\s+ready then/);
    expect(page.body).toContain('Fix what is listed below');
    expect(page.body).toContain('<li data-field="sectionId">Choose a section.</li>');
    // The time offered for a new schedule is ahead, not the one it missed.
    expect(page.body).toContain('name="scheduledAt" form="article-form" value="2026-05-01T11:01"');

    const rescheduled = await post(
      site.app,
      `/admin/articles/${id}/schedule`,
      { ...complete(), baseVersion: '1', scheduledAt: '2026-05-01T12:00' },
      editor,
    );
    expect(rescheduled.statusCode, rescheduled.body.slice(0, 300)).toBe(303);
    const after = await site.app.inject({ url: `/admin/articles/${id}`, headers: { cookie: editor.cookie } });
    expect(after.body).not.toContain('id="held-back"');
    const listAfter = await site.app.inject({ url: '/admin/articles', headers: { cookie: editor.cookie } });
    expect(listAfter.body).not.toContain('held-back-note');
  });

  /** A complete article published at T0, at version 1. */
  async function publishedArticle(): Promise<number> {
    const created = await post(site.app, '/admin/articles', complete(), editor);
    const id = Number(/(\d+)$/.exec(created.headers.location as string)![1]);
    const published = await post(
      site.app,
      `/admin/articles/${id}/publish`,
      { ...complete(), baseVersion: '1' },
      editor,
    );
    expect(published.statusCode, published.body.slice(0, 300)).toBe(303);
    return id;
  }

  it('refuses an Update that would empty the live story, keeps the typed form, and readers keep the story', async () => {
    const id = await publishedArticle();
    const { version } = await loadArticle(site.storage.db, id);
    const refused = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...emptied(), baseVersion: String(version) },
      editor,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('it is published, and these changes would leave the story readers see');
    expect(refused.body).toContain('Choose a section.');
    expect(refused.body).toContain('Add at least one author.');
    expect(refused.body).toContain('Write the body: it has no text yet.');
    expect(refused.body).toContain('Typed after scheduling.');
    const stored = await loadArticle(site.storage.db, id);
    expect(stored).toMatchObject({ status: 'published', version });
    expect(stored.fields.sectionId).toBe(ids.section);
    const reader = await site.app.inject({ url: '/articles/bridge-reopens-after-repairs' });
    expect(reader.body).toContain('Traffic crossed the bridge again on Monday.');

    // The editor's script gets the same answer, field by field.
    const json = await site.app.inject({
      method: 'POST',
      url: `/admin/articles/${id}`,
      headers: {
        ...sameOrigin,
        cookie: editor.cookie,
        accept: 'application/json',
        'x-csrf-token': editor.csrf,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ ...emptied(), baseVersion: String(version) }).toString(),
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.fields).toMatchObject({
      sectionId: 'Choose a section.',
      authorIds: 'Add at least one author.',
      body: 'Write the body: it has no text yet.',
    });
  });

  it('lets an Update fix a live story whose image licence has ended since, and refuses one that adds a problem', async () => {
    const id = await publishedArticle();
    await site.storage.db
      .updateTable('media')
      .set({ license_expires_at: '2026-04-01T00:00:00.000Z' })
      .where('id', '=', ids.media)
      .execute();
    const { version } = await loadArticle(site.storage.db, id);
    const typoFix = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...complete({ dek: 'The crossing was closed for a whole year.' }), baseVersion: String(version) },
      editor,
    );
    expect(typoFix.statusCode, typoFix.body.slice(0, 300)).toBe(303);
    expect((await loadArticle(site.storage.db, id)).fields.dek).toBe(
      'The crossing was closed for a whole year.',
    );

    const byline = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...complete({ authorIds: '' }), baseVersion: String(version + 1) },
      editor,
    );
    expect(byline.statusCode).toBe(400);
    expect(byline.body).toContain('Add at least one author.');
    expect(byline.body).not.toContain('licence ended');
  });
});
