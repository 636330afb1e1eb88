// The reader's queries on both databases: what they return, that they are compiled once with the right SQL
// for each dialect, and how many round trips a page costs (an article at most two, a list one).
import type { KyselyPlugin, PluginTransformResultArgs, QueryResult, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArticle, addAuthor, addMedia, addSection, addTag } from '../../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../../test/support/databases.js';
import { NotFound } from '../../http/errors.js';
import { listSections } from '../../site/sections.js';
import { lastChanged } from '../model.js';
import { articleBySlug, loadPublishedArticle } from './article-query.js';
import { listLatestArticles } from './feed-query.js';
import { frontPageStories, listPublished, listPublishedSince } from './list-queries.js';
import { getAuthor, getTag } from './lookups.js';

/** Counts the statements a database handle runs. */
class CountQueries implements KyselyPlugin {
  count = 0;
  transformQuery<T>(args: { node: T }): T {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count++;
    return args.result;
  }
}

describe.each(testDatabases)('reader queries on $name', ({ name, open }) => {
  let s: TestStorage;
  const ids: Record<string, number> = {};
  const sections = async () => new Map((await listSections(s.db)).map((x) => [x.id, x]));

  beforeAll(async () => {
    s = await open();
    const { db } = s;
    ids.world = await addSection(db, 'world', 'World', 1);
    ids.local = await addSection(db, 'local', 'Local', 2);
    ids.ana = await addAuthor(db, 'ana-reyes', 'Ana Reyes');
    ids.ben = await addAuthor(db, 'ben-okafor', 'Ben Okafor');
    ids.war = await addTag(db, 'war', 'War');
    ids.hero = await addMedia(db, 'hero');
    ids.kharkiv = await addArticle(db, {
      slug: 'kharkiv',
      sectionId: ids.world,
      heroMediaId: ids.hero,
      authorIds: [ids.ben!, ids.ana!],
      tagIds: [ids.war!],
      publishedAt: '2026-11-24T08:00:00.000Z',
      updatedAt: '2026-11-24T12:00:00.000Z',
      workType: 'analysis',
      dateline: 'KHARKIV, Ukraine',
    });
    for (let i = 1; i <= 5; i++) {
      await addArticle(db, {
        slug: `local-${i}`,
        sectionId: ids.local,
        authorIds: [ids.ana!],
        publishedAt: `2026-11-1${i}T08:00:00.000Z`,
      });
    }
    await addArticle(db, { slug: 'draft-one', status: 'draft', sectionId: ids.world });
    await addArticle(db, { slug: 'pulled', status: 'unpublished', sectionId: ids.world });
    await db
      .insertInto('corrections')
      .values([
        {
          article_id: ids.kharkiv!,
          kind: 'correction',
          text: 'An earlier version misspelt a name.',
          placement: 'top',
          published_at: '2026-11-24T13:00:00.000Z',
          created_by: null,
          withdrawn_at: null,
          withdrawn_by: null,
        },
        {
          article_id: ids.kharkiv!,
          kind: 'update',
          text: 'Withdrawn, so not shown.',
          placement: 'bottom',
          published_at: '2026-11-24T14:00:00.000Z',
          created_by: null,
          withdrawn_at: '2026-11-24T15:00:00.000Z',
          withdrawn_by: null,
        },
      ])
      .execute();
  });
  afterAll(() => s.cleanup());

  it('reads a published article whole in two queries: authors in byline order, tags, notes, hero, dates', async () => {
    const counter = new CountQueries();
    const a = await loadPublishedArticle(s.db.withPlugin(counter), 'kharkiv', await sections());
    expect(counter.count).toBeLessThanOrEqual(2);
    expect(a.section?.name).toBe('World');
    expect(a.authors.map((x) => x.name)).toEqual(['Ben Okafor', 'Ana Reyes']);
    expect(a.tags.map((t) => t.slug)).toEqual(['war']);
    expect(a.hero?.creditPerson).toBe('Ann Photographer');
    expect(a.hero?.variants).toHaveLength(4);
    expect(a.media.get(ids.hero!)?.id).toBe(ids.hero);
    expect(a.workType).toBe('analysis');
    expect(a.dateline).toBe('KHARKIV, Ukraine');
    expect(a.publishedAt).toBe('2026-11-24T08:00:00.000Z');
    expect(a.updatedAt).toBe('2026-11-24T12:00:00.000Z');
    expect(a.corrections).toEqual([
      {
        kind: 'correction',
        text: 'An earlier version misspelt a name.',
        placement: 'top',
        publishedAt: '2026-11-24T13:00:00.000Z',
      },
    ]);
    expect(a.body.content[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'First paragraph.' }],
    });
  });

  it('never shows a draft or an unpublished article, and says so with NotFound', async () => {
    const all = await sections();
    await expect(loadPublishedArticle(s.db, 'draft-one', all)).rejects.toBeInstanceOf(NotFound);
    await expect(loadPublishedArticle(s.db, 'pulled', all)).rejects.toBeInstanceOf(NotFound);
    await expect(loadPublishedArticle(s.db, 'no-such-thing', all)).rejects.toBeInstanceOf(NotFound);
  });

  it('lists newest first, filtered by section, tag and author, in pages of one query each', async () => {
    const all = await sections();
    const counter = new CountQueries();
    const first = await listPublished(s.db.withPlugin(counter), { kind: 'all' }, 1, 4, all);
    expect(counter.count).toBe(1);
    expect(first.items.map((a) => a.slug)).toEqual(['kharkiv', 'local-5', 'local-4', 'local-3']);
    expect(first.items[0]?.authors.map((a) => a.slug)).toEqual(['ben-okafor', 'ana-reyes']);
    expect(first.items[0]?.hero?.id).toBe(ids.hero);
    expect(first).toMatchObject({ page: 1, pages: 2, total: 6 });
    const second = await listPublished(s.db, { kind: 'all' }, 2, 4, all);
    expect(second.items.map((a) => a.slug)).toEqual(['local-2', 'local-1']);
    const world = await listPublished(s.db, { kind: 'section', sectionId: ids.world! }, 1, 10, all);
    expect(world.items.map((a) => a.slug)).toEqual(['kharkiv']);
    const tagged = await listPublished(s.db, { kind: 'tag', tagId: ids.war! }, 1, 10, all);
    expect(tagged.total).toBe(1);
    const byBen = await listPublished(s.db, { kind: 'author', authorId: ids.ben! }, 1, 10, all);
    expect(byBen.items.map((a) => a.slug)).toEqual(['kharkiv']);
    const byAna = await listPublished(s.db, { kind: 'author', authorId: ids.ana! }, 1, 10, all);
    expect(byAna.total).toBe(6);
    await expect(listPublished(s.db, { kind: 'all' }, 3, 4, all)).rejects.toBeInstanceOf(NotFound);
  });

  it('reads the front page in one query: the newest, and the newest of each section', async () => {
    const counter = new CountQueries();
    const list = await listSections(s.db);
    const front = await frontPageStories(s.db.withPlugin(counter), list, { latest: 3, perSection: 2 });
    expect(counter.count).toBe(1);
    expect(front.latest.map((a) => a.slug)).toEqual(['kharkiv', 'local-5', 'local-4']);
    expect(front.bySection.map((part) => part.map((a) => a.slug))).toEqual([
      ['kharkiv'],
      ['local-5', 'local-4'],
    ]);
  });

  it('reads the newest whole articles of a list for its feeds in two queries', async () => {
    const counter = new CountQueries();
    const items = await listLatestArticles(s.db.withPlugin(counter), { kind: 'all' }, 3, await sections());
    expect(counter.count).toBeLessThanOrEqual(2);
    expect(items.map((a) => a.slug)).toEqual(['kharkiv', 'local-5', 'local-4']);
    expect(items[0]?.tags.map((t) => t.name)).toEqual(['War']);
  });

  it('finds what was published in a window, for the news sitemap', async () => {
    const recent = await listPublishedSince(s.db, new Date('2026-11-23T00:00:00.000Z'), await sections());
    expect(recent.map((a) => a.slug)).toEqual(['kharkiv']);
    expect(lastChanged(recent)).toBe('2026-11-24T12:00:00.000Z');
  });

  it('looks up tags and authors by slug', async () => {
    expect((await getTag(s.db, 'war')).name).toBe('War');
    expect((await getAuthor(s.db, 'ana-reyes')).jobTitle).toBe('Reporter');
    await expect(getTag(s.db, 'peace')).rejects.toBeInstanceOf(NotFound);
    await expect(getAuthor(s.db, 'nobody')).rejects.toBeInstanceOf(NotFound);
  });

  it('writes each dialect its own SQL, compiled once and reused', async () => {
    const sql = articleBySlug.sql(s.db);
    expect(sql).toContain(name === 'postgres' ? 'json_agg' : 'json_group_array');
    expect(sql).toContain(name === 'postgres' ? '"articles"."slug" = $1' : '"articles"."slug" = ?');
    await loadPublishedArticle(s.db, 'local-1', await sections());
    expect(articleBySlug.sql(s.db)).toBe(sql);
  });
});
