// Every content API endpoint on both databases, through the whole app: what it answers, its filters, the
// cursor walked end to end, sparse fields, 400s naming the parameter, no private field anywhere, and every
// answer valid against the OpenAPI document the API serves (itself valid OpenAPI 3.1).
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { type ApiFixture, apiGet, COMMENTER_EMAIL, seedApiContent } from '../../test/support/content-api.js';
import { testDatabases } from '../../test/support/databases.js';

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin);

describe.each(testDatabases)('the content API on $name', (database) => {
  let t: TestApp;
  let f: ApiFixture;
  let doc: Record<string, unknown>;
  let ajv: Ajv2020;
  const get = (path: string) => apiGet(t.app, path, f.key);
  const json = async (path: string, status = 200) => {
    const response = await get(path);
    expect(response.statusCode, `${path}: ${response.body.slice(0, 300)}`).toBe(status);
    return response.json();
  };
  /** The answer checked against the schema the document gives for this path's 200. */
  const conforms = (openapiPath: string, body: unknown) => {
    const validate = ajv.getSchema(
      `doc#/paths/${openapiPath.replace(/\//g, '~1')}/get/responses/200/content/application~1json/schema`,
    );
    expect(validate, openapiPath).toBeDefined();
    const ok = validate!(body);
    expect(validate!.errors ?? [], openapiPath).toEqual([]);
    expect(ok).toBe(true);
  };
  const component = (name: string, body: unknown) => {
    const validate = ajv.getSchema(`doc#/components/schemas/${name}`)!;
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  };

  beforeAll(async () => {
    t = await buildTestApp({ database });
    f = await seedApiContent(t.storage.db, t.deps.events);
    const response = await t.app.inject('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    doc = response.json();
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...doc, $id: 'doc' });
  });
  afterAll(() => t.close());

  it('serves an OpenAPI 3.1 document that a validator accepts, naming every endpoint', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths as object).sort()).toEqual(
      [
        '/articles',
        '/articles/{id}',
        '/articles/by-slug/{slug}',
        '/articles/{id}/comments',
        '/sections',
        '/tags',
        '/authors',
        '/corrections',
        '/pages',
        '/pages/{id}',
        '/pages/by-slug/{slug}',
        '/search',
        '/settings',
      ].sort(),
    );
  });

  it('renders a readable reference page under the strict CSP, with no script', async () => {
    const response = await t.app.inject('/api/v1/docs');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.body).toContain('/articles/{id}/comments');
    expect(response.body).toContain('ArticleListItem');
    expect(response.body).not.toMatch(/<script|style=/);
    expect(response.body).toContain('href="/api/v1/openapi.json"');
    const css = await t.app.inject('/api/v1/docs.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('lists published articles newest first, never a draft or an unpublished one', async () => {
    const body = await json('/api/v1/articles');
    conforms('/articles', body);
    component('ArticleList', body);
    const slugs = body.items.map((a: { slug: string }) => a.slug);
    expect(slugs).toEqual(['kharkiv', 'local-twin', 'local-5', 'local-4', 'local-3', 'local-2', 'local-1']);
    expect(body.nextCursor).toBeNull();
    const first = body.items[0];
    expect(first.url).toBe('http://127.0.0.1:3000/articles/kharkiv');
    expect(first.section).toEqual({ id: f.ids.world, slug: 'world', name: 'World' });
    expect(first.authors.map((a: { slug: string }) => a.slug)).toEqual(['ben-okafor', 'ana-reyes']);
    expect(first.hero.credit).toEqual({
      person: 'Ann Photographer',
      organization: 'Agency',
      line: 'Ann Photographer, Agency',
    });
    expect(first.hero.licence.rights).toBe('licensed');
    expect(first.hero.variants).toHaveLength(4);
    expect(first.hero.variants[0].url).toBe('http://127.0.0.1:3000/media/hero/640.avif');
  });

  it('filters by section, tag, author and updated_since, alone and together', async () => {
    const slugs = async (query: string) =>
      (await json(`/api/v1/articles?${query}`)).items.map((a: { slug: string }) => a.slug);
    expect(await slugs('section=world')).toEqual(['kharkiv']);
    expect(await slugs('tag=war')).toEqual(['kharkiv']);
    expect(await slugs('author=ben-okafor')).toEqual(['kharkiv']);
    expect(await slugs('author=ana-reyes&section=local&limit=2')).toEqual(['local-twin', 'local-5']);
    expect(await slugs('updated_since=2026-11-14T00:00:00Z')).toEqual([
      'kharkiv',
      'local-twin',
      'local-5',
      'local-4',
    ]);
    expect(await slugs('updated_since=2026-11-14T01:00:00%2B01:00&section=local')).toEqual([
      'local-twin',
      'local-5',
      'local-4',
    ]);
    expect(await slugs('tag=war&section=local')).toEqual([]);
  });

  it('walks the whole list with the cursor: every article once, ties on the publication time included', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body = await json(`/api/v1/articles?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      conforms('/articles', body);
      seen.push(...body.items.map((a: { slug: string }) => a.slug));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(['kharkiv', 'local-twin', 'local-5', 'local-4', 'local-3', 'local-2', 'local-1']);
  });

  it('gives only the fields asked for, id always among them', async () => {
    const body = await json('/api/v1/articles?fields=headline,url&limit=1');
    conforms('/articles', body);
    expect(body.items).toEqual([
      { id: f.ids.kharkiv, headline: 'Headline of kharkiv', url: 'http://127.0.0.1:3000/articles/kharkiv' },
    ]);
  });

  it('answers a bad parameter with 400 in the one error shape, naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=101', 'limit'],
      ['updated_since=yesterday', 'updated_since'],
      ['cursor=not-a-cursor', 'cursor'],
      ['fields=headline,password', 'fields'],
      ['section=nowhere', 'section'],
      ['tag=no-such-tag', 'tag'],
      ['author=nobody', 'author'],
      ['section=Not%20A%20Slug', 'section'],
      ['sectoin=world', 'sectoin'],
    ];
    for (const [query, parameter] of cases) {
      const response = await get(`/api/v1/articles?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/json');
      const body = response.json();
      ajv.getSchema('doc#/components/schemas/Error')!(body);
      expect(body.error.code, query).toBe('INVALID');
      expect(Object.keys(body.error.fields), query).toContain(parameter);
    }
    const page = await get('/api/v1/corrections?page=0');
    expect(page.statusCode).toBe(400);
    expect(page.json().error.fields).toHaveProperty('page');
  });

  it('searches published articles, with passages, filters and pages, valid against the document', async () => {
    const body = await json('/api/v1/search?q=kharkiv');
    conforms('/search', body);
    component('SearchResult', body);
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      id: f.ids.kharkiv,
      slug: 'kharkiv',
      url: 'http://127.0.0.1:3000/articles/kharkiv',
      section: 'world',
      publishedAt: '2026-11-24T08:00:00.000Z',
      snippetHtml: 'First &lt;paragraph&gt; &amp; more.',
    });
    const all = await json('/api/v1/search?q=paragraph&limit=3&page=2');
    conforms('/search', all);
    expect(all.total).toBe(7);
    expect(all.pages).toBe(3);
    expect(all.items).toHaveLength(3);
    expect(all.items.map((i: { slug: string }) => i.slug)).not.toContain('draft-one');
    const local = await json('/api/v1/search?q=paragraph&section=local&from=2026-11-14&to=2026-11-16');
    expect(local.items.map((i: { slug: string }) => i.slug).sort()).toEqual([
      'local-4',
      'local-5',
      'local-twin',
    ]);
    // Hostile queries are plain words: nothing found, never an error.
    for (const q of [
      '%22',
      'NOT%20OR%20AND',
      '*',
      'title%3Ax%20%7B%7D%20(%20)%20-%5E',
      '%27%3B%20drop%20table%20articles%3B--',
    ]) {
      const found = await json(`/api/v1/search?q=${q}`);
      conforms('/search', found);
      expect(found.total, q).toBe(0);
    }
    for (const [query, parameter] of [
      ['q=', 'q'],
      ['q=%20%20', 'q'],
      ['', 'q'],
      ['q=x&from=yesterday', 'from'],
      ['q=x&section=nowhere', 'section'],
      ['q=x&limit=101', 'limit'],
      ['q=x&page=10001', 'page'],
    ] as const) {
      const response = await get(`/api/v1/search?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(Object.keys(response.json().error.fields), query).toContain(parameter);
    }
  });

  it('gives one article whole by id and by slug: body as document and HTML, images, authors, tags, corrections', async () => {
    const byId = await json(`/api/v1/articles/${f.ids.kharkiv}`);
    conforms('/articles/{id}', byId);
    const bySlug = await json('/api/v1/articles/by-slug/kharkiv');
    conforms('/articles/by-slug/{slug}', bySlug);
    expect(bySlug).toEqual(byId);
    expect(byId.body.type).toBe('doc');
    expect(byId.body.content[0].content[0].text).toBe('First <paragraph> & more.');
    expect(byId.bodyHtml).toContain('<p>First &lt;paragraph> &amp; more.</p>');
    expect(byId.bodyHtml).toContain('<figure');
    expect(byId.bodyHtml).toContain('src="http://127.0.0.1:3000/media/figure/1200.jpg"');
    expect(byId.bodyHtml).not.toMatch(/(src|srcset)="\//);
    expect(byId.images.map((i: { id: number }) => i.id).sort()).toEqual([f.ids.hero, f.ids.figure].sort());
    const figure = byId.images.find((i: { id: number }) => i.id === f.ids.figure);
    expect(figure.caption).toBe('Caption for figure');
    expect(figure.licence).toEqual({
      rights: 'licensed',
      url: 'https://example.org/licence',
      expiresAt: null,
      copyrightNotice: '© Agency',
    });
    expect(byId.tags).toEqual([
      { id: f.ids.war, slug: 'war', name: 'War', url: 'http://127.0.0.1:3000/tags/war' },
    ]);
    expect(byId.dateline).toBe('KHARKIV, Ukraine');
    expect(byId.corrections).toEqual([
      {
        kind: 'correction',
        text: 'An earlier version misspelt a name.',
        placement: 'top',
        publishedAt: '2026-11-24T13:00:00.000Z',
      },
    ]);
  });

  it('says 404 in the error shape for a draft, an unpublished article, an unknown id or slug', async () => {
    for (const path of [
      `/api/v1/articles/${f.ids.draft}`,
      `/api/v1/articles/${f.ids.pulled}`,
      '/api/v1/articles/999999',
      '/api/v1/articles/by-slug/draft-one',
      '/api/v1/articles/by-slug/nothing-here',
      '/api/v1/articles/0x10',
      `/api/v1/articles/${f.ids.draft}/comments`,
      '/api/v1/no-such-endpoint',
    ]) {
      const response = await get(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.json().error.code, path).toBe('NOT_FOUND');
    }
  });

  it('answers HEAD as GET without the body, behind the same key', async () => {
    const head = await t.app.inject({
      method: 'HEAD',
      url: '/api/v1/sections',
      headers: { authorization: `Bearer ${f.key}` },
    });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers.etag).toBe((await get('/api/v1/sections')).headers.etag);
    expect((await t.app.inject({ method: 'HEAD', url: '/api/v1/sections' })).statusCode).toBe(401);
  });

  it('lists sections, tags, authors, corrections and the site settings', async () => {
    const sections = await json('/api/v1/sections');
    conforms('/sections', sections);
    expect(sections.items.map((s: { slug: string }) => s.slug)).toEqual(['world', 'local']);
    const tags = await json('/api/v1/tags');
    conforms('/tags', tags);
    expect(tags.items).toEqual([
      { id: f.ids.war, slug: 'war', name: 'War', url: 'http://127.0.0.1:3000/tags/war', articleCount: 1 },
    ]);
    const authors = await json('/api/v1/authors');
    conforms('/authors', authors);
    expect(
      authors.items.map((a: { slug: string; articleCount: number }) => [a.slug, a.articleCount]),
    ).toEqual([
      ['ana-reyes', 7],
      ['ben-okafor', 1],
    ]);
    const corrections = await json('/api/v1/corrections');
    conforms('/corrections', corrections);
    expect(corrections.items[0]).toMatchObject({
      kind: 'correction',
      article: { slug: 'kharkiv', url: 'http://127.0.0.1:3000/articles/kharkiv' },
    });
    const settings = await json('/api/v1/settings');
    conforms('/settings', settings);
    expect(settings).toMatchObject({ siteName: 'Broadsheet', language: 'en', url: 'http://127.0.0.1:3000' });
  });

  it('gives approved comments only, in conversation order, with public fields only', async () => {
    const response = await get(`/api/v1/articles/${f.ids.kharkiv}/comments`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    conforms('/articles/{id}/comments', body);
    expect(
      body.items.map((c: { authorName: string; parentId: number | null }) => [c.authorName, c.parentId]),
    ).toEqual([
      ['Reader One', null],
      ['Reader Two', f.ids.first],
    ]);
    expect(body.total).toBe(2);
    expect(response.body).not.toContain('Held Reader');
    expect(response.body).not.toContain('Spammer');
    for (const secret of [
      COMMENTER_EMAIL,
      'hashed-email-key-value',
      'hashed-network-key-value',
      'hashed-body-value',
    ]) {
      expect(response.body).not.toContain(secret);
    }
    expect(Object.keys(body.items[0]).sort()).toEqual(
      [
        'authorName',
        'authorUrl',
        'body',
        'createdAt',
        'depth',
        'editedAt',
        'fromStaff',
        'id',
        'parentId',
        'removed',
      ].sort(),
    );
  });

  it('never gives an email address or a hash anywhere', async () => {
    for (const path of [
      '/api/v1/articles',
      `/api/v1/articles/${f.ids.kharkiv}`,
      '/api/v1/authors',
      `/api/v1/articles/${f.ids.kharkiv}/comments`,
      '/api/v1/settings',
      '/api/v1/corrections',
    ]) {
      const body = (await get(path)).body;
      expect(body, path).not.toMatch(/@example\.org|email|_key|ip_|hash/i);
    }
  });
});
