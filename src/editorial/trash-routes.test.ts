// The trash through HTTP on both databases: the buttons on the list and in the editor, the trash screen with
// when each article goes for good in the site's zone (named), restore saying when the slug changed, delete
// permanently, and a trashed article out of the newsroom's pages, the admin API, search and the reader's URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { addAuthor, addMedia, addSection } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, type Browserish, follow, post, signInAs } from '../../test/support/newsroom.js';
import type { StaffMember } from '../admin/guardian.js';
import { API_SCOPES } from '../admin-api/scopes.js';
import { createApiToken } from '../admin-api/tokens.js';
import { EVERYTHING } from '../http/tagged-cache.js';
import { defaultSiteSettings, saveSiteSettings } from '../site/settings.js';
import { loadArticle } from './editable.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';

describe.each(testDatabases)('the trash routes on $name', (database) => {
  let site: TestApp;
  let ids: { section: number; author: number; media: number };
  let editorStaff: StaffMember;
  let adminStaff: StaffMember;
  const people = {} as Record<'contributor' | 'editor', Browserish>;
  // Winter in New York: UTC−5, "EST".
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
    ids = {
      section: await addSection(db, 'world', 'World'),
      author: await addAuthor(db, 'ana-reporter', 'Ana Reporter'),
      media: await addMedia(db, 'kharkiv'),
    };
    const contributor = await addStaff(db, 'contributor', { name: 'Cora' });
    // A contributor may byline only themselves (editorial/byline-rule.ts): Cora writes as Ana Reporter.
    await db.updateTable('staff').set({ author_id: ids.author }).where('id', '=', contributor.id).execute();
    editorStaff = await addStaff(db, 'editor', { name: 'Eli' });
    adminStaff = await addStaff(db, 'admin', { name: 'Amara' });
    people.contributor = await signInAs(site.app, contributor.email);
    people.editor = await signInAs(site.app, editorStaff.email);
  });
  afterAll(() => site.close());

  const get = (url: string, who: Browserish) => site.app.inject({ url, headers: { cookie: who.cookie } });

  const fields = (headline: string) => ({
    headline,
    dek: 'A dek.',
    slug: '',
    sectionId: String(ids.section),
    workType: 'news',
    dateline: '',
    heroMediaId: String(ids.media),
    tags: '',
    bodyFormat: 'text',
    bodyText: 'Riverside council approves the budget.',
    body: '',
    authorIds: String(ids.author),
  });

  async function create(who: Browserish, headline: string): Promise<number> {
    const response = await post(site.app, '/admin/articles', fields(headline), who);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
    return Number(/\/admin\/articles\/(\d+)$/.exec(response.headers.location as string)![1]);
  }

  it('moves a draft to the trash from the list, and lists it with when it goes, in the site’s zone', async () => {
    const id = await create(people.contributor, 'Council Budget Draft');
    const list = await get('/admin/articles', people.contributor);
    expect(list.body).toContain(`action="/admin/articles/${id}/trash"`);
    const trashed = await post(site.app, `/admin/articles/${id}/trash`, {}, people.contributor);
    expect(trashed.statusCode).toBe(303);
    expect(trashed.headers.location).toBe('/admin/articles');
    const after = await follow(site.app, trashed, people.contributor);
    // 30 days after 17:55 EST on 4 December: 3 January, 17:55 EST, said in the flash as an instant to act by.
    expect(after.body).toContain('Moved to the trash');
    expect(after.body).toContain('Jan 3, 2027, 05:55 PM EST');
    expect(after.body).not.toContain(`href="/admin/articles/${id}"`);

    const trash = await get('/admin/articles?status=trash', people.contributor);
    expect(trash.statusCode).toBe(200);
    expect(trash.body).toContain('Council Budget Draft');
    expect(trash.body).toContain('council-budget-draft');
    expect(trash.body).toContain('Dec 4, 2026, 05:55 PM EST');
    expect(trash.body).toContain('Jan 3, 2027, 05:55 PM EST');
    expect(trash.body).toContain(`action="/admin/articles/${id}/restore"`);
    // Deleting for good is for editors.
    expect(trash.body).not.toContain(`action="/admin/articles/${id}/delete"`);
    expect((await get('/admin/articles?status=trash', people.editor)).body).toContain(
      `action="/admin/articles/${id}/delete"`,
    );
    // Its editor page is gone until it is restored; a new article takes the slug.
    const editor = await get(`/admin/articles/${id}`, people.contributor);
    expect(editor.statusCode).toBe(404);
    expect(editor.body).toContain('in the trash');
    const next = await create(people.editor, 'Council Budget Draft');
    expect(await loadArticle(site.storage.db, next).then((a) => a.fields.slug)).toBe('council-budget-draft');

    // Restored, it says its slug changed.
    const restored = await post(site.app, `/admin/articles/${id}/restore`, {}, people.contributor);
    expect(restored.headers.location).toBe(`/admin/articles/${id}`);
    const page = await follow(site.app, restored, people.contributor);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('was taken by another article meanwhile');
    expect(page.body).toContain('council-budget-draft-2');
  });

  it('offers the trash in the editor for a draft, and refuses a published article with why', async () => {
    const id = await create(people.editor, 'Mayor Speaks');
    const editor = await get(`/admin/articles/${id}`, people.editor);
    expect(editor.body).toContain(`formaction="/admin/articles/${id}/trash"`);
    const publishing = await post(
      site.app,
      `/admin/articles/${id}/publish`,
      fields('Mayor Speaks'),
      people.editor,
    );
    expect(publishing.headers.location).toBe(`/admin/articles/${id}`);
    const published = await get(`/admin/articles/${id}`, people.editor);
    expect(published.body).not.toContain(`formaction="/admin/articles/${id}/trash"`);
    const refused = await post(site.app, `/admin/articles/${id}/trash`, { from: 'editor' }, people.editor);
    expect(refused.headers.location).toBe(`/admin/articles/${id}`);
    const shown = await follow(site.app, refused, people.editor);
    expect(shown.body).toContain('it cannot go to the trash');
    expect((await loadArticle(site.storage.db, id)).status).toBe('published');
  });

  it('keeps a trashed article out of the admin API, search and its address; an editor deletes it for good', async () => {
    const id = await create(people.contributor, 'Zebra Crossing Plan');
    const { token } = await createApiToken(
      site.storage.db,
      SECRET,
      adminStaff,
      { name: 'Script', scopes: [...API_SCOPES], staffId: String(editorStaff.id), expiresAt: '' },
      now,
    );
    const api = (url: string) =>
      site.app.inject({ url: `/api/admin${url}`, headers: { authorization: `Bearer ${token}` } });
    expect((await api(`/articles/${id}`)).statusCode).toBe(200);
    await post(site.app, `/admin/articles/${id}/trash`, {}, people.contributor);
    expect((await api(`/articles/${id}`)).statusCode).toBe(404);
    expect(JSON.stringify((await api('/articles?q=Zebra')).json())).not.toContain('Zebra');
    expect((await api('/articles?status=trash')).statusCode).toBe(400);
    const staffSearch = await get('/admin/articles?q=Zebra', people.editor);
    expect(staffSearch.body).not.toContain('Zebra Crossing Plan');
    expect((await site.app.inject({ url: '/articles/zebra-crossing-plan' })).statusCode).toBe(404);
    expect((await site.app.inject({ url: `/articles/trashed~${id}` })).statusCode).toBe(404);
    expect((await site.app.inject({ url: '/search?q=Zebra' })).body).not.toContain('Zebra Crossing Plan');

    // A contributor may not delete for good; an editor may.
    expect((await post(site.app, `/admin/articles/${id}/delete`, {}, people.contributor)).statusCode).toBe(
      403,
    );
    const deleted = await post(site.app, `/admin/articles/${id}/delete`, {}, people.editor);
    expect(deleted.headers.location).toBe('/admin/articles?status=trash');
    expect((await follow(site.app, deleted, people.editor)).body).toContain('Deleted permanently.');
    const row = await site.storage.db
      .selectFrom('articles')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
