// The reader site's queries, one test body for both databases: the SQL where dialects differ, the rows always.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArticle, addAuthor, addMedia, addSection, addTag } from '../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { NotFound } from '../http/errors.js';
import {
  getAuthor,
  getPublishedArticle,
  getSection,
  lastChanged,
  listPublished,
  listPublishedSince,
} from './articles.js';
import { countPublished, selectPublishedSummaries } from './queries.js';

describe.each(testDatabases)('articles on $name', ({ name, open }) => {
  let s: TestStorage;
  const ids: Record<string, number> = {};

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
  });
  afterAll(() => s.cleanup());

  it('compiles the listing query for its own dialect', () => {
    const compiled = selectPublishedSummaries;
    expect(compiled).toBeTypeOf('function');
    const { sql } = s.db
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .limit(5)
      .compile();
    expect(sql).toBe(
      name === 'postgres'
        ? 'select "id" from "articles" where "status" = $1 order by "published_at" desc limit $2'
        : 'select "id" from "articles" where "status" = ? order by "published_at" desc limit ?',
    );
  });

  it('reads a published article with its section, authors in byline order, tags, hero and dates', async () => {
    const a = await getPublishedArticle(s.db, 'kharkiv');
    expect(a.section?.name).toBe('World');
    expect(a.authors.map((x) => x.name)).toEqual(['Ben Okafor', 'Ana Reyes']);
    expect(a.tags.map((t) => t.slug)).toEqual(['war']);
    expect(a.hero?.creditPerson).toBe('Ann Photographer');
    expect(a.hero?.variants).toHaveLength(4);
    expect(a.workType).toBe('analysis');
    expect(a.dateline).toBe('KHARKIV, Ukraine');
    expect(a.publishedAt).toBe('2026-11-24T08:00:00.000Z');
    expect(a.updatedAt).toBe('2026-11-24T12:00:00.000Z');
    expect(a.body.content[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'First paragraph.' }],
    });
  });

  it('never shows a draft or an unpublished article, and says so with NotFound', async () => {
    await expect(getPublishedArticle(s.db, 'draft-one')).rejects.toBeInstanceOf(NotFound);
    await expect(getPublishedArticle(s.db, 'pulled')).rejects.toBeInstanceOf(NotFound);
    await expect(getPublishedArticle(s.db, 'no-such-thing')).rejects.toBeInstanceOf(NotFound);
    expect(await countPublished(s.db, { kind: 'all' })).toBe(6);
  });

  it('lists newest first, filtered by section, tag and author, in pages', async () => {
    const all = await listPublished(s.db, { kind: 'all' }, 1, 4);
    expect(all.items.map((a) => a.slug)).toEqual(['kharkiv', 'local-5', 'local-4', 'local-3']);
    expect(all).toMatchObject({ page: 1, pages: 2, total: 6 });
    const second = await listPublished(s.db, { kind: 'all' }, 2, 4);
    expect(second.items.map((a) => a.slug)).toEqual(['local-2', 'local-1']);
    const world = await listPublished(s.db, { kind: 'section', sectionId: ids.world! }, 1, 10);
    expect(world.items.map((a) => a.slug)).toEqual(['kharkiv']);
    const tagged = await listPublished(s.db, { kind: 'tag', tagId: ids.war! }, 1, 10);
    expect(tagged.total).toBe(1);
    const byBen = await listPublished(s.db, { kind: 'author', authorId: ids.ben! }, 1, 10);
    expect(byBen.items.map((a) => a.slug)).toEqual(['kharkiv']);
    const byAna = await listPublished(s.db, { kind: 'author', authorId: ids.ana! }, 1, 10);
    expect(byAna.total).toBe(6);
    await expect(listPublished(s.db, { kind: 'all' }, 3, 4)).rejects.toBeInstanceOf(NotFound);
  });

  it('finds what was published in a window, for the news sitemap', async () => {
    const recent = await listPublishedSince(s.db, new Date('2026-11-23T00:00:00.000Z'));
    expect(recent.map((a) => a.slug)).toEqual(['kharkiv']);
    expect(lastChanged(recent)).toBe('2026-11-24T12:00:00.000Z');
  });

  it('looks up sections and authors by slug', async () => {
    expect((await getSection(s.db, 'local')).name).toBe('Local');
    expect((await getAuthor(s.db, 'ana-reyes')).jobTitle).toBe('Reporter');
    await expect(getSection(s.db, 'sport')).rejects.toBeInstanceOf(NotFound);
  });
});
