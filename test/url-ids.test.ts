// Ids in addresses, on both databases, through the whole app: a row has one address. "0x10", "1e1", " 16",
// "16.0", "+16" or "016" once opened article 16 (Number() reads them all); now each is a 404 on every route
// that takes an id, and a form posted to one changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.js';
import { commentFields, sendComment, setSettings, testClock } from './support/comments.js';
import { addArticle, addAuthor, addMedia, addSection } from './support/content.js';
import { testDatabases } from './support/databases.js';
import { addStaff, type Browserish, post, signInAs } from './support/newsroom.js';

/** Other spellings of `id` that Number() reads as it, as they travel in a path. */
function aliasesOf(id: number): string[] {
  return [
    `0x${id.toString(16)}`,
    `0o${id.toString(8)}`,
    `${id}e0`,
    `%20${id}`,
    `${id}%20`,
    `${id}.0`,
    `+${id}`,
    `%2B${id}`,
    `0${id}`,
  ];
}

describe.each(testDatabases)('ids in addresses on $name', (database) => {
  let site: TestApp;
  let admin: Browserish;
  const clock = testClock('2026-11-21T12:00:00.000Z');
  const ids = {} as Record<'article' | 'author' | 'media' | 'comment' | 'staff' | 'section', number>;

  beforeAll(async () => {
    site = await buildTestApp({ database, clock });
    const db = site.storage.db;
    admin = await signInAs(site.app, (await addStaff(db, 'admin')).email);
    // Sixteen articles, so that the report's own addresses have an article 16 and 10 to point at.
    for (let i = 1; i <= 16; i++) ids.article = await addArticle(db, { slug: `story-${i}` });
    ids.author = await addAuthor(db, 'ana-reporter', 'Ana Reporter');
    ids.media = await addMedia(db, 'harbour');
    ids.staff = (await addStaff(db, 'contributor')).id;
    await addSection(db, 'local', 'Local', 0);
    ids.section = await addSection(db, 'sport', 'Sport', 1);
    await setSettings(db, { mode: 'approve_all' });
    const sent = await sendComment(site.app, 'story-3', commentFields(3, {}, clock.now));
    expect(sent.statusCode).toBe(303);
    ids.comment = (await db.selectFrom('comments').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => site?.close());

  const get = (url: string) => site.app.inject({ url, headers: { cookie: admin.cookie } });

  it('opens /admin/articles/16 and nothing else: 0x10, 1e1, " 16", 16.0, +16 and -1 are not articles', async () => {
    expect(ids.article).toBe(16);
    expect((await get('/admin/articles/16')).statusCode).toBe(200);
    expect((await get('/admin/articles/10')).statusCode).toBe(200);
    for (const spelling of ['0x10', '1e1', '%2016', '16.0', '+16', '-1', '0', '016', '16abc']) {
      const response = await get(`/admin/articles/${spelling}`);
      expect(response.statusCode, spelling).toBe(404);
      expect(response.body, spelling).not.toContain('story-16');
    }
  });

  it('answers 404 to another spelling of an id on every newsroom page that takes one', async () => {
    const pages: Array<[string, (id: string) => string]> = [
      ['article', (id) => `/admin/articles/${id}`],
      ['article', (id) => `/admin/articles/${id}/preview`],
      ['article', (id) => `/admin/articles/${id}/revisions`],
      ['author', (id) => `/admin/authors/${id}`],
      ['media', (id) => `/admin/media/${id}`],
      ['comment', (id) => `/admin/comments/${id}`],
    ];
    for (const [kind, path] of pages) {
      const id = ids[kind as keyof typeof ids];
      expect((await get(path(String(id)))).statusCode, path(String(id))).toBe(200);
      for (const alias of aliasesOf(id)) expect((await get(path(alias))).statusCode, path(alias)).toBe(404);
    }
  });

  it('answers 404 to another spelling of a comment id on the reader’s link to a comment', async () => {
    const canonical = await site.app.inject({ url: `/comments/${ids.comment}` });
    expect(canonical.statusCode).toBe(302);
    expect(canonical.headers.location).toContain('/articles/story-3');
    for (const alias of aliasesOf(ids.comment)) {
      expect((await site.app.inject({ url: `/comments/${alias}` })).statusCode, alias).toBe(404);
    }
  });

  it('changes nothing through a form posted to another spelling of an id', async () => {
    const roleOf = async () =>
      (
        await site.storage.db
          .selectFrom('staff')
          .select('role')
          .where('id', '=', ids.staff)
          .executeTakeFirstOrThrow()
      ).role;
    const positionOf = async () =>
      (
        await site.storage.db
          .selectFrom('sections')
          .select('position')
          .where('id', '=', ids.section)
          .executeTakeFirstOrThrow()
      ).position;
    const position = await positionOf();
    for (const alias of aliasesOf(ids.staff)) {
      const response = await post(site.app, `/admin/staff/${alias}/role`, { role: 'editor' }, admin);
      expect(response.statusCode, alias).toBe(404);
    }
    for (const alias of aliasesOf(ids.section)) {
      const moved = await post(
        site.app,
        `/admin/settings/sections/${alias}/move`,
        { direction: 'up' },
        admin,
      );
      expect(moved.statusCode, alias).toBe(404);
    }
    expect(await roleOf()).toBe('contributor');
    expect(await positionOf()).toBe(position);
    const donor = await post(site.app, '/admin/donations/donors/0x1/unlist', {}, admin);
    expect(donor.statusCode).toBe(404);
    // The canonical address still works.
    expect(
      (await post(site.app, `/admin/staff/${ids.staff}/role`, { role: 'editor' }, admin)).statusCode,
    ).toBe(303);
    expect(await roleOf()).toBe('editor');
  });
});
