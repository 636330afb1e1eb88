// The WordPress-shaped API through the whole app on both databases: every route, its parameters and errors,
// WordPress's headers and shapes, _embed and _fields, caching, and that nothing unpublished or private shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, post, signInAs } from '../../test/support/newsroom.js';
import { type Fixture, seedWordPressFixture as seed } from '../../test/support/wordpress-fixture.js';
import { articleTag, listingTagsOf } from '../articles/cache-tags.js';
import { EVERYTHING } from '../http/tagged-cache.js';
import { saveSiteSettings } from '../site/settings.js';

const pageDoc = (text: string) =>
  JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

const BASE = 'http://127.0.0.1:3000';
const API = `${BASE}/wp-json/wp/v2`;

describe.each(testDatabases)('the WordPress API on $name', (database) => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await buildTestApp({ database, env: { PUBLIC_URL: BASE } });
    f = await seed(t.storage.db);
  });
  afterAll(() => t?.close());

  async function get(url: string, status = 200, headers: Record<string, string> = {}) {
    const res = await t.app.inject({ method: 'GET', url, headers });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
    return { res, body: status === 304 ? null : JSON.parse(res.body) };
  }

  it('answers the discovery index with its namespace and routes', async () => {
    const { body, res } = await get('/wp-json/');
    expect(res.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(body.namespaces).toEqual(['wp/v2']);
    expect(body.url).toBe(BASE);
    for (const route of ['/wp/v2/posts', '/wp/v2/posts/(?P<id>[\\d]+)', '/wp/v2/categories', '/wp/v2/media'])
      expect(body.routes[route].methods, route).toEqual(['GET']);
    expect(body.routes['/wp/v2/posts']._links.self[0].href).toBe(`${API}/posts`);
    expect((await get('/wp-json')).body.name).toBe(body.name);
    expect((await get('/wp-json/wp/v2')).body.namespace).toBe('wp/v2');
  });

  it('lists published posts newest first in WordPress shape, with its collection headers', async () => {
    const { body, res } = await get('/wp-json/wp/v2/posts');
    expect(body.map((p: { id: number }) => p.id)).toEqual([...f.posts].reverse());
    expect(res.headers['x-wp-total']).toBe('5');
    expect(res.headers['x-wp-totalpages']).toBe('1');
    expect(res.headers.link).toBeUndefined();
    expect(res.headers['access-control-expose-headers']).toContain('X-WP-Total');
    const first = body.find((p: { id: number }) => p.id === f.posts[0]);
    expect(first).toMatchObject({
      date: '2026-11-01T10:00:00',
      date_gmt: '2026-11-01T10:00:00',
      modified_gmt: '2026-11-01T10:00:00',
      slug: 'story-1',
      status: 'publish',
      type: 'post',
      link: `${BASE}/articles/story-1`,
      title: { rendered: 'Story number 1' },
      excerpt: { rendered: '<p>Dek 1</p>\n', protected: false },
      author: f.ana,
      featured_media: f.hero,
      categories: [f.world],
      tags: [f.climate],
    });
    expect(first.content.protected).toBe(false);
    expect(first.content.rendered).toContain('<p>First paragraph.</p>');
    expect(first._links.self).toEqual([{ href: `${API}/posts/${f.posts[0]}` }]);
    expect(first._links.collection).toEqual([{ href: `${API}/posts` }]);
    expect(first._links.author).toEqual([{ embeddable: true, href: `${API}/users/${f.ana}` }]);
    expect(first._links['wp:featuredmedia']).toEqual([{ embeddable: true, href: `${API}/media/${f.hero}` }]);
    expect(first._links.replies).toEqual([{ embeddable: true, href: `${API}/comments?post=${f.posts[0]}` }]);
    expect(first._links['wp:term']).toEqual([
      { taxonomy: 'category', embeddable: true, href: `${API}/categories?post=${f.posts[0]}` },
      { taxonomy: 'post_tag', embeddable: true, href: `${API}/tags?post=${f.posts[0]}` },
    ]);
    // Titles are HTML, escaped as WordPress renders them.
    expect(body.find((p: { slug: string }) => p.slug === 'story-3').title.rendered).toBe(
      'Floods &lt;reach&gt; the valley',
    );
  });

  it('writes date in the site time zone and date_gmt in UTC', async () => {
    await saveSiteSettings(t.storage.db, { siteName: 'Broadsheet', timeZone: 'Europe/Berlin' }, new Date());
    await t.deps.events.changed([EVERYTHING]);
    const { body } = await get(`/wp-json/wp/v2/posts/${f.posts[0]}?_fields=date,date_gmt,modified`);
    expect(body).toEqual({
      date: '2026-11-01T11:00:00',
      date_gmt: '2026-11-01T10:00:00',
      modified: '2026-11-01T11:00:00',
    });
    expect((await get('/wp-json/')).body).toMatchObject({ timezone_string: 'Europe/Berlin' });
    // A wall time without a zone is read in the site's zone, as WordPress reads `after`.
    const after = await get(`/wp-json/wp/v2/posts?after=2026-11-01T10:30:00&_fields=id`);
    expect(after.body.map((p: { id: number }) => p.id)).toContain(f.posts[0]);
    await saveSiteSettings(t.storage.db, { siteName: 'Broadsheet', timeZone: 'UTC' }, new Date());
    await t.deps.events.changed([EVERYTHING]);
    expect((await get(`/wp-json/wp/v2/posts/${f.posts[0]}?_fields=date`)).body.date).toBe(
      '2026-11-01T10:00:00',
    );
  });

  it('pages with per_page and page, with Link rel=prev/next and X-WP-TotalPages', async () => {
    const { body, res } = await get('/wp-json/wp/v2/posts?per_page=2&page=2');
    expect(body.map((p: { id: number }) => p.id)).toEqual([f.posts[2], f.posts[1]]);
    expect(res.headers['x-wp-total']).toBe('5');
    expect(res.headers['x-wp-totalpages']).toBe('3');
    expect(res.headers.link).toBe(
      `<${API}/posts?page=1&per_page=2>; rel="prev", <${API}/posts?page=3&per_page=2>; rel="next"`,
    );
    const head = await t.app.inject({ method: 'HEAD', url: '/wp-json/wp/v2/posts?per_page=2&page=2' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['x-wp-totalpages']).toBe('3');
    expect(head.body).toBe('');
    const offset = await get('/wp-json/wp/v2/posts?per_page=2&offset=4');
    expect(offset.body.map((p: { id: number }) => p.id)).toEqual([f.posts[0]]);
  });

  it('refuses a bad per_page and a page past the last as WordPress does', async () => {
    for (const bad of ['0', '101', 'ten']) {
      const { body, res } = await get(`/wp-json/wp/v2/posts?per_page=${bad}`, 400);
      expect(body.code).toBe('rest_invalid_param');
      expect(body.message).toBe('Invalid parameter(s): per_page');
      expect(body.data.status).toBe(400);
      expect(Object.keys(body.data.params)).toEqual(['per_page']);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
    expect((await get('/wp-json/wp/v2/posts?per_page=100')).body).toHaveLength(5);
    const past = await get('/wp-json/wp/v2/posts?per_page=2&page=4', 400);
    expect(past.body).toEqual({
      code: 'rest_post_invalid_page_number',
      message: 'The page number requested is larger than the number of pages available.',
      data: { status: 400 },
    });
    const bad = await get('/wp-json/wp/v2/posts?order=up&orderby=random&include=1,x', 400);
    expect(Object.keys(bad.body.data.params).sort()).toEqual(['include', 'order', 'orderby']);
    expect(bad.body.data.params.order).toBe('order is not one of asc and desc.');
    expect((await get('/wp-json/wp/v2/posts?after=yesterday', 400)).body.data.params.after).toBe(
      'Invalid date.',
    );
    expect((await get('/wp-json/wp/v2/posts?orderby=relevance', 400)).body.code).toBe(
      'rest_no_search_term_defined',
    );
    expect((await get('/wp-json/wp/v2/posts?status=draft', 400)).body.code).toBe('rest_invalid_param');
    expect((await get('/wp-json/wp/v2/posts?context=edit', 401)).body.code).toBe('rest_forbidden_context');
    expect((await get('/wp-json/wp/v2/categories?per_page=0', 400)).body.code).toBe('rest_invalid_param');
    expect((await get(`/wp-json/wp/v2/posts/${f.posts[0]}?context=edit`, 401)).body.code).toBe(
      'rest_forbidden_context',
    );
    expect(
      (await get(`/wp-json/wp/v2/users/${f.ana}?context=everything`, 400)).body.data.params.context,
    ).toBe('context is not one of view, embed and edit.');
    expect((await get('/wp-json/wp/v2/comments?page=9', 400)).body.code).toBe(
      'rest_comment_invalid_page_number',
    );
  });

  it('filters by search, categories, tags, author, slug, dates, include and exclude', async () => {
    const ids = async (query: string) =>
      (await get(`/wp-json/wp/v2/posts?${query}`)).body.map((p: { id: number }) => p.id);
    const [p1, p2, p3, p4, p5] = f.posts as [number, number, number, number, number];
    expect(await ids('search=floods')).toEqual([p3]);
    expect(await ids('search=DEK%204')).toEqual([p4]);
    expect(await ids('search=first%20paragraph&per_page=1')).toEqual([p5]);
    // The words of the stories, not of the body's stored structure, nor of the draft.
    expect(await ids('search=type')).toEqual([]);
    expect(await ids('search=doc')).toEqual([]);
    expect(await ids('search=secret')).toEqual([]);
    expect(await ids('search=%21%21%21')).toEqual([]);
    expect(await ids('search=flood*')).toEqual([p3]);
    expect(await ids('search=FLOODS%20valley')).toEqual([p3]);
    expect(await ids(`search=story&categories=${f.local}`)).toEqual([p4, p2]);
    expect(await ids('search=story&after=2026-11-03T00:00:00Z')).toEqual([p5, p4]);
    expect(await ids(`categories=${f.local}`)).toEqual([p4, p2]);
    expect(
      await ids(`categories[]=${f.local}&categories[]=${f.world}&categories_exclude=${f.world}`),
    ).toEqual([p4, p2]);
    expect(await ids(`tags=${f.climate}`)).toEqual([p5, p2, p1]);
    expect(await ids(`tags=${f.climate}&tags_exclude=${f.elections}`)).toEqual([p2, p1]);
    expect(await ids(`author=${f.ben}`)).toEqual([p2]);
    expect(await ids(`author_exclude=${f.ben}`)).toEqual([p5, p4, p3, p1]);
    expect(await ids(`author=${f.hidden}`)).toEqual([]);
    expect(await ids('slug=story-2,story-4')).toEqual([p4, p2]);
    expect(await ids('slug=secret-draft')).toEqual([]);
    expect(await ids('after=2026-11-03T00:00:00Z&before=2026-11-05T00:00:00')).toEqual([p4, p3]);
    expect(await ids(`include=${p1},${p3},${f.draft}`)).toEqual([p3, p1]);
    expect(await ids(`include=${p1},${p3}&orderby=include`)).toEqual([p1, p3]);
    expect(await ids(`exclude=${p5}&order=asc`)).toEqual([p1, p2, p3, p4]);
    expect(await ids('orderby=title&order=asc&per_page=2')).toEqual([p3, p1]);
    expect(await ids('orderby=slug&order=desc&per_page=1')).toEqual([p5]);
    expect(await ids('search=story&orderby=relevance&per_page=1')).toEqual([p5]);
    // Headline before dek before body, each newest first; ordered by date without orderby=relevance.
    expect(await ids('search=dek%203&orderby=relevance')).toEqual([p3]);
    expect(await ids('search=valley&orderby=relevance')).toEqual([p3]);
    expect(await ids('search=number&orderby=relevance')).toEqual([p5, p4, p2, p1]);
    expect(await ids('sticky=true')).toEqual([]);
  });

  it('answers one post by id, and 404 rest_post_invalid_id for a missing or unpublished one', async () => {
    const { body } = await get(`/wp-json/wp/v2/posts/${f.posts[1]}`);
    expect(body.id).toBe(f.posts[1]);
    expect(body.author).toBe(f.ben);
    expect(body._links.author).toHaveLength(2);
    for (const id of [f.draft, f.unpublished, 999999]) {
      const missing = await get(`/wp-json/wp/v2/posts/${id}`, 404);
      expect(missing.body).toEqual({
        code: 'rest_post_invalid_id',
        message: 'Invalid post ID.',
        data: { status: 404 },
      });
    }
  });

  it('embeds authors, the featured image, terms and replies with _embed', async () => {
    const { body } = await get(`/wp-json/wp/v2/posts/${f.posts[0]}?_embed`);
    const e = body._embedded;
    expect(e.author).toEqual([
      {
        id: f.ana,
        name: 'Ana Reporter',
        url: '',
        description: 'Ana Reporter reports.',
        link: `${BASE}/authors/ana`,
        slug: 'ana',
        _links: expect.any(Object),
      },
    ]);
    expect(e['wp:featuredmedia'][0]).toMatchObject({
      id: f.hero,
      alt_text: 'Alt for hero',
      media_type: 'image',
    });
    expect(e['wp:term']).toEqual([
      [expect.objectContaining({ id: f.world, name: 'World &amp; Co', slug: 'world', taxonomy: 'category' })],
      [expect.objectContaining({ id: f.climate, name: 'Climate', taxonomy: 'post_tag' })],
    ]);
    expect(e.replies[0].map((c: { id: number }) => c.id).sort()).toEqual([f.comment, f.reply].sort());
    const some = await get(`/wp-json/wp/v2/posts?_embed=author&per_page=1&include=${f.posts[1]}`);
    expect(Object.keys(some.body[0]._embedded)).toEqual(['author']);
    expect(some.body[0]._embedded.author.map((u: { id: number }) => u.id)).toEqual([f.ben, f.ana]);
    expect((await get('/wp-json/wp/v2/posts?per_page=1')).body[0]._embedded).toBeUndefined();
  });

  it('keeps only the fields _fields names, nested ones too', async () => {
    const { body } = await get('/wp-json/wp/v2/posts?_fields=id,title.rendered,_links.self&per_page=1');
    expect(body).toEqual([
      {
        id: f.posts[4],
        title: { rendered: 'Story number 5' },
        _links: { self: [{ href: `${API}/posts/${f.posts[4]}` }] },
      },
    ]);
    const embedded = await get(`/wp-json/wp/v2/posts/${f.posts[0]}?_embed&_fields=id,_embedded.author`);
    expect(Object.keys(embedded.body)).toEqual(['id', '_embedded']);
    expect(Object.keys(embedded.body._embedded)).toEqual(['author']);
    const noEmbed = await get(`/wp-json/wp/v2/posts/${f.posts[0]}?_embed&_fields=id`);
    expect(noEmbed.body).toEqual({ id: f.posts[0] });
  });

  it('lists sections as categories and tags with counts of published stories', async () => {
    const cats = (await get('/wp-json/wp/v2/categories')).body;
    expect(cats.map((c: { slug: string; count: number }) => [c.slug, c.count])).toEqual([
      ['local', 2],
      ['world', 3],
    ]);
    expect(cats[1]).toMatchObject({
      id: f.world,
      name: 'World &amp; Co',
      description: 'News about World & Co',
      link: `${BASE}/sections/world`,
      taxonomy: 'category',
      parent: 0,
    });
    expect(cats[1]._links['wp:post_type']).toEqual([{ href: `${API}/posts?categories=${f.world}` }]);
    const tags = (await get('/wp-json/wp/v2/tags?orderby=count&order=desc')).body;
    expect(tags.map((x: { slug: string; count: number }) => [x.slug, x.count])).toEqual([
      ['climate', 3],
      ['elections', 1],
    ]);
    expect(tags[0].taxonomy).toBe('post_tag');
    expect(
      (await get(`/wp-json/wp/v2/tags?post=${f.posts[4]}`)).body.map((x: { id: number }) => x.id).sort(),
    ).toEqual([f.climate, f.elections].sort());
    expect((await get(`/wp-json/wp/v2/tags?post=${f.draft}`)).body).toEqual([]);
    expect((await get(`/wp-json/wp/v2/categories?slug=world`)).body.map((c: { id: number }) => c.id)).toEqual(
      [f.world],
    );
    expect((await get(`/wp-json/wp/v2/categories/${f.local}`)).body.slug).toBe('local');
    expect((await get('/wp-json/wp/v2/categories/9999', 404)).body.code).toBe('rest_term_invalid');
    expect((await get('/wp-json/wp/v2/tags?search=elec')).body).toHaveLength(1);
  });

  it('lists as users only authors of published stories, with public fields and never an email', async () => {
    const { body, res } = await get('/wp-json/wp/v2/users');
    expect(body.map((u: { slug: string }) => u.slug)).toEqual(['ana', 'ben']);
    expect(res.headers['x-wp-total']).toBe('2');
    expect(Object.keys(body[0]).sort()).toEqual([
      '_links',
      'description',
      'id',
      'link',
      'meta',
      'name',
      'slug',
      'url',
    ]);
    expect((await get(`/wp-json/wp/v2/users/${f.hidden}`, 404)).body.code).toBe('rest_user_invalid_id');
    expect((await get(`/wp-json/wp/v2/users/${f.ben}`)).body.name).toBe('Ben Writer');
    expect((await get('/wp-json/wp/v2/users/me', 401)).body.code).toBe('rest_not_logged_in');
  });

  it('lists the images published stories use, with sizes, caption and credit, and no other', async () => {
    const { body } = await get('/wp-json/wp/v2/media');
    expect(body.map((m: { id: number }) => m.id)).toEqual([f.bodyImage, f.hero]);
    expect(body[0].post).toBe(f.posts[1]);
    const item = (await get(`/wp-json/wp/v2/media/${f.hero}`)).body;
    expect(item).toMatchObject({
      id: f.hero,
      type: 'attachment',
      media_type: 'image',
      mime_type: 'image/jpeg',
      alt_text: 'Alt for hero',
      caption: { rendered: '<p>Caption for hero</p>\n' },
      source_url: `${BASE}/media/hero/1200.jpg`,
      post: f.posts[0],
      link: `${BASE}/articles/story-1`,
    });
    expect(item.media_details.image_meta).toMatchObject({
      credit: 'Ann Photographer, Agency',
      copyright: '© Agency',
    });
    expect(item.media_details.sizes.full).toMatchObject({
      width: 1200,
      source_url: `${BASE}/media/hero/1200.jpg`,
    });
    expect(item.media_details.sizes.medium).toMatchObject({ width: 640, mime_type: 'image/jpeg' });
    expect(item.media_details.sizes['avif-640']).toMatchObject({ mime_type: 'image/avif' });
    expect(JSON.stringify(item)).not.toContain('original.jpg');
    expect((await get(`/wp-json/wp/v2/media/${f.draftHero}`, 404)).body.code).toBe('rest_post_invalid_id');
    expect((await get(`/wp-json/wp/v2/media?parent=${f.posts[0]}`)).body).toHaveLength(1);
    expect(
      (await get(`/wp-json/wp/v2/media?parent=${f.posts[1]}`)).body.map((m: { id: number }) => m.id),
    ).toEqual([f.bodyImage]);
    expect((await get(`/wp-json/wp/v2/media?parent=${f.posts[2]}`)).body).toEqual([]);
  });

  it('lists approved comments on published stories only, filtered by post, with no email', async () => {
    const all = await get('/wp-json/wp/v2/comments');
    expect(all.body.map((c: { id: number }) => c.id).sort()).toEqual([f.comment, f.reply].sort());
    expect(all.res.headers.etag).toMatch(/^W\//);
    expect(
      (await get('/wp-json/wp/v2/comments', 304, { 'if-none-match': all.res.headers.etag as string })).res
        .body,
    ).toBe('');
    const forPost = await get(`/wp-json/wp/v2/comments?post=${f.posts[0]}&order=asc`);
    expect(forPost.body.map((c: { id: number }) => c.id)).toEqual([f.comment, f.reply]);
    const reply = forPost.body[1];
    expect(reply).toMatchObject({
      post: f.posts[0],
      parent: f.comment,
      author: 0,
      author_name: 'Reader 2',
      author_url: 'https://reader.example/',
      status: 'approved',
      type: 'comment',
      link: `${BASE}/comments/${f.reply}`,
    });
    expect(reply.content.rendered).toContain('<p>Comment 2');
    expect(reply._links.up).toEqual([
      { embeddable: true, post_type: 'post', href: `${API}/posts/${f.posts[0]}` },
    ]);
    expect((await get(`/wp-json/wp/v2/comments?post=${f.draft}`)).body).toEqual([]);
    expect((await get(`/wp-json/wp/v2/comments?parent=0`)).body.map((c: { id: number }) => c.id)).toEqual([
      f.comment,
    ]);
    expect((await get(`/wp-json/wp/v2/comments/${f.reply}`)).body.id).toBe(f.reply);
    expect((await get('/wp-json/wp/v2/comments/999999', 404)).body.code).toBe('rest_comment_invalid_id');
  });

  it('serves published static pages in WordPress’s page shape, filtered, paged and trimmed; never a draft', async () => {
    const editor = await signInAs(t.app, (await addStaff(t.storage.db, 'editor')).email);
    const createPage = async (fields: Record<string, string>, publish: boolean) => {
      const made = await post(
        t.app,
        '/admin/pages',
        { baseVersion: '0', bodyFormat: 'json', description: '', ...fields },
        editor,
      );
      expect(made.statusCode, made.body.slice(0, 300)).toBe(303);
      const id = Number(/\/admin\/pages\/(\d+)$/.exec(made.headers.location as string)![1]);
      if (publish) expect((await post(t.app, `/admin/pages/${id}/publish`, {}, editor)).statusCode).toBe(303);
      return id;
    };
    const about = await createPage(
      { title: 'About <us>', slug: 'about', description: 'Who we are.', body: pageDoc('We report.') },
      true,
    );
    const ethics = await createPage(
      { title: 'Ethics policy', slug: 'ethics', body: pageDoc('No gifts.') },
      true,
    );
    const draft = await createPage(
      { title: 'Secret plans', slug: 'plans', body: pageDoc('Not yet.') },
      false,
    );

    const { body, res } = await get('/wp-json/wp/v2/pages');
    expect(body.map((p: { id: number }) => p.id)).toEqual([ethics, about]);
    expect(res.headers['x-wp-total']).toBe('2');
    expect(res.headers['x-wp-totalpages']).toBe('1');
    const shown = body.find((p: { id: number }) => p.id === about);
    expect(shown).toMatchObject({
      id: about,
      slug: 'about',
      status: 'publish',
      type: 'page',
      link: `${BASE}/about`,
      guid: { rendered: `${BASE}/about` },
      title: { rendered: 'About &lt;us&gt;' },
      content: { rendered: expect.stringContaining('<p>We report.</p>'), protected: false },
      excerpt: { rendered: '<p>Who we are.</p>\n', protected: false },
      author: 0,
      parent: 0,
      menu_order: 0,
      template: '',
    });
    expect(shown.date_gmt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(shown.modified_gmt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(shown._links.self).toEqual([{ href: `${API}/pages/${about}` }]);
    expect(shown._links.collection).toEqual([{ href: `${API}/pages` }]);
    expect((await get(`/wp-json/wp/v2/pages/${about}`)).body).toEqual(shown);

    const paged = await get('/wp-json/wp/v2/pages?per_page=1&page=2');
    expect(paged.body.map((p: { id: number }) => p.id)).toEqual([about]);
    expect(paged.res.headers['x-wp-totalpages']).toBe('2');
    expect(paged.res.headers.link).toBe(`<${API}/pages?page=1&per_page=1>; rel="prev"`);
    const ids = async (query: string) =>
      (await get(`/wp-json/wp/v2/pages?${query}`)).body.map((p: { id: number }) => p.id);
    expect(await ids('slug=about')).toEqual([about]);
    expect(await ids('slug=plans')).toEqual([]);
    expect(await ids('search=ETHIC')).toEqual([ethics]);
    expect(await ids('search=nothing%25like')).toEqual([]);
    expect(await ids(`exclude=${ethics}`)).toEqual([about]);
    expect(await ids(`include=${about},${draft}`)).toEqual([about]);
    expect(await ids('order=asc&orderby=menu_order')).toEqual([about, ethics]);
    expect(await ids('parent=0')).toEqual([ethics, about]);
    expect(await ids('parent=7')).toEqual([]);
    expect((await get(`/wp-json/wp/v2/pages?_fields=id,title.rendered&slug=about`)).body).toEqual([
      { id: about, title: { rendered: 'About &lt;us&gt;' } },
    ]);

    expect((await get(`/wp-json/wp/v2/pages/${draft}`, 404)).body.code).toBe('rest_post_invalid_id');
    expect((await get('/wp-json/wp/v2/pages/999999', 404)).body.code).toBe('rest_post_invalid_id');
    expect((await get('/wp-json/wp/v2/pages?page=9', 400)).body.code).toBe('rest_page_invalid_page_number');
    expect((await get('/wp-json/wp/v2/pages?status=draft', 400)).body.code).toBe('rest_invalid_param');
    expect((await get('/wp-json/wp/v2/pages?orderby=title', 400)).body.code).toBe('rest_invalid_param');

    // An edit drops the cached answers that showed the page.
    const saved = await post(
      t.app,
      `/admin/pages/${about}`,
      {
        baseVersion: '1',
        title: 'About the Ledger',
        slug: 'about',
        bodyFormat: 'json',
        body: pageDoc('New.'),
      },
      editor,
    );
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
    expect((await get(`/wp-json/wp/v2/pages/${about}`)).body.title.rendered).toBe('About the Ledger');
    expect((await get('/wp-json/wp/v2/pages')).body[1].title.rendered).toBe('About the Ledger');
  });

  it('never shows an email, a draft or an unpublished story anywhere', async () => {
    const urls = [
      '/wp-json/',
      '/wp-json/wp/v2/posts?per_page=100&_embed',
      '/wp-json/wp/v2/users?per_page=100',
      '/wp-json/wp/v2/media?per_page=100',
      '/wp-json/wp/v2/comments?per_page=100',
      '/wp-json/wp/v2/tags',
      '/wp-json/wp/v2/categories',
    ];
    for (const url of urls) {
      const { res } = await get(url);
      expect(res.body, url).not.toMatch(/@example\.org|email/i);
      expect(res.body, url).not.toMatch(/secret-draft|Secret floods|withdrawn|Hidden Drafter|drafthero/);
    }
  });

  it('refuses every write as WordPress refuses a visitor, and answers rest_no_route for unknown paths', async () => {
    const send = (method: 'POST' | 'PUT' | 'DELETE', url: string) =>
      t.app.inject({ method, url, payload: { title: 'x' } });
    const create = await send('POST', '/wp-json/wp/v2/posts');
    expect(create.statusCode).toBe(401);
    expect(create.json()).toEqual({
      code: 'rest_cannot_create',
      message: 'Sorry, you are not allowed to create posts as this user.',
      data: { status: 401 },
    });
    expect((await send('PUT', `/wp-json/wp/v2/posts/${f.posts[0]}`)).json().code).toBe('rest_cannot_edit');
    expect((await send('DELETE', `/wp-json/wp/v2/posts/${f.posts[0]}`)).json().code).toBe(
      'rest_cannot_delete',
    );
    expect((await send('POST', '/wp-json/wp/v2/comments')).json().code).toBe('rest_comment_login_required');
    expect((await send('POST', '/wp-json/wp/v2/media')).statusCode).toBe(401);
    const after = await get(`/wp-json/wp/v2/posts/${f.posts[0]}?_fields=title`);
    expect(after.body.title.rendered).toBe('Story number 1');
    const none = await get('/wp-json/wp/v2/widgets', 404);
    expect(none.body.code).toBe('rest_no_route');
    expect((await get('/wp-json/wp/v2/posts/abc', 404)).body.code).toBe('rest_no_route');
    // One address per post: no leading zero.
    expect((await get(`/wp-json/wp/v2/posts/0${f.posts[0]}`, 404)).body.code).toBe('rest_no_route');
  });

  it('is cacheable: ETag and 304, Cache-Control, and an edit drops the cached answer', async () => {
    const url = `/wp-json/wp/v2/posts/${f.posts[3]}?_fields=id,title`;
    const first = await get(url);
    expect(first.res.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+, /);
    const etag = first.res.headers.etag as string;
    expect(etag).toBeTruthy();
    await get(url, 304, { 'if-none-match': etag });
    await t.storage.db
      .updateTable('articles')
      .set({ headline: 'Story four, corrected' })
      .where('id', '=', f.posts[3]!)
      .execute();
    // Still the cached answer until the change is announced…
    expect((await get(url)).body.title.rendered).toBe('Story number 4');
    await t.deps.events.changed([articleTag(f.posts[3]!)]);
    const fresh = await get(url);
    expect(fresh.body.title.rendered).toBe('Story four, corrected');
    expect(fresh.res.headers.etag).not.toBe(etag);
    await t.storage.db
      .updateTable('articles')
      .set({ headline: 'Story number 4' })
      .where('id', '=', f.posts[3]!)
      .execute();
    await t.deps.events.changed([articleTag(f.posts[3]!)]);
  });

  it('drops a story from every cached answer when it is unpublished and the change announced', async () => {
    const id = f.posts[0]!;
    const urls = [
      '/wp-json/wp/v2/posts',
      `/wp-json/wp/v2/comments?post=${id}`,
      '/wp-json/wp/v2/media',
      '/wp-json/wp/v2/categories',
    ];
    for (const url of urls) await get(url);
    await get(`/wp-json/wp/v2/posts/${id}`);
    await t.storage.db.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', id).execute();
    await t.deps.events.changed(
      listingTagsOf({ id, sectionId: f.world, tagIds: [f.climate], authorIds: [f.ana] }),
    );
    try {
      expect((await get('/wp-json/wp/v2/posts')).body.map((p: { id: number }) => p.id)).not.toContain(id);
      await get(`/wp-json/wp/v2/posts/${id}`, 404);
      expect((await get(`/wp-json/wp/v2/comments?post=${id}`)).body).toEqual([]);
      expect((await get('/wp-json/wp/v2/media')).body.map((m: { id: number }) => m.id)).not.toContain(f.hero);
      const world = (await get('/wp-json/wp/v2/categories')).body.find(
        (c: { id: number }) => c.id === f.world,
      );
      expect(world.count).toBe(2);
    } finally {
      await t.storage.db.updateTable('articles').set({ status: 'published' }).where('id', '=', id).execute();
      await t.deps.events.changed(
        listingTagsOf({ id, sectionId: f.world, tagIds: [f.climate], authorIds: [f.ana] }),
      );
    }
    expect((await get(`/wp-json/wp/v2/posts/${id}`)).body.id).toBe(id);
  });

  it('keys the cache by the parameters it reads, and keeps no search', async () => {
    const plain = await get('/wp-json/wp/v2/posts?per_page=1&page=2');
    const reordered = await get('/wp-json/wp/v2/posts?page=2&utm_source=x&per_page=1', 304, {
      'if-none-match': plain.res.headers.etag as string,
    });
    expect(reordered.res.statusCode).toBe(304);
    const other = await get('/wp-json/wp/v2/posts?page=2&utm_source=x&per_page=1');
    expect(other.res.headers.link).toBe(plain.res.headers.link);
    expect(other.res.headers.link).not.toContain('utm_source');
    const searched = await get('/wp-json/wp/v2/posts?search=story&per_page=1');
    expect(searched.res.headers['cache-control']).toBe('public, max-age=60');
    expect(searched.res.headers['x-wp-total']).toBe('4');
    await get('/wp-json/wp/v2/posts?search=story&per_page=1', 304, {
      'if-none-match': searched.res.headers.etag as string,
    });
  });

  it('names the API on reader pages for discovery', async () => {
    const page = await t.app.inject(`/articles/story-1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<link rel="https://api.w.org/" href="/wp-json/"/>');
    expect(page.headers.link).toBe(`<${BASE}/wp-json/>; rel="https://api.w.org/"`);
    expect((await t.app.inject('/')).headers.link).toBe(`<${BASE}/wp-json/>; rel="https://api.w.org/"`);
    // Only pages: a feed or the API's own answers do not carry it.
    expect((await t.app.inject('/feed.xml')).headers.link).toBeUndefined();
  });
});
