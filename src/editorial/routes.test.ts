// The editorial workflow through HTTP on both databases, signed in through the real form: permissions
// (a contributor cannot publish even by calling the endpoint), CSRF, the conflict rule and what it keeps,
// publish validation, 301s from old slugs, the preview's headers, revisions and restore, the list's filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sameOrigin, type TestApp } from '../../test/support/app.js';
import { addAuthor, addMedia, addSection } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, type Browserish, post, signInAs } from '../../test/support/newsroom.js';
import { loadArticle } from './editable.js';

type Who = Browserish & { id: number };

describe.each(testDatabases)('the article routes on $name', (database) => {
  let site: TestApp;
  let ids: { section: number; author: number; media: number };
  const people = {} as Record<'contributor' | 'otherContributor' | 'editor', Who>;

  // Today's time, but still: the request limits count in fixed windows a moving clock could cross mid-test.
  const now = new Date();

  beforeAll(async () => {
    site = await buildTestApp({ database, clock: () => now });
    const db = site.storage.db;
    ids = {
      section: await addSection(db, 'world', 'World'),
      author: await addAuthor(db, 'ana-reporter', 'Ana Reporter'),
      media: await addMedia(db, 'kharkiv'),
    };
    for (const role of ['contributor', 'otherContributor', 'editor'] as const) {
      const staff = await addStaff(db, role === 'otherContributor' ? 'contributor' : role, {
        name: `The ${role}`,
      });
      people[role] = { ...(await signInAs(site.app, staff.email)), id: staff.id };
    }
    // The contributor writes as Ana Reporter, the byline fields() sets: a contributor bylines only themselves.
    await db
      .updateTable('staff')
      .set({ author_id: ids.author })
      .where('id', '=', people.contributor.id)
      .execute();
  });
  afterAll(() => site.close());

  const get = (url: string, who?: Browserish) =>
    site.app.inject({ url, headers: who ? { cookie: who.cookie } : {} });

  function fields(overrides: Record<string, string> = {}) {
    return {
      headline: 'Russia Withdrawing From Kharkiv After Heavy Losses',
      dek: 'The ministry says troops are leaving.',
      slug: '',
      sectionId: String(ids.section),
      workType: 'news',
      dateline: 'KHARKIV, Ukraine',
      heroMediaId: String(ids.media),
      tags: 'Ukraine',
      bodyFormat: 'text',
      bodyText:
        'According to the UK Ministry of Defense, troops are withdrawing.\n\nKharkiv is the second-largest city.',
      body: '',
      authorIds: String(ids.author),
      ...overrides,
    };
  }

  async function create(who: Who, overrides: Record<string, string> = {}): Promise<number> {
    const response = await post(site.app, '/admin/articles', fields(overrides), who);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(303);
    return Number(/\/admin\/articles\/(\d+)$/.exec(response.headers.location as string)![1]);
  }

  it('creates a draft from the plain form and shows it for editing', async () => {
    const id = await create(people.contributor, { headline: 'Written <without> JavaScript' });
    const article = await loadArticle(site.storage.db, id);
    expect(article.fields.slug).toBe('written-without-javascript');
    expect(article.fields.body.content).toHaveLength(2);
    const page = await get(`/admin/articles/${id}`, people.contributor);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Written &lt;without> JavaScript"');
    expect(page.body).toContain('Submit for review');
    expect(page.body).not.toContain('Publish now');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('never lets a contributor publish, schedule, unpublish or correct, even by calling the endpoints', async () => {
    const id = await create(people.contributor);
    const form = {
      ...fields(),
      baseVersion: '1',
      scheduledAt: '2099-01-01T09:00',
      kind: 'correction',
      text: 'x',
    };
    for (const action of ['publish', 'schedule', 'unpublish', 'corrections']) {
      const response = await post(site.app, `/admin/articles/${id}/${action}`, form, people.contributor);
      expect(response.statusCode, action).toBe(403);
    }
    const article = await loadArticle(site.storage.db, id);
    expect(article.status).toBe('draft');
    expect(article.version).toBe(1);
  });

  it('keeps other contributors out of a draft, and shows each contributor only their own', async () => {
    const id = await create(people.contributor, { headline: 'Cora’s own story' });
    expect((await get(`/admin/articles/${id}`, people.otherContributor)).statusCode).toBe(403);
    expect((await get(`/admin/articles/${id}/preview/page`, people.otherContributor)).statusCode).toBe(403);
    expect((await get(`/admin/articles/${id}/revisions`, people.otherContributor)).statusCode).toBe(403);
    const save = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields(), baseVersion: '1' },
      people.otherContributor,
    );
    expect(save.statusCode).toBe(403);
    const list = await get('/admin/articles', people.otherContributor);
    expect(list.body).not.toContain('Cora’s own story');
    expect((await get('/admin/articles', people.editor)).body).toContain('Cora’s own story');
  });

  it('refuses a save without the session’s CSRF token or from another site, changing nothing', async () => {
    const id = await create(people.editor);
    const noToken = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ headline: 'Forged' }), baseVersion: '1' },
      {
        cookie: people.editor.cookie,
      },
    );
    expect(noToken.statusCode).toBe(403);
    const crossSite = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ headline: 'Forged' }), baseVersion: '1' },
      people.editor,
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.statusCode).toBe(403);
    expect((await loadArticle(site.storage.db, id)).fields.headline).not.toBe('Forged');
  });

  it('says so when the newer version came from someone else, naming them', async () => {
    const id = await create(people.contributor);
    const theirs = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ headline: 'The editor’s headline' }), baseVersion: '1' },
      people.editor,
    );
    expect(theirs.statusCode).toBe(303);
    const stale = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ headline: 'The contributor’s headline' }), baseVersion: '1' },
      people.contributor,
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else saved this article while you were editing');
    expect(stale.body).toContain('Version 2 was saved by The editor at');
    expect(stale.body).not.toContain('another tab or window');
    expect(stale.body).toContain('value="The contributor’s headline"');
    const json = await site.app.inject({
      method: 'POST',
      url: `/admin/articles/${id}`,
      headers: {
        ...sameOrigin,
        cookie: people.contributor.cookie,
        accept: 'application/json',
        'x-csrf-token': people.contributor.csrf,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({
        ...fields({ headline: 'Autosaved' }),
        baseVersion: '1',
        autosave: '1',
      }).toString(),
    });
    expect(json.statusCode).toBe(409);
    expect(json.json().error.current).toMatchObject({ savedBy: 'The editor', savedByYou: false });
    expect(json.json().error.message).toContain(
      'Someone else saved this article while you were editing (The editor).',
    );
  });

  it('refuses a stale save with 409, shows the differences and keeps the editor’s text', async () => {
    const id = await create(people.editor);
    const first = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ headline: 'The first tab’s headline' }), baseVersion: '1' },
      people.editor,
    );
    expect(first.statusCode).toBe(303);
    const stale = await post(
      site.app,
      `/admin/articles/${id}`,
      {
        ...fields({ headline: 'The second tab’s headline', dek: 'Typed in the second tab.' }),
        baseVersion: '1',
      },
      people.editor,
    );
    expect(stale.statusCode).toBe(409);
    // Both tabs are the same account's: the newer version is the editor's own, not a colleague's.
    expect(stale.body).toContain('You saved a newer version in another tab or window');
    expect(stale.body).toContain('You saved version 2 in another tab or window at');
    expect(stale.body).not.toContain('Someone else');
    expect(stale.body).toContain('value="The second tab’s headline"');
    expect(stale.body).toContain('Typed in the second tab.');
    expect(stale.body).toMatch(/<del>[^<]*first[^<]*<\/del>/);
    expect(stale.body).toMatch(/<ins>[^<]*second[^<]*<\/ins>/);
    expect(stale.body).toContain('name="overwriteVersion" value="2"');
    expect((await loadArticle(site.storage.db, id)).fields.headline).toBe('The first tab’s headline');

    // Deliberately saving over it works.
    const over = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ headline: 'The second tab’s headline' }), baseVersion: '1', overwriteVersion: '2' },
      people.editor,
    );
    expect(over.statusCode).toBe(303);
    expect((await loadArticle(site.storage.db, id)).fields.headline).toBe('The second tab’s headline');
  });

  it('autosaves through fetch with the CSRF header, and answers a stale autosave with JSON', async () => {
    const id = await create(people.editor);
    const autosave = (baseVersion: string, headline: string) =>
      site.app.inject({
        method: 'POST',
        url: `/admin/articles/${id}`,
        headers: {
          ...sameOrigin,
          cookie: people.editor.cookie,
          accept: 'application/json',
          'x-csrf-token': people.editor.csrf,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ ...fields({ headline }), baseVersion, autosave: '1' }).toString(),
      });
    const ok = await autosave('1', 'Autosaved headline');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id, version: 2, saved: true, status: 'draft' });
    const stale = await autosave('1', 'From a stale tab');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'CONFLICT',
      current: { version: 2, savedBy: 'The editor', savedByYou: true },
    });
    expect(stale.json().error.message).toContain(
      'You saved a newer version of this article in another tab or window.',
    );
    // The same text as stored is no conflict: a save sent as a tab closed may arrive after the reload.
    const same = await autosave('1', 'Autosaved headline');
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ version: 2, saved: false });
  });

  it('says which block of the body is wrong and keeps the whole form', async () => {
    const id = await create(people.editor);
    const body = JSON.stringify({
      type: 'doc',
      content: [{ type: 'embed', attrs: { url: 'http://video.example/1' } }],
    });
    const response = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ headline: 'Kept headline', bodyFormat: 'json', body }), baseVersion: '1' },
      people.editor,
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Block 1 of the body (embed): embeds must be https');
    expect(response.body).toContain('value="Kept headline"');
  });

  it('names every missing item when publishing, after saving what was typed', async () => {
    const id = await create(people.editor, { sectionId: '', authorIds: '' });
    const response = await post(
      site.app,
      `/admin/articles/${id}/publish`,
      {
        ...fields({ sectionId: '', authorIds: '', dek: 'A dek typed just before publishing.' }),
        baseVersion: '1',
      },
      people.editor,
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choose a section.');
    expect(response.body).toContain('Add at least one author.');
    const article = await loadArticle(site.storage.db, id);
    expect(article.status).toBe('draft');
    expect(article.fields.dek).toBe('A dek typed just before publishing.');
  });

  it('answers an old slug of a published article with a 301 to the current one', async () => {
    const id = await create(people.editor, { slug: 'kharkiv-first-slug' });
    const publish = await post(
      site.app,
      `/admin/articles/${id}/publish`,
      { ...fields({ slug: 'kharkiv-first-slug' }), baseVersion: '1' },
      people.editor,
    );
    expect(publish.statusCode).toBe(303);
    expect((await get('/articles/kharkiv-first-slug')).statusCode).toBe(200);
    const renamed = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ slug: 'kharkiv-second-slug' }), baseVersion: '1' },
      people.editor,
    );
    expect(renamed.statusCode).toBe(303);
    const old = await get('/articles/kharkiv-first-slug');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/articles/kharkiv-second-slug');
    expect((await get('/articles/kharkiv-second-slug')).statusCode).toBe(200);
    expect((await get('/articles/never-was-a-slug')).statusCode).toBe(404);
  });

  it('previews the draft as the real reader page: not cached, not indexed, framable by the newsroom only', async () => {
    const id = await create(people.contributor, { headline: 'A draft nobody has seen' });
    const page = await get(`/admin/articles/${id}/preview/page`, people.contributor);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 id="headline">A draft nobody has seen</h1>');
    expect(page.body).toContain('class="dek"');
    // What readers will see after the story is there too: the comments and their form.
    expect(page.body).toContain('<h2 id="respond-title">Submit a Comment</h2>');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const frames = await get(`/admin/articles/${id}/preview`, people.contributor);
    expect(frames.body).toContain('width="375"');
    expect(frames.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await get('/articles/a-draft-nobody-has-seen')).statusCode).toBe(404);
  });

  it('compares revisions and restores one with a click', async () => {
    const id = await create(people.editor, { headline: 'Original headline' });
    await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ headline: 'Changed headline' }), baseVersion: '1' },
      people.editor,
    );
    const compare = await get(`/admin/articles/${id}/revisions?from=1&to=2`, people.editor);
    expect(compare.statusCode).toBe(200);
    expect(compare.body).toContain('<del>Original</del>');
    expect(compare.body).toContain('<ins>Changed</ins>');
    const restore = await post(site.app, `/admin/articles/${id}/revisions/1/restore`, {}, people.editor);
    expect(restore.statusCode).toBe(303);
    const article = await loadArticle(site.storage.db, id);
    expect(article.version).toBe(3);
    expect(article.fields.headline).toBe('Original headline');
    const bad = await get(`/admin/articles/${id}/revisions?from=one&to=2`, people.editor);
    expect(bad.statusCode).toBe(400);
  });

  it('loads an old version of a published story into the editor as the change to Update, live story untouched', async () => {
    const id = await create(people.editor, { slug: 'restore-pending-story', headline: 'Live headline' });
    const published = await post(
      site.app,
      `/admin/articles/${id}/publish`,
      { ...fields({ slug: 'restore-pending-story', headline: 'Live headline' }), baseVersion: '1' },
      people.editor,
    );
    expect(published.statusCode).toBe(303);
    const edited = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ slug: 'restore-pending-story', headline: 'Edited headline' }), baseVersion: '1' },
      people.editor,
    );
    expect(edited.statusCode).toBe(303);
    const restore = await post(site.app, `/admin/articles/${id}/revisions/1/restore`, {}, people.editor);
    expect(restore.statusCode).toBe(303);
    expect(restore.headers.location).toBe(`/admin/articles/${id}?restore=1`);
    const live = await loadArticle(site.storage.db, id);
    expect(live.version).toBe(2);
    expect(live.fields.headline).toBe('Edited headline');
    expect((await get('/articles/restore-pending-story')).body).toContain('Edited headline');

    const editor = await get(restore.headers.location as string, people.editor);
    expect(editor.statusCode).toBe(200);
    expect(editor.body).toContain('value="Live headline"');
    expect(editor.body).toContain('name="baseVersion" value="2"');
    expect(editor.body).toContain('differs from the current version in: Headline.');
    expect(editor.body).toContain('press Update to publish it');
    expect((await get(`/admin/articles/${id}?restore=x`, people.editor)).statusCode).toBe(404);
    expect((await get(`/admin/articles/${id}?restore=7`, people.editor)).statusCode).toBe(404);

    // Update then publishes it as any save would.
    const update = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ slug: 'restore-pending-story', headline: 'Live headline' }), baseVersion: '2' },
      people.editor,
    );
    expect(update.statusCode).toBe(303);
    expect((await loadArticle(site.storage.db, id)).fields.headline).toBe('Live headline');
    // "View it on the site" names the version, an address no browser or CDN has kept from before the Update.
    const after = await get(`/admin/articles/${id}`, people.editor);
    expect(after.body).toContain('href="/articles/restore-pending-story?v=3"');
    const viewed = await get('/articles/restore-pending-story?v=3');
    expect(viewed.statusCode).toBe(200);
    expect(viewed.body).toContain('Live headline');
    expect(viewed.headers['cache-control']).toMatch(/^public, max-age=0, /);
  });

  it('saves the search and sharing fields with each revision, refuses a bad canonical, and keeps noindex stories out of the sitemaps', async () => {
    const slug = 'syndicated-hidden-story';
    const id = await create(people.editor, { slug });
    const bad = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ slug, canonicalUrl: 'javascript:alert(1)' }), baseVersion: '1' },
      people.editor,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Canonical URL must be a full http:// or https:// address');
    const relative = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ slug, canonicalUrl: '/articles/elsewhere' }), baseVersion: '1' },
      people.editor,
    );
    expect(relative.statusCode).toBe(400);
    expect((await loadArticle(site.storage.db, id)).version).toBe(1);

    const seo = {
      slug,
      metaDescription: 'Written for search: the wire’s story, republished.',
      canonicalUrl: 'https://wire.example.com/original-story',
      noindex: 'on',
    };
    const published = await post(
      site.app,
      `/admin/articles/${id}/publish`,
      { ...fields(seo), baseVersion: '1' },
      people.editor,
    );
    expect(published.statusCode).toBe(303);
    const stored = await loadArticle(site.storage.db, id);
    expect(stored.fields.metaDescription).toBe(seo.metaDescription);
    expect(stored.fields.canonicalUrl).toBe(seo.canonicalUrl);
    expect(stored.fields.noindex).toBe(true);
    const editor = await get(`/admin/articles/${id}`, people.editor);
    expect(editor.body).toContain(`value="${seo.canonicalUrl}"`);
    expect(editor.body).toMatch(/<input type="checkbox" name="noindex" value="on" checked/);

    const page = await get(`/articles/${slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<meta name="robots" content="noindex"/>');
    expect(page.body).toContain(`<link rel="canonical" href="${seo.canonicalUrl}"/>`);
    expect(page.body).toContain(
      '<meta name="description" content="Written for search: the wire’s story, republished."/>',
    );
    expect((await get('/sitemap-articles-1.xml')).body).not.toContain(slug);
    expect((await get('/sitemap-news.xml')).body).not.toContain(slug);
    // Readers who follow the feed still get it.
    expect((await get('/feed.xml')).body).toContain(slug);

    // Unticked and cleared, the story is indexed again under its own address; the revisions tell the two apart.
    const cleared = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields({ slug }), baseVersion: String(stored.version) },
      people.editor,
    );
    expect(cleared.statusCode).toBe(303);
    const again = await get(`/articles/${slug}`);
    expect(again.body).toContain('<meta name="robots" content="max-image-preview:large"/>');
    expect(again.body).toMatch(new RegExp(`<link rel="canonical" href="https?://[^"]+/articles/${slug}"/>`));
    expect((await get('/sitemap-articles-1.xml')).body).toContain(slug);
    const latest = (await loadArticle(site.storage.db, id)).version;
    const compare = await get(
      `/admin/articles/${id}/revisions?from=${stored.version}&to=${latest}`,
      people.editor,
    );
    expect(compare.body).toContain('Canonical URL');
    expect(compare.body).toContain('Hidden from search engines');
  });

  it('offers library images to the editor’s chooser, with their credit and a thumbnail', async () => {
    const response = await get('/admin/articles/media-choices?q=kharkiv', people.contributor);
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      {
        id: ids.media,
        thumbUrl: '/media/kharkiv/640.webp',
        altText: 'Alt for kharkiv',
        caption: 'Caption for kharkiv',
        credit: 'Ann Photographer, Agency',
        licence: '',
      },
    ]);
    expect(
      (await get('/admin/articles/media-choices?q=nothing-like-it', people.contributor)).json().items,
    ).toEqual([]);
  });

  it('warns about image licences ending soon, and refuses to publish once one has ended', async () => {
    const db = site.storage.db;
    const soon = await addMedia(db, 'ending-soon');
    const ended = await addMedia(db, 'ended');
    // The app's clock is today's: "soon" ends in ten days, "ended" ended yesterday (dates are stored as
    // midnight UTC of the day typed).
    const dayFromNow = (days: number) =>
      `${new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)}T00:00:00.000Z`;
    await db
      .updateTable('media')
      .set({ license_expires_at: dayFromNow(10) })
      .where('id', '=', soon)
      .execute();
    await db
      .updateTable('media')
      .set({ license_expires_at: dayFromNow(-1) })
      .where('id', '=', ended)
      .execute();

    const choices = (await get('/admin/articles/media-choices?q=ending', people.editor)).json().items;
    expect(choices[0].licence).toMatch(/^Licence ends in (9|10) days \(/);

    const id = await create(people.editor, { heroMediaId: String(soon) });
    const page = await get(`/admin/articles/${id}`, people.editor);
    expect(page.body).toContain('Licences ending soon:');
    expect(page.body).toMatch(/The hero image: Licence ends in (9|10) days/);
    // The hero chooser names the warning beside the image.
    expect(page.body).toMatch(
      /Caption for ending-soon \(Ann Photographer, Agency\) — Licence ends in (9|10) days/,
    );

    const body = JSON.stringify({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'A story.' }] },
        { type: 'image', attrs: { mediaId: ended } },
      ],
    });
    const refused = await post(
      site.app,
      `/admin/articles/${id}/publish`,
      { ...fields({ heroMediaId: String(soon) }), bodyFormat: 'json', body, baseVersion: '1' },
      people.editor,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/Image 1 in the body \(“Caption for ended”\)’s licence ended on/);
    const article = await loadArticle(db, id);
    // What was typed is saved; only the step was refused.
    expect(article.status).toBe('draft');
    expect(article.fields.body.content.map((b) => b.type)).toEqual(['paragraph', 'image']);
  });

  it('limits how fast one person can take workflow steps', async () => {
    const staff = await addStaff(site.storage.db, 'editor', { name: 'The step script' });
    const script = { ...(await signInAs(site.app, staff.email)), id: staff.id };
    const id = await create(script);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const response = await post(
        site.app,
        `/admin/articles/${id}/draft`,
        { ...fields(), baseVersion: '1' },
        script,
      );
      statuses.push(response.statusCode);
    }
    // Back to draft from a draft is refused (400) but still counts; past 30 a minute the answer is 429.
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    const other = await post(
      site.app,
      `/admin/articles/${id}/draft`,
      { ...fields(), baseVersion: '1' },
      people.editor,
    );
    expect(other.statusCode).toBe(400);
  });

  it('limits how fast one person can save, without touching anyone else', async () => {
    const staff = await addStaff(site.storage.db, 'editor', { name: 'The runaway tab' });
    const runaway = { ...(await signInAs(site.app, staff.email)), id: staff.id };
    const id = await create(runaway);
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) {
      const response = await site.app.inject({
        method: 'POST',
        url: `/admin/articles/${id}`,
        headers: {
          ...sameOrigin,
          cookie: runaway.cookie,
          accept: 'application/json',
          'x-csrf-token': runaway.csrf,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ ...fields(), baseVersion: '1', autosave: '1' }).toString(),
      });
      statuses.push(response.statusCode);
    }
    // Each route counts on its own: 120 saves a minute pass, every further one is refused until it is over.
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(120)).toEqual([429, 429, 429, 429, 429]);
    const other = await create(people.editor);
    expect(
      (await post(site.app, `/admin/articles/${other}`, { ...fields(), baseVersion: '1' }, people.editor))
        .statusCode,
    ).toBe(303);
  });

  it('filters the list by status, section, author and headline, a page at a time', async () => {
    const otherSection = await addSection(site.storage.db, 'local', 'Local');
    for (let i = 1; i <= 27; i++) {
      await create(people.editor, {
        headline: `Filter probe ${String(i).padStart(2, '0')}`,
        sectionId: String(otherSection),
      });
    }
    const page1 = await get(`/admin/articles?section=${otherSection}&q=filter+PROBE`, people.editor);
    expect(page1.body).toContain('27 articles');
    // Counted by the headline's link (the row's trash button names the headline too).
    expect((page1.body.match(/>Filter probe \d\d<\/a>/g) ?? []).length).toBe(25);
    const page2 = await get(`/admin/articles?section=${otherSection}&q=filter+probe&page=2`, people.editor);
    expect((page2.body.match(/>Filter probe \d\d<\/a>/g) ?? []).length).toBe(2);
    const published = await get(`/admin/articles?status=published&q=filter+probe`, people.editor);
    expect(published.body).toContain('0 articles');
    const byAuthor = await get(`/admin/articles?author=${ids.author}&q=probe+27`, people.editor);
    expect(byAuthor.body).toContain('1 article');
    expect((await get('/admin/articles?status=gone', people.editor)).statusCode).toBe(400);
    expect((await get('/admin/articles?q=100%25_', people.editor)).body).toContain('0 articles');
  });
});
