// The import run on both databases, from records built by hand: what comes across, a second run of the same
// file changing nothing, a run stopped midway continued without duplicates, a newer export updating what
// changed (but not what an editor changed here), a dry run writing nothing, and the report of an empty file.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { importDeps, OLD_SITE, post, recordsReader, siteRecords } from '../../test/support/import-records.js';
import { LocalFileStore } from '../media/file-store.js';
import { searchArticles } from '../search/search-articles.js';
import { localContentEvents } from '../storage/content-events.js';
import { runImport } from './run-import.js';
import type { SourceComment, SourceRecord } from './source-model.js';

const OPTIONS = { system: 'wordpress' as const, file: 'export.xml', dryRun: false };

const comment = (id: string, status: SourceComment['status'], parentId?: string): SourceComment => ({
  sourceId: id,
  parentId,
  status,
  authorName: `Reader ${id}`,
  authorEmail: `Reader${id}@Example.COM`,
  authorUrl: 'javascript:alert(1)',
  authorIp: '203.0.113.9',
  createdAt: '2020-02-01T10:00:00.000Z',
  body: `<p>Comment ${id}</p>`,
});

describe.each(testDatabases)('the import run on $name', (database) => {
  let storage: TestStorage;
  let files: LocalFileStore;
  const announced: string[] = [];

  beforeEach(async () => {
    storage = await database.open();
    files = new LocalFileStore(await mkdtemp(join(tmpdir(), 'import-media-')));
    announced.length = 0;
  });
  afterEach(() => storage.cleanup());

  function run(records: SourceRecord[], options: Partial<typeof OPTIONS> = {}, failAfterPosts?: number) {
    const events = localContentEvents();
    events.onChange((tags) => announced.push(...tags));
    const deps = {
      ...importDeps(storage, files, events, recordsReader(records, failAfterPosts)),
      batchSize: 3,
    };
    return runImport(deps, {
      ...OPTIONS,
      ...options,
    });
  }

  async function rowCounts() {
    const count = async (
      table:
        | 'articles'
        | 'authors'
        | 'sections'
        | 'tags'
        | 'comments'
        | 'pages'
        | 'legacy_redirects'
        | 'article_revisions'
        | 'import_items',
    ) =>
      Number(
        (
          await storage.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      articles: await count('articles'),
      authors: await count('authors'),
      sections: await count('sections'),
      tags: await count('tags'),
      comments: await count('comments'),
      pages: await count('pages'),
      redirects: await count('legacy_redirects'),
      revisions: await count('article_revisions'),
      items: await count('import_items'),
    };
  }

  it('brings posts across with their authors, section, tags, SEO fields, comments and old addresses', async () => {
    const records = siteRecords(2);
    records.push(
      post(3, {
        authorIds: ['1', 'cap-ben'],
        categories: ['local', 'news'],
        primaryCategory: 'local',
        sticky: true,
        seo: { description: 'Meta', noindex: true, canonical: 'https://elsewhere.example.com/original' },
        comments: [
          comment('c1', 'approved'),
          comment('c2', 'approved', 'c1'),
          comment('c3', 'pending'),
          comment('c4', 'spam'),
          comment('c5', 'trash'),
        ],
      }),
      post(4, {
        type: 'page',
        slug: 'about',
        title: 'About us',
        url: `${OLD_SITE}/about/`,
        status: 'published',
      }),
      post(5, { status: 'scheduled', publishedAt: '2030-01-01T00:00:00.000Z' }),
    );
    const report = await run(records);
    expect(report.counts.articles).toEqual({ imported: 4, updated: 0, skipped: 0, failed: 0 });
    expect(report.counts.pages.imported).toBe(1);
    expect(report.counts.people.imported).toBe(2);
    expect(report.counts.sections.imported).toBe(2);
    expect(report.counts.comments.imported).toBe(5);
    expect(report.warnings.some((w) => w.title === 'Local' && /one level/.test(w.message))).toBe(true);

    const db = storage.db;
    const story = await db
      .selectFrom('articles')
      .selectAll()
      .where('slug', '=', 'story-number-3')
      .executeTakeFirstOrThrow();
    expect(story.status).toBe('published');
    expect(story.published_at).toBe('2020-01-04T10:00:00.000Z');
    expect(story.dek).toBe('The dek of story 3');
    expect(story.meta_description).toBe('Meta');
    expect(Number(story.noindex)).toBe(1);
    expect(story.canonical_url).toBe('https://elsewhere.example.com/original');
    const section = await db
      .selectFrom('sections')
      .select('slug')
      .where('id', '=', story.section_id!)
      .executeTakeFirstOrThrow();
    expect(section.slug).toBe('local');
    const bylines = await db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select('authors.slug')
      .where('article_id', '=', story.id)
      .orderBy('position')
      .execute();
    expect(bylines.map((b) => b.slug)).toEqual(['ana', 'ben']);
    const scheduled = await db
      .selectFrom('articles')
      .selectAll()
      .where('slug', '=', 'story-number-5')
      .executeTakeFirstOrThrow();
    expect([scheduled.status, scheduled.scheduled_at, scheduled.published_at]).toEqual([
      'scheduled',
      '2030-01-01T00:00:00.000Z',
      null,
    ]);
    const revisions = await db
      .selectFrom('article_revisions')
      .select('version')
      .where('article_id', '=', story.id)
      .execute();
    expect(revisions.map((r) => r.version)).toEqual([1]);

    const comments = await db
      .selectFrom('comments')
      .selectAll()
      .where('article_id', '=', story.id)
      .orderBy('id')
      .execute();
    expect(comments.map((c) => c.status)).toEqual(['approved', 'approved', 'pending', 'spam', 'trash']);
    expect(comments[1]!.parent_id).toBe(comments[0]!.id);
    expect(comments[1]!.depth).toBe(1);
    expect(comments[0]!.author_email).toBe('readerc1@example.com');
    expect(comments[0]!.email_key).toMatch(/^[\w-]{20,}$/);
    expect(comments[0]!.ip_key).not.toContain('203.0.113');
    expect(comments[0]!.author_url).toBe('');
    expect(comments[0]!.reply_notified_at).not.toBeNull();

    const redirects = await db
      .selectFrom('legacy_redirects')
      .selectAll()
      .where('target_id', '=', story.id)
      .where('target_kind', '=', 'article')
      .execute();
    expect(redirects.map((r) => r.old_path).sort()).toEqual(
      ['/2020/01/04/story-number-3', '/2020/01/story-number-3', '/local/story-number-3', '?p=103'].sort(),
    );
    const pinned = await db
      .selectFrom('curated_fronts')
      .select('layout')
      .where('front', '=', 'home')
      .where('state', '=', 'live')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(pinned.layout).pinned).toEqual({ id: story.id, until: null });
    expect(announced).toContain('*');
    // Every article is in the search index, with its status beside its words.
    const indexed = await sql<{ n: number }>`select count(*) as n from article_search`.execute(db);
    expect(Number(indexed.rows[0]!.n)).toBe(4);
    const found = await searchArticles(db, { q: 'paragraph story 3', limit: 10, offset: 0 });
    expect(found.hits.map((h) => h.slug)).toContain('story-number-3');
  });

  it('changes nothing when the same file is imported again', async () => {
    const records = siteRecords(3);
    records.push(post(9, { comments: [comment('c1', 'approved'), comment('c2', 'approved', 'c1')] }));
    await run(records);
    const before = await rowCounts();
    const second = await run(records);
    expect(await rowCounts()).toEqual(before);
    expect(second.counts.articles).toEqual({ imported: 0, updated: 0, skipped: 4, failed: 0 });
    expect(second.counts.comments).toEqual({ imported: 0, updated: 0, skipped: 2, failed: 0 });
    expect(second.counts.people.skipped).toBe(2);
    expect(second.counts.redirects.imported).toBe(0);
    expect(second.redirects).toEqual([]);
  });

  it('continues a run stopped midway, writing every item once and none by halves', async () => {
    const records = siteRecords(10);
    // Stopped while reading the fifth post: the first batch of three is written, the fourth was not yet.
    await expect(run(records, {}, 4)).rejects.toThrow('the run was stopped');
    const partial = await rowCounts();
    expect(partial.articles).toBe(3);
    // Every article written has its revision and its ledger row: nothing half-written.
    expect(partial.revisions).toBe(3);
    const articleItems = await storage.db
      .selectFrom('import_items')
      .select('local_id')
      .where('source_kind', '=', 'article')
      .execute();
    expect(articleItems).toHaveLength(3);
    const report = await run(records);
    expect(report.counts.articles).toEqual({ imported: 7, updated: 0, skipped: 3, failed: 0 });
    const after = await rowCounts();
    expect(after.articles).toBe(10);
    expect(after.revisions).toBe(10);
    const slugs = await storage.db.selectFrom('articles').select('slug').execute();
    expect(new Set(slugs.map((s) => s.slug)).size).toBe(10);
  });

  it('writes the rest of a batch when one post in it fails, and reports that one', async () => {
    const events = localContentEvents();
    const deps = { ...importDeps(storage, files, events, recordsReader(siteRecords(5))), batchSize: 3 };
    const failing = {
      ...deps.bodies,
      convert: (
        body: Parameters<typeof deps.bodies.convert>[0],
        ctx: Parameters<typeof deps.bodies.convert>[1],
      ) => {
        if (body.content.includes('story 2.')) throw new Error('the converter broke');
        return deps.bodies.convert(body, ctx);
      },
    };
    const report = await runImport({ ...deps, bodies: failing }, OPTIONS);
    expect(report.counts.articles).toEqual({ imported: 4, updated: 0, skipped: 0, failed: 1 });
    expect(report.warnings).toContainEqual(
      expect.objectContaining({
        kind: 'articles',
        title: 'Story number 2',
        message: 'could not be written: the converter broke',
      }),
    );
    const slugs = (await storage.db.selectFrom('articles').select('slug').orderBy('slug').execute()).map(
      (r) => r.slug,
    );
    expect(slugs).toEqual(['story-number-1', 'story-number-3', 'story-number-4', 'story-number-5']);
    // Run again with a working converter: the failed one comes now, the rest are skipped.
    const again = await runImport(deps, OPTIONS);
    expect(again.counts.articles).toEqual({ imported: 1, updated: 0, skipped: 4, failed: 0 });
  });

  it('updates what a newer export changed, but keeps what an editor changed here', async () => {
    await run(siteRecords(3));
    const db = storage.db;
    const edited = await db
      .selectFrom('articles')
      .select(['id', 'version'])
      .where('slug', '=', 'story-number-2')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('articles')
      .set({ headline: 'Edited here', version: edited.version + 1 })
      .where('id', '=', edited.id)
      .execute();
    const newer = siteRecords(3).map((r) =>
      r.kind === 'post'
        ? {
            ...r,
            title: `${r.title} (revised)`,
            comments: r.sourceId === '102' ? [comment('n1', 'approved')] : [],
          }
        : r,
    );
    const report = await run(newer);
    expect(report.counts.articles).toEqual({ imported: 0, updated: 2, skipped: 1, failed: 0 });
    expect(
      report.warnings.some((w) => w.oldUrl?.includes('story-number-2') && /edited here/.test(w.message)),
    ).toBe(true);
    const rows = await db
      .selectFrom('articles')
      .select(['slug', 'headline', 'version'])
      .orderBy('slug')
      .execute();
    expect(rows.map((r) => [r.slug, r.headline, r.version])).toEqual([
      ['story-number-1', 'Story number 1 (revised)', 2],
      ['story-number-2', 'Edited here', 2],
      ['story-number-3', 'Story number 3 (revised)', 2],
    ]);
    // The newer export's comment on the story edited here still comes.
    expect(report.counts.comments.imported).toBe(1);
  });

  it('writes nothing in a dry run, and reports what it would do', async () => {
    const before = await rowCounts();
    const report = await run(siteRecords(3), { dryRun: true });
    expect(await rowCounts()).toEqual(before);
    expect(report.dryRun).toBe(true);
    expect(report.counts.articles.imported).toBe(3);
    expect(report.counts.redirects.imported).toBeGreaterThan(3);
    expect(announced).toEqual([]);
  });

  it('says so when the export holds no posts, pages or media', async () => {
    const report = await run([{ kind: 'site', system: 'wordpress', title: 'Empty', baseUrl: OLD_SITE }]);
    expect(report.empty).toBe(true);
    expect(report.warnings[0]!.message).toBe('This export holds no posts, pages or media.');
  });

  it('refuses a file that names no site, writing nothing', async () => {
    const before = await rowCounts();
    await expect(run(siteRecords(2).slice(1))).rejects.toThrow(/names no site/);
    expect(await rowCounts()).toEqual(before);
  });

  it('renames an article whose slug is taken here and rewrites links to posts later in the file', async () => {
    const records = siteRecords(0);
    records.push(
      post(1, {
        body: {
          format: 'html',
          content: `<p>See <a href="${OLD_SITE}/2020/01/03/story-number-2/">the next one</a>.</p>`,
        },
      }),
      post(2),
    );
    const db = storage.db;
    await run([records[0]!, post(2, { sourceId: '999', url: `${OLD_SITE}/other/` })]);
    const report = await run(records);
    expect(report.warnings.some((w) => /story-number-2-2/.test(w.message))).toBe(true);
    const slugs = (await db.selectFrom('articles').select('slug').execute()).map((r) => r.slug).sort();
    expect(slugs).toEqual(['story-number-1', 'story-number-2', 'story-number-2-2']);
    // The link to a post later in the file leads to its new address, the renamed one.
    const first = await db
      .selectFrom('articles')
      .select('body')
      .where('slug', '=', 'story-number-1')
      .executeTakeFirstOrThrow();
    expect(first.body).toContain('"href":"/articles/story-number-2-2"');
  });
});
