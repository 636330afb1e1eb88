// Static pages through HTTP on both databases: written, revised and published by an editor, served at their
// own address from the page cache, refused at the app's own addresses, hidden while unpublished, and dropped
// from the cache by an edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, type Browserish, follow, post, signInAs } from '../../test/support/newsroom.js';
import { extractJsonLd, nodesOfType, validateJsonLd } from '../../test/support/schemaorg.js';
import { pageTag } from './cache-tags.js';

const doc = (...paragraphs: string[]) =>
  JSON.stringify({
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  });

describe.each(testDatabases)('pages on $name', (database) => {
  let site: TestApp;
  let editor: Browserish;
  let contributor: Browserish;
  const changes: string[] = [];

  beforeAll(async () => {
    site = await buildTestApp({ database });
    site.deps.events.onChange((tags) => changes.push(...tags));
    editor = await signInAs(site.app, (await addStaff(site.storage.db, 'editor')).email);
    contributor = await signInAs(site.app, (await addStaff(site.storage.db, 'contributor')).email);
  });
  afterAll(() => site.close());

  async function createPage(fields: Record<string, string>) {
    const response = await post(
      site.app,
      '/admin/pages',
      { baseVersion: '0', bodyFormat: 'json', description: '', ...fields },
      editor,
    );
    expect(response.statusCode, response.body.slice(0, 400)).toBe(303);
    return Number(/\/admin\/pages\/(\d+)$/.exec(response.headers.location as string)![1]);
  }

  it('writes a page in the editor, keeps it hidden until published, then serves it at its address', async () => {
    const form = await site.app.inject({ url: '/admin/pages/new', headers: { cookie: editor.cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('id="page-form"');
    expect(form.body).toMatch(/<script[^>]+src="\/assets\/editor\.[0-9a-f]+\.js"/);

    const id = await createPage({
      title: 'About the Ledger',
      slug: 'about',
      description: 'Who we are.',
      body: doc('We are a non-profit newsroom.', 'Founded in 2019.'),
    });
    expect((await site.app.inject('/about')).statusCode).toBe(404);

    const published = await post(site.app, `/admin/pages/${id}/publish`, {}, editor);
    expect(published.statusCode).toBe(303);
    expect((await follow(site.app, published, editor)).body).toContain('Published at /about.');
    expect(changes).toContain(pageTag(id));

    const page = await site.app.inject('/about');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="page-title">About the Ledger</h1>');
    expect(page.body).toContain('<p>We are a non-profit newsroom.</p>');
    expect(page.body).toContain('<link rel="canonical" href="http://127.0.0.1:3000/about"/>');
    expect(page.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=/);
    expect(String(page.headers['surrogate-key'])).toContain(pageTag(id));
    expect(site.pageCache.has('/about')).toBe(true);

    const [block] = extractJsonLd(page.body);
    expect(validateJsonLd(block!.value)).toEqual([]);
    expect(nodesOfType(block!.value, 'AboutPage')).toHaveLength(1);
  });

  it('revises a published page: the edit drops the cached copy, readers see it, and each save is a revision', async () => {
    const id = await createPage({ title: 'Ethics policy', slug: 'ethics', body: doc('First draft.') });
    await post(site.app, `/admin/pages/${id}/publish`, {}, editor);
    expect((await site.app.inject('/ethics')).body).toContain('First draft.');
    expect(site.pageCache.has('/ethics')).toBe(true);

    const saved = await post(
      site.app,
      `/admin/pages/${id}`,
      {
        baseVersion: '1',
        title: 'Ethics policy',
        slug: 'ethics',
        bodyFormat: 'json',
        body: doc('We never pay sources.'),
      },
      editor,
    );
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
    expect(site.pageCache.has('/ethics')).toBe(false);
    expect((await site.app.inject('/ethics')).body).toContain('We never pay sources.');

    // A save from the version before is refused, and what was typed is shown again.
    const stale = await post(
      site.app,
      `/admin/pages/${id}`,
      {
        baseVersion: '1',
        title: 'Ethics policy',
        slug: 'ethics',
        bodyFormat: 'json',
        body: doc('Lost edit?'),
      },
      editor,
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone saved this page after you opened it.');
    expect(stale.body).toContain('Lost edit?');

    const revisions = await site.app.inject({
      url: `/admin/pages/${id}/revisions`,
      headers: { cookie: editor.cookie },
    });
    expect(revisions.body).toContain('Version 2');
    expect(revisions.body).toContain('Version 1');
    const first = /\/admin\/pages\/\d+\/revisions\/(\d+)\/restore/.exec(revisions.body)![1];
    const restored = await post(
      site.app,
      `/admin/pages/${id}/revisions/${first}/restore`,
      { baseVersion: '2' },
      editor,
    );
    expect(restored.statusCode).toBe(303);
    expect((await site.app.inject('/ethics')).body).toContain('First draft.');

    // A new slug moves the page: the old address is no longer it.
    await post(
      site.app,
      `/admin/pages/${id}`,
      { baseVersion: '3', title: 'Ethics', slug: 'ethics-policy', bodyFormat: 'json', body: doc('Moved.') },
      editor,
    );
    expect((await site.app.inject('/ethics')).statusCode).toBe(404);
    expect((await site.app.inject('/ethics-policy')).body).toContain('Moved.');
  });

  it.each([
    'admin',
    'api',
    'articles',
    'sections',
    'tags',
    'authors',
    'corrections',
    'feed',
    'sitemap',
    'media',
    'support',
    'assets',
    'healthz',
  ])('refuses the app’s own address /%s as a page', async (slug) => {
    const response = await post(
      site.app,
      '/admin/pages',
      { baseVersion: '0', title: 'Sneaky', slug, bodyFormat: 'json', body: doc('x') },
      editor,
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(`/${slug} is one of the site's own addresses`);
  });

  it('refuses a taken address, a bad address and an empty title, keeping what was typed', async () => {
    await createPage({ title: 'Contact', slug: 'contact', body: doc('Write to us.') });
    const taken = await post(
      site.app,
      '/admin/pages',
      { baseVersion: '0', title: 'Contact again', slug: 'contact', bodyFormat: 'json', body: doc('x') },
      editor,
    );
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('/contact is taken by another page.');
    expect(taken.body).toContain('value="Contact again"');

    const bad = await post(
      site.app,
      '/admin/pages',
      { baseVersion: '0', title: '', slug: 'Not/A Slug', bodyFormat: 'json', body: doc('x') },
      editor,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Title is required.');
    expect(bad.body).toContain('may hold only lower-case letters');
  });

  it('makes the address from the title when none is given', async () => {
    const id = await createPage({ title: 'Funding & Donors', slug: '', body: doc('Who pays for this.') });
    await post(site.app, `/admin/pages/${id}/publish`, {}, editor);
    expect((await site.app.inject('/funding-donors')).statusCode).toBe(200);
  });

  it('takes an unpublished page off the site', async () => {
    const id = await createPage({ title: 'Masthead', slug: 'masthead', body: doc('Editor: A. Person.') });
    await post(site.app, `/admin/pages/${id}/publish`, {}, editor);
    expect((await site.app.inject('/masthead')).statusCode).toBe(200);
    await post(site.app, `/admin/pages/${id}/unpublish`, {}, editor);
    expect((await site.app.inject('/masthead')).statusCode).toBe(404);
  });

  it('lets only editors and admins near pages, and only with the session’s CSRF token', async () => {
    const list = await site.app.inject({ url: '/admin/pages', headers: { cookie: contributor.cookie } });
    expect(list.statusCode).toBe(403);
    const forged = await post(
      site.app,
      '/admin/pages',
      { title: 'X', slug: 'x', baseVersion: '0' },
      {
        cookie: editor.cookie,
      },
    );
    expect(forged.statusCode).toBe(403);
    expect(
      await site.storage.db.selectFrom('pages').select('id').where('slug', '=', 'x').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('answers an unknown root address with the site’s 404, not a page', async () => {
    const response = await site.app.inject({ url: '/no-such-page', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(404);
    expect(site.pageCache.has('/no-such-page')).toBe(false);
  });
});
