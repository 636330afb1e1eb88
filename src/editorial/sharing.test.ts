// The search and sharing fields through the newsroom on both databases: the panel and its previews as the
// server renders them, the refusals (each named beside its field, nothing saved), a revision comparison naming
// the social description and image, the library counting a social image as used, the publish check of its
// alt text, and the admin API's round trip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { addAuthor, addMedia, addSection } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, type Browserish, post, signInAs } from '../../test/support/newsroom.js';
import type { StaffMember } from '../admin/guardian.js';
import { API_SCOPES } from '../admin-api/scopes.js';
import { createApiToken } from '../admin-api/tokens.js';
import { usesOfOneMedia } from '../media/admin/usage.js';
import { loadArticle } from './editable.js';
import { publishReadiness } from './publish-readiness.js';
import { compareRevisions } from './revisions.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';

describe.each(testDatabases)('search and sharing in the newsroom on $name', (database) => {
  let site: TestApp;
  let ids: { section: number; author: number; hero: number; social: number };
  let editor: StaffMember;
  let browser: Browserish;
  const now = new Date();

  beforeAll(async () => {
    site = await buildTestApp({ database, clock: () => now });
    const db = site.storage.db;
    ids = {
      section: await addSection(db, 'world', 'World'),
      author: await addAuthor(db, 'ana-reporter', 'Ana Reporter'),
      hero: await addMedia(db, 'hero'),
      social: await addMedia(db, 'card'),
    };
    editor = await addStaff(db, 'editor', { name: 'Eli Editor' });
    browser = await signInAs(site.app, editor.email);
  });
  afterAll(() => site.close());

  const get = (url: string) => site.app.inject({ url, headers: { cookie: browser.cookie } });

  function fields(overrides: Record<string, string> = {}) {
    return {
      headline: 'Harbour reopens after the storm',
      dek: 'Boats are back in port after a week.',
      slug: '',
      sectionId: String(ids.section),
      workType: 'news',
      dateline: '',
      heroMediaId: String(ids.hero),
      tags: 'Harbour',
      bodyFormat: 'text',
      bodyText: 'The harbour reopened on Monday.',
      body: '',
      authorIds: String(ids.author),
      ...overrides,
    };
  }

  async function create(overrides: Record<string, string> = {}): Promise<number> {
    const response = await post(site.app, '/admin/articles', fields(overrides), browser);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
    return Number(/\/admin\/articles\/(\d+)$/.exec(response.headers.location as string)![1]);
  }

  it('shows the panel with its defaults in the hints and both previews rendered from the saved values', async () => {
    const blank = await get('/admin/articles/new');
    expect(blank.statusCode).toBe(200);
    expect(blank.body).toContain('<legend>Search and sharing</legend>');
    expect(blank.body).toContain('Empty: the dek is used.');
    expect(blank.body).toContain('Empty: the description, else the dek, is used.');
    expect(blank.body).toContain('Empty: the hero is used.');
    expect(blank.body).toMatch(/<figure class="search-preview" aria-labelledby="search-preview-heading">/);
    expect(blank.body).toContain('<h2 id="card-preview-heading">On a social card</h2>');

    const id = await create({
      slug: 'harbour-reopens',
      metaDescription: 'Search words about the harbour.',
      canonicalUrl: 'https://wire.example.com/harbour',
    });
    const page = await get(`/admin/articles/${id}`);
    const part = (name: string) =>
      new RegExp(`data-preview="${name}">([^<]*)<`).exec(page.body)?.[1]?.replace(/&amp;/g, '&');
    expect(part('search-title')).toBe('Harbour reopens after the storm');
    expect(part('search-crumbs')).toBe('127.0.0.1:3000 › articles › harbour-reopens');
    expect(part('search-description')).toBe('Search words about the harbour.');
    // No social description: the search one serves the card too.
    expect(part('card-description')).toBe('Search words about the harbour.');
    expect(part('card-domain')).toBe('127.0.0.1:3000');
    expect(page.body).toContain('The canonical URL points to wire.example.com');
    // The hero stands in as the card's picture.
    expect(page.body).toMatch(
      /data-preview="card-image"><img src="\/media\/hero\/640\.webp" alt="Alt for hero"/,
    );
  });

  it('refuses a too long social description and an image not in the library, naming each, saving nothing', async () => {
    const id = await create();
    const refused = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ socialDescription: 'x'.repeat(301), socialImageId: 'first' }), baseVersion: '1' },
      browser,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Social description must be at most 300 characters.');
    expect(refused.body).toContain('Choose the social image from the library.');
    // What was typed is shown again.
    expect(refused.body).toContain('x'.repeat(301));
    const missing = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ socialImageId: '999999' }), baseVersion: '1' },
      browser,
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain(
      'That image is not in the library. Choose the social image from the library.',
    );
    expect((await loadArticle(site.storage.db, id)).version).toBe(1);
  });

  it('keeps the social fields in each revision and names them in a comparison', async () => {
    const id = await create();
    const saved = await post(
      site.app,
      `/admin/articles/${id}`,
      {
        ...fields({ socialDescription: 'Written for the card.', socialImageId: String(ids.social) }),
        baseVersion: '1',
      },
      browser,
    );
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
    const stored = await loadArticle(site.storage.db, id);
    expect(stored.fields.socialDescription).toBe('Written for the card.');
    expect(stored.fields.socialImageId).toBe(ids.social);

    const { changes } = await compareRevisions(site.storage.db, editor, id, 1, 2);
    expect(changes.map((c) => c.label)).toEqual(['Social description', 'Social image']);
    const image = changes.find((c) => c.field === 'socialImageId')!;
    expect(image.parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['Caption for card']);
    const revisions = await get(`/admin/articles/${id}/revisions?from=1&to=2`);
    expect(revisions.statusCode).toBe(200);
    expect(revisions.body).toContain('Social description');
    expect(revisions.body).toContain('Written for the card.');

    const page = await get(`/admin/articles/${id}`);
    expect(page.body).toMatch(new RegExp(`<option value="${ids.social}" selected`));
    expect(page.body).toMatch(/data-preview="card-description">Written for the card\.</);
    expect(page.body).toMatch(/data-preview="card-image"><img src="\/media\/card\/640\.webp"/);
  });

  it('counts a social image as used in the library, and asks for its alt text before publishing', async () => {
    const db = site.storage.db;
    const lonely = await addMedia(db, 'lonely');
    expect((await usesOfOneMedia(db, lonely)).articles).toEqual([]);
    const unusedBefore = await get('/admin/media?show=unused');
    expect(unusedBefore.body).toContain('Alt for lonely');
    const id = await create({ socialImageId: String(lonely) });
    const uses = await usesOfOneMedia(db, lonely);
    expect(uses.articles.map((a) => [a.articleId, a.roles])).toEqual([[id, ['social']]]);
    const unusedAfter = await get('/admin/media?show=unused');
    expect(unusedAfter.statusCode).toBe(200);
    expect(unusedAfter.body).not.toContain('Alt for lonely');

    await db.updateTable('media').set({ alt_text: '' }).where('id', '=', lonely).execute();
    const { problems } = await publishReadiness({ db }, await loadArticle(db, id), now);
    expect(problems.socialImageId).toBe(
      'The social image has no alt text. Describe it in the media library.',
    );
  });

  it('reads and writes the social fields through the admin API, refusing a bad image id by name', async () => {
    const admin = await addStaff(site.storage.db, 'admin', { name: 'Amara Admin' });
    const { token } = await createApiToken(
      site.storage.db,
      SECRET,
      admin,
      { name: 'Scripts', scopes: [...API_SCOPES], staffId: String(editor.id), expiresAt: '' },
      now,
    );
    const api = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, etag?: string) =>
      site.app.inject({
        method,
        url: `/api/admin${url}`,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(etag ? { 'if-match': etag } : {}),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    const created = await api('POST', '/articles', {
      headline: 'Ferry timetable changes',
      socialDescription: 'The card’s own words.',
      socialImageId: ids.social,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().article.id as number;
    const read = await api('GET', `/articles/${id}`);
    expect(read.json().article.fields).toMatchObject({
      socialDescription: 'The card’s own words.',
      socialImageId: ids.social,
    });
    const cleared = await api(
      'PATCH',
      `/articles/${id}`,
      { socialDescription: '', socialImageId: null },
      read.headers.etag as string,
    );
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().article.fields).toMatchObject({ socialDescription: '', socialImageId: null });
    const wrong = await api(
      'PATCH',
      `/articles/${id}`,
      { socialImageId: 'card' },
      cleared.headers.etag as string,
    );
    expect(wrong.statusCode).toBe(400);
    expect(Object.keys(wrong.json().error.fields)).toEqual(['socialImageId']);
    const absent = await api(
      'PATCH',
      `/articles/${id}`,
      { socialImageId: 999_999 },
      cleared.headers.etag as string,
    );
    expect(absent.statusCode).toBe(400);
    expect(absent.json().error.fields.socialImageId).toContain('not in the library');
  });
});
