// Author profiles through HTTP on both databases: only editors and admins keep them (a contributor is refused
// even calling the endpoints), refusals keep what was typed, a linked account writes as its profile, one
// account has one byline, a profile's address is fixed once readers follow it, and cached bylines refresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { addMedia, addSection } from '../../../test/support/content.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff, type Browserish, follow, post, signInAs } from '../../../test/support/newsroom.js';
import { loadArticle } from '../editable.js';

type Who = Browserish & { id: number };

describe.each(testDatabases)('author profiles on $name', (database) => {
  let site: TestApp;
  let section: number;
  let photo: number;
  const people = {} as Record<'contributor' | 'editor' | 'admin', Who>;

  beforeAll(async () => {
    site = await buildTestApp({ database });
    const db = site.storage.db;
    section = await addSection(db, 'world', 'World');
    photo = await addMedia(db, 'portrait');
    for (const role of ['contributor', 'editor', 'admin'] as const) {
      const staff = await addStaff(db, role, { name: `Pat ${role}` });
      people[role] = { ...(await signInAs(site.app, staff.email)), id: staff.id };
    }
  });
  afterAll(() => site.close());

  const get = (url: string, who: Browserish) => site.app.inject({ url, headers: { cookie: who.cookie } });
  const profile = (overrides: Record<string, string> = {}) => ({
    name: 'Ana Reporter',
    slug: '',
    jobTitle: 'Eastern Europe correspondent',
    bio: 'Ana has reported from Kyiv since 2014.',
    expertise: 'Ukraine, defence',
    photoMediaId: String(photo),
    staffId: '',
    ...overrides,
  });
  const authorRows = () => site.storage.db.selectFrom('authors').selectAll().execute();
  const staffRow = (id: number) =>
    site.storage.db.selectFrom('staff').select('author_id').where('id', '=', id).executeTakeFirstOrThrow();

  it('keeps contributors out of author profiles, even calling the endpoints directly', async () => {
    expect((await get('/admin/authors', people.contributor)).statusCode).toBe(403);
    const created = await post(site.app, '/admin/authors', profile(), people.contributor);
    expect(created.statusCode).toBe(403);
    const mine = await post(site.app, '/admin/authors/mine', {}, people.contributor);
    expect(mine.statusCode).toBe(403);
    // An editor's session without its CSRF token, or a post from another site, changes nothing either.
    const forged = await post(site.app, '/admin/authors', profile(), { cookie: people.editor.cookie });
    expect(forged.statusCode).toBe(403);
    const crossSite = await post(site.app, '/admin/authors', profile(), people.editor, {
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.statusCode).toBe(403);
    expect(await authorRows()).toEqual([]);
    const menu = (await get('/admin', people.contributor)).body;
    expect(menu).not.toContain('href="/admin/authors"');
    expect((await get('/admin', people.editor)).body).toContain('href="/admin/authors"');
  });

  it('creates a profile linked to a contributor, whose new articles then carry that byline', async () => {
    const refused = await post(
      site.app,
      '/admin/authors',
      profile({ name: '  ', slug: 'Not A Slug', photoMediaId: '999999' }),
      people.editor,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Name is required: it is the byline readers see.');
    expect(refused.body).toContain('The address may use only a–z, 0–9 and single hyphens');
    // What was typed is still in the form.
    expect(refused.body).toContain('value="Eastern Europe correspondent"');
    expect(refused.body).toContain('Ana has reported from Kyiv since 2014.');
    expect(await authorRows()).toEqual([]);

    const created = await post(
      site.app,
      '/admin/authors',
      profile({ staffId: String(people.contributor.id) }),
      people.editor,
    );
    expect(created.statusCode, created.body.slice(0, 400)).toBe(303);
    const [row] = await authorRows();
    expect(row).toMatchObject({
      slug: 'ana-reporter',
      name: 'Ana Reporter',
      job_title: 'Eastern Europe correspondent',
      expertise: 'Ukraine, defence',
      photo_media_id: photo,
    });
    expect((await staffRow(people.contributor.id)).author_id).toBe(row!.id);
    expect((await follow(site.app, created, people.editor)).body).toContain('Profile created.');

    // The contributor's next article carries the byline without anyone choosing it.
    const form = await get('/admin/articles/new', people.contributor);
    expect(form.body).toMatch(new RegExp(`<option value="${row!.id}" selected[^>]*>Ana Reporter</option>`));
    const draft = await post(
      site.app,
      '/admin/articles',
      { headline: 'Kharkiv after the withdrawal', workType: 'news', bodyFormat: 'text', bodyText: 'Words.' },
      people.contributor,
    );
    const id = Number(/(\d+)$/.exec(draft.headers.location as string)![1]);
    expect((await loadArticle(site.storage.db, id)).fields.authorIds).toEqual([row!.id]);

    // The staff page says who writes as whom.
    const staffPage = await get('/admin/staff', people.admin);
    expect(staffPage.body).toContain(`<a href="/admin/authors/${row!.id}">Ana Reporter</a>`);
  });

  it('gives each account one byline: linking it elsewhere moves it', async () => {
    const first = await post(
      site.app,
      '/admin/authors',
      profile({ name: 'Ben Writer', staffId: String(people.admin.id) }),
      people.editor,
    );
    expect(first.statusCode).toBe(303);
    const second = await post(
      site.app,
      '/admin/authors',
      profile({ name: 'Ben Writer', staffId: String(people.admin.id) }),
      people.editor,
    );
    // Same name, so the address is taken: the editor chooses another.
    expect(second.statusCode).toBe(400);
    expect(second.body).toContain('“Ben Writer” already has this address. Choose another.');
    const again = await post(
      site.app,
      '/admin/authors',
      profile({ name: 'Ben Writer', slug: 'ben-writer-opinion', staffId: String(people.admin.id) }),
      people.editor,
    );
    expect(again.statusCode).toBe(303);
    const rows = await authorRows();
    const opinion = rows.find((r) => r.slug === 'ben-writer-opinion')!;
    expect((await staffRow(people.admin.id)).author_id).toBe(opinion.id);
    const list = await get('/admin/authors', people.editor);
    expect(list.body.match(/<td>Pat admin<\/td>/g)).toHaveLength(1);
  });

  it('creates an editor’s own byline from their name in one click', async () => {
    const made = await post(site.app, '/admin/authors/mine', {}, people.editor);
    expect(made.statusCode).toBe(303);
    const mine = (await authorRows()).find((r) => r.name === 'Pat editor')!;
    expect(mine.slug).toBe('pat-editor');
    expect((await staffRow(people.editor.id)).author_id).toBe(mine.id);
    const twice = await post(site.app, '/admin/authors/mine', {}, people.editor);
    expect(twice.statusCode).toBe(400);
  });

  it('refreshes bylines on cached pages, and fixes the address once readers follow it', async () => {
    const ana = (await authorRows()).find((r) => r.slug === 'ana-reporter')!;
    const created = await post(
      site.app,
      '/admin/articles',
      {
        headline: 'Bylines refresh',
        workType: 'news',
        sectionId: String(section),
        authorIds: String(ana.id),
        bodyFormat: 'text',
        bodyText: 'The story.',
      },
      people.editor,
    );
    const id = Number(/(\d+)$/.exec(created.headers.location as string)![1]);
    const published = await post(
      site.app,
      `/admin/articles/${id}/publish`,
      {
        headline: 'Bylines refresh',
        workType: 'news',
        sectionId: String(section),
        authorIds: String(ana.id),
        bodyFormat: 'text',
        bodyText: 'The story.',
        baseVersion: '1',
      },
      people.editor,
    );
    expect(published.statusCode, published.body.slice(0, 300)).toBe(303);
    expect((await site.app.inject('/articles/bylines-refresh')).body).toContain('Ana Reporter');

    const moved = await post(
      site.app,
      `/admin/authors/${ana.id}`,
      profile({
        name: 'Ana Reporter-Kovalenko',
        slug: 'ana-kovalenko',
        staffId: String(people.contributor.id),
      }),
      people.editor,
    );
    expect(moved.statusCode).toBe(400);
    expect(moved.body).toContain('Readers already follow this author page, so its address stays as it is.');

    const renamed = await post(
      site.app,
      `/admin/authors/${ana.id}`,
      profile({
        name: 'Ana Reporter-Kovalenko',
        slug: 'ana-reporter',
        staffId: String(people.contributor.id),
      }),
      people.editor,
    );
    expect(renamed.statusCode).toBe(303);
    const page = (await site.app.inject('/articles/bylines-refresh')).body;
    expect(page).toContain('Ana Reporter-Kovalenko');
  });
});
