// A WordPress import keeps the old site's ids, on both databases: the newsroom fixture imported into an empty
// site answers its old ids through the real app's /wp-json (a post, a page, a category and its filter, a tag, a
// user, an attachment, a threaded comment); into a site that already has an article of one post's id, that post
// takes a fresh id, the report says so (the dry run too) and the article there is untouched; and afterwards the
// newsroom's next article gets an id past every imported one (PostgreSQL's sequence was moved). An author
// imported before the reader read user ids is not taken for changed when the user id comes.
import { fileURLToPath } from 'node:url';
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { importDeps, recordsReader, siteRecords } from '../../test/support/import-records.js';
import { insertArticle } from '../editorial/queries/articles.js';
import type { ArticlesTable } from '../storage/schema.js';
import { runImport } from './run-import.js';
import type { SourceRecord } from './source-model.js';
import { readWxr } from './wordpress/wxr-reader.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/import/wordpress/${name}`, import.meta.url));

const API = '/wp-json/wp/v2';
const FLOOD = 'River floods Main Street as crest hits 6.1 m';

/** The newsroom fixture with its uploads folder, imported into the site. */
const importNewsroom = (site: TestApp, dryRun: boolean) =>
  runImport(importDeps(site.storage, site.files, site.deps.events, readWxr), {
    system: 'wordpress',
    file: fixture('newsroom-1.2.xml'),
    dryRun,
    uploadsDir: fixture('uploads'),
  });

function articleRow(slug: string, headline: string): Insertable<ArticlesTable> {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    slug,
    headline,
    dek: '',
    body: JSON.stringify({ type: 'doc', content: [] }),
    status: 'published',
    work_type: 'news',
    published_at: at,
    created_at: at,
    modified_at: at,
  };
}

describe.each(testDatabases)('WordPress ids kept by an import on $name', (database) => {
  let site: TestApp;

  beforeAll(async () => {
    site = await buildTestApp({ database });
  });
  afterAll(() => site.close());

  const run = (dryRun = false) => importNewsroom(site, dryRun);

  async function get(url: string) {
    const res = await site.app.inject({ url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return JSON.parse(res.body);
  }

  const maxArticleId = async () =>
    Number(
      (
        await site.storage.db
          .selectFrom('articles')
          .select((eb) => eb.fn.max('id').as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('answers every kind by its old id, and the next article made here gets a new one', async () => {
    const report = await run();
    expect(report.warnings.filter((w) => w.title === 'WordPress ids')).toEqual([]);

    const post = await get(`${API}/posts/201`);
    expect(post).toMatchObject({ id: 201, title: { rendered: FLOOD }, categories: [2], featured_media: 100 });
    expect(post.tags).toContain(10);
    expect(post.author).toBe(2);
    expect((await get(`${API}/pages/210`)).title.rendered).toBe('About us');
    expect(await get(`${API}/categories/2`)).toMatchObject({ id: 2, name: 'News', slug: 'news' });
    const inNews = await get(`${API}/posts?categories=2`);
    expect(inNews.map((p: { id: number }) => p.id)).toContain(201);
    expect(await get(`${API}/tags/10`)).toMatchObject({ id: 10, name: 'Flooding' });
    expect(await get(`${API}/users/2`)).toMatchObject({ id: 2, name: 'María José Núñez' });
    expect(await get(`${API}/media/100`)).toMatchObject({
      id: 100,
      alt_text: 'Water over the Main Street bridge',
    });
    const reply = await get(`${API}/comments/502`);
    expect(reply).toMatchObject({ id: 502, post: 201, parent: 501 });
    expect(reply.content.rendered).toContain('Lincoln Elementary');

    const before = await maxArticleId();
    const id = await insertArticle(site.storage.db, articleRow('made-here', 'Made here'));
    expect(id).toBeGreaterThan(before);
    expect(before).toBeGreaterThanOrEqual(201);
  });

  it('takes an author imported before user ids were read for unchanged, so their profile is not rewritten', async () => {
    const records = siteRecords(1);
    const withUserIds = records.map((r): SourceRecord => (r.kind === 'person' ? { ...r, userId: '7' } : r));
    const deps = (list: SourceRecord[]) =>
      importDeps(site.storage, site.files, site.deps.events, recordsReader(list));
    const options = { system: 'wordpress' as const, file: 'records', dryRun: false };
    expect((await runImport(deps(records), options)).counts.people.imported).toBe(2);
    const again = await runImport(deps(withUserIds), options);
    expect(again.counts.people).toMatchObject({ imported: 0, updated: 0, skipped: 2 });
  });
});

describe.each(testDatabases)('a WordPress id already taken here, on $name', (database) => {
  let site: TestApp;

  beforeAll(async () => {
    site = await buildTestApp({ database });
  });
  afterAll(() => site.close());

  const run = (dryRun = false) => importNewsroom(site, dryRun);

  it('gives that post a fresh id, says how many, and leaves the article here as it was', async () => {
    const db = site.storage.db;
    await insertArticle(db, { id: 201, ...articleRow('ours', 'Our own story') });
    const expected = {
      kind: 'articles',
      title: 'WordPress ids',
      message:
        '1 post could not keep its WordPress id because a local item already has it; its old id is not served by /wp-json',
    };
    const dry = await run(true);
    expect(dry.warnings.filter((w) => w.title === 'WordPress ids')).toEqual([expected]);

    const report = await run();
    expect(report.warnings.filter((w) => w.title === 'WordPress ids')).toEqual([expected]);
    const ours = await db
      .selectFrom('articles')
      .select(['headline', 'slug', 'version'])
      .where('id', '=', 201)
      .executeTakeFirstOrThrow();
    expect(ours).toEqual({ headline: 'Our own story', slug: 'ours', version: 1 });
    const imported = await db
      .selectFrom('import_items')
      .innerJoin('articles', 'articles.id', 'import_items.local_id')
      .select(['articles.id', 'articles.headline'])
      .where('source_kind', '=', 'article')
      .where('source_id', '=', '201')
      .executeTakeFirstOrThrow();
    expect(imported.headline).toBe(FLOOD);
    expect(imported.id).not.toBe(201);
    const others = await db
      .selectFrom('import_items')
      .select(['source_id', 'local_id'])
      .where('source_kind', '=', 'article')
      .where('source_id', '!=', '201')
      .execute();
    expect(others.length).toBeGreaterThan(0);
    for (const row of others) expect(row.local_id, row.source_id).toBe(Number(row.source_id));
    // The fresh id is past the highest post id imported, so none of the others lost theirs to it.
    expect(imported.id).toBeGreaterThan(Math.max(...others.map((r) => r.local_id)));
    const council = await site.app.inject({ url: `${API}/posts/202` });
    expect(JSON.parse(council.body).title.rendered).toContain('Council passes 2024 budget');

    const again = await run();
    expect(again.counts.articles.imported + again.counts.articles.updated).toBe(0);
    expect(again.warnings.filter((w) => w.title === 'WordPress ids')).toEqual([]);
    const highest = Number(
      (
        await db
          .selectFrom('articles')
          .select((eb) => eb.fn.max('id').as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(await insertArticle(db, articleRow('next', 'Next'))).toBeGreaterThan(highest);
  });
});
