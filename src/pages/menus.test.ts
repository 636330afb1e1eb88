// The header and footer menus through HTTP on both databases: items of every kind in the editor's order,
// labels and addresses escaped, javascript: refused, every page dropped by a change, editors only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, type Browserish, follow, post, signInAs } from '../../test/support/newsroom.js';
import { addSection } from '../admin/settings/sections.js';
import { EVERYTHING } from '../http/tagged-cache.js';

function headerLinks(html: string): string[] {
  const nav = /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);
}

function footerLinks(html: string): string[] {
  const nav = /<nav aria-label="About the site">[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);
}

describe.each(testDatabases)('menus on $name', (database) => {
  let site: TestApp;
  let editor: Browserish;
  let contributor: Browserish;
  const changes: string[] = [];
  let pageId: number;

  beforeAll(async () => {
    site = await buildTestApp({ database });
    site.deps.events.onChange((tags) => changes.push(...tags));
    await addSection(site.storage.db, { name: 'News', slug: 'news', description: '' });
    await addSection(site.storage.db, { name: 'Sport', slug: 'sport', description: '' });
    editor = await signInAs(site.app, (await addStaff(site.storage.db, 'editor')).email);
    contributor = await signInAs(site.app, (await addStaff(site.storage.db, 'contributor')).email);
    const created = await post(
      site.app,
      '/admin/pages',
      {
        baseVersion: '0',
        title: 'About us',
        slug: 'about',
        bodyFormat: 'text',
        bodyText: 'Hello.',
        description: '',
      },
      editor,
    );
    pageId = Number(/(\d+)$/.exec(created.headers.location as string)![1]);
  });
  afterAll(() => site.close());

  it('starts with every section in the header and Donate, About, Corrections, Privacy in the footer', async () => {
    const home = await site.app.inject('/');
    expect(headerLinks(home.body)).toEqual(['News /sections/news', 'Sport /sections/sport']);
    expect(footerLinks(home.body)).toEqual([
      'Donate /support',
      'About /about',
      'Corrections /corrections',
      'Privacy /privacy',
    ]);
    // The phone menu works without script: a checkbox and its label before the list.
    expect(home.body).toContain(
      '<input type="checkbox" id="site-menu-toggle" class="site-menu-toggle"/><label for="site-menu-toggle" class="site-menu-label">Menu</label><ul id="site-menu">',
    );
  });

  it('adds a section, a page and a web address, in order, and reorders them', async () => {
    const sections = await site.storage.db.selectFrom('sections').select(['id', 'slug']).execute();
    const sport = sections.find((s) => s.slug === 'sport')!;
    changes.length = 0;
    await site.app.inject('/');
    expect(site.pageCache.has('/')).toBe(true);

    const added = await post(
      site.app,
      '/admin/menus/header/items',
      { target: `page:${pageId}`, url: '', label: '' },
      editor,
    );
    expect(added.statusCode).toBe(303);
    expect(changes).toContain(EVERYTHING);
    expect(site.pageCache.has('/')).toBe(false);
    // Unpublished, the page is left out of the header.
    expect(headerLinks((await site.app.inject('/')).body)).toEqual([
      'News /sections/news',
      'Sport /sections/sport',
    ]);
    await post(site.app, `/admin/pages/${pageId}/publish`, {}, editor);
    expect(headerLinks((await site.app.inject('/')).body)).toEqual([
      'News /sections/news',
      'Sport /sections/sport',
      'About us /about',
    ]);

    await post(
      site.app,
      '/admin/menus/header/items',
      { target: 'url', url: 'https://shop.example.org/ledger', label: 'Shop' },
      editor,
    );
    await post(
      site.app,
      '/admin/menus/header/items',
      { target: `section:${sport.id}`, url: '', label: 'Games' },
      editor,
    );
    const moved = await post(site.app, '/admin/menus/header/items/3/move', { direction: 'up' }, editor);
    expect(moved.headers.location).toBe('/admin/menus#header-item-2');
    await post(site.app, '/admin/menus/header/items/0/move', { direction: 'down' }, editor);
    await post(site.app, '/admin/menus/header/items/4/remove', {}, editor);
    expect(headerLinks((await site.app.inject('/')).body)).toEqual([
      'Sport /sections/sport',
      'News /sections/news',
      'Shop https://shop.example.org/ledger',
      'About us /about',
    ]);

    const editorPage = await follow(site.app, moved, editor);
    expect(editorPage.body).toContain('aria-label="Move Shop up"');

    await post(site.app, '/admin/menus/header/reset', {}, editor);
    expect(headerLinks((await site.app.inject('/')).body)).toEqual([
      'News /sections/news',
      'Sport /sections/sport',
    ]);
  });

  it('escapes labels and addresses', async () => {
    await post(
      site.app,
      '/admin/menus/footer/items',
      { target: 'url', url: '/search?q="x"&y=<b>', label: '<img src=x onerror=alert(1)> & "Co"' },
      editor,
    );
    const home = (await site.app.inject('/')).body;
    expect(home).not.toContain('<img src=x');
    expect(home).toContain('&lt;img src=x onerror=alert(1)> &amp; &quot;Co&quot;');
    expect(home).toContain('href="/search?q=%22x%22&amp;y=%3Cb%3E"');
  });

  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/',
    'vbscript:msgbox(1)',
  ])('refuses %s as a menu address, saving nothing', async (url) => {
    const before = (await site.app.inject('/')).body;
    const response = await post(
      site.app,
      '/admin/menus/footer/items',
      { target: 'url', url, label: 'Click' },
      editor,
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('must be a web address');
    expect(response.body).toContain('value="Click"');
    expect(footerLinks((await site.app.inject('/')).body)).toEqual(footerLinks(before));
  });

  it('needs a label for a web address, and a real menu and item', async () => {
    const unlabelled = await post(
      site.app,
      '/admin/menus/footer/items',
      { target: 'url', url: '/x', label: '' },
      editor,
    );
    expect(unlabelled.statusCode).toBe(400);
    expect(unlabelled.body).toContain('Label is required.');
    expect(
      (await post(site.app, '/admin/menus/sidebar/items', { target: 'url', url: '/x', label: 'X' }, editor))
        .statusCode,
    ).toBe(404);
    expect((await post(site.app, '/admin/menus/footer/items/29/remove', {}, editor)).statusCode).toBe(404);
  });

  it('is for editors and admins, with the session’s CSRF token', async () => {
    expect(
      (await site.app.inject({ url: '/admin/menus', headers: { cookie: contributor.cookie } })).statusCode,
    ).toBe(403);
    const forged = await post(site.app, '/admin/menus/footer/items/0/remove', {}, { cookie: editor.cookie });
    expect(forged.statusCode).toBe(403);
    expect(footerLinks((await site.app.inject('/')).body)[0]).toBe('Donate /support');
  });
});
