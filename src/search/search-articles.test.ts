// Search on both databases: ranking by where the words are, phrases, prefixes, accents, filters and pages,
// only published articles for readers, and the index following every save, unpublication and deletion.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addArticle, addSection, bodyOf } from '../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { countingEvents, fieldsFor, minutesAfter, newsroom, T0 } from '../../test/support/editorial.js';
import { createArticle, saveArticle } from '../editorial/drafts.js';
import { loadArticle } from '../editorial/editable.js';
import { publishArticle, unpublishArticle } from '../editorial/workflow.js';
import { Invalid } from '../http/errors.js';
import { searchArticles } from './search-articles.js';
import { indexStaleArticles, reindexAllArticles } from './search-index.js';

const page = { limit: 10, offset: 0 };

describe.each(testDatabases)('searching articles on $name', (database) => {
  let storage: TestStorage;
  const search = (q: string, more: Partial<Parameters<typeof searchArticles>[1]> = {}) =>
    searchArticles(storage.db, { q, ...page, ...more });
  const slugs = async (q: string, more: Partial<Parameters<typeof searchArticles>[1]> = {}) =>
    (await search(q, more)).hits.map((h) => h.slug);

  beforeEach(async () => {
    storage = await database.open();
  });
  afterEach(async () => {
    await storage.cleanup();
  });

  it('ranks a headline hit above a dek hit, and a dek hit above a body hit', async () => {
    await addArticle(storage.db, {
      slug: 'in-body',
      headline: 'Council meets',
      dek: 'A long evening',
      body: bodyOf('The harbour dredging plan was approved after a debate about costs and tides.'),
      publishedAt: '2026-11-03T10:00:00.000Z',
    });
    await addArticle(storage.db, {
      slug: 'in-dek',
      headline: 'Budget vote',
      dek: 'What the harbour plan costs',
      body: bodyOf('Councillors argued for hours.'),
      publishedAt: '2026-11-02T10:00:00.000Z',
    });
    await addArticle(storage.db, {
      slug: 'in-headline',
      headline: 'Harbour plan approved',
      dek: 'After a long debate',
      body: bodyOf('Councillors voted eight to three.'),
      publishedAt: '2026-11-01T10:00:00.000Z',
    });
    expect(await indexStaleArticles(storage.db)).toBe(3);
    expect(await slugs('harbour')).toEqual(['in-headline', 'in-dek', 'in-body']);
    const result = await search('harbour');
    expect(result.total).toBe(3);
    expect(result.hits[2]).toMatchObject({
      headline: 'Council meets',
      dek: 'A long evening',
      sectionId: null,
    });
    expect(result.hits[2]!.snippetHtml).toContain('The <mark>harbour</mark> dredging plan');
    expect(result.hits[2]!.publishedAt).toBe('2026-11-03T10:00:00.000Z');
  });

  it('matches "exact phrases", word* prefixes and every word given', async () => {
    await addArticle(storage.db, {
      slug: 'a',
      body: bodyOf('The city council approved the budget on Monday.'),
    });
    await addArticle(storage.db, { slug: 'b', body: bodyOf('The budget of the council was not approved.') });
    await indexStaleArticles(storage.db);
    expect((await slugs('"council approved"')).sort()).toEqual(['a']);
    expect((await slugs('council approved')).sort()).toEqual(['a', 'b']);
    expect((await slugs('budg*')).sort()).toEqual(['a', 'b']);
    expect(await slugs('budg')).toEqual([]);
    expect((await slugs('monday budget')).sort()).toEqual(['a']);
    const [hit] = (await search('appro*')).hits;
    expect(hit!.snippetHtml).toMatch(/<mark>approved<\/mark>/);
  });

  it('folds accents and case both ways: café finds cafe and CAFE finds Café', async () => {
    await addArticle(storage.db, {
      slug: 'accented',
      headline: 'Le café du coin',
      body: bodyOf('Crème brûlée.'),
    });
    await addArticle(storage.db, { slug: 'plain', headline: 'A cafe closes', body: bodyOf('Creme brulee.') });
    await indexStaleArticles(storage.db);
    expect((await slugs('cafe')).sort()).toEqual(['accented', 'plain']);
    expect((await slugs('CAFÉ')).sort()).toEqual(['accented', 'plain']);
    expect((await slugs('"creme brulee"')).sort()).toEqual(['accented', 'plain']);
    const accented = (await search('brulee')).hits.find((h) => h.slug === 'accented');
    expect(accented!.snippetHtml).toBe('Crème <mark>brûlée</mark>.');
  });

  it('finds only published articles, within a section and between dates, a page at a time', async () => {
    const news = await addSection(storage.db, 'news', 'News');
    await addArticle(storage.db, { slug: 'draft', status: 'draft', body: bodyOf('Tram strike news.') });
    await addArticle(storage.db, { slug: 'gone', status: 'unpublished', body: bodyOf('Tram strike news.') });
    for (let day = 1; day <= 5; day++) {
      await addArticle(storage.db, {
        slug: `tram-${day}`,
        sectionId: day % 2 === 0 ? news : null,
        publishedAt: `2026-10-0${day}T12:00:00.000Z`,
        body: bodyOf('Tram strike news.'),
      });
    }
    await indexStaleArticles(storage.db);
    const all = await search('tram', { limit: 2 });
    expect(all.total).toBe(5);
    // Equal relevance: newest first.
    expect(all.hits.map((h) => h.slug)).toEqual(['tram-5', 'tram-4']);
    expect(await slugs('tram', { limit: 2, offset: 4 })).toEqual(['tram-1']);
    expect(await slugs('tram', { sectionId: news })).toEqual(['tram-4', 'tram-2']);
    expect(await slugs('tram', { from: '2026-10-02', to: '2026-10-04' })).toEqual(['tram-3', 'tram-2']);
    expect((await search('tram', { offset: 50 })).hits).toEqual([]);
  });

  it('follows a status, section or date written straight to articles, as an import or a script would', async () => {
    const news = await addSection(storage.db, 'news', 'News');
    const id = await addArticle(storage.db, { slug: 'ferry', body: bodyOf('Ferry timetable.') });
    await indexStaleArticles(storage.db);
    expect(await slugs('ferry', { sectionId: news })).toEqual([]);
    await storage.db.updateTable('articles').set({ section_id: news }).where('id', '=', id).execute();
    expect(await slugs('ferry', { sectionId: news })).toEqual(['ferry']);
    await storage.db
      .updateTable('articles')
      .set({ published_at: '2025-01-01T00:00:00.000Z' })
      .where('id', '=', id)
      .execute();
    expect(await slugs('ferry', { to: '2025-02-01' })).toEqual(['ferry']);
    await storage.db.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', id).execute();
    expect(await search('ferry')).toEqual({ total: 0, hits: [] });
    await storage.db.updateTable('articles').set({ status: 'published' }).where('id', '=', id).execute();
    expect((await search('ferry')).total).toBe(1);
  });

  it('refuses limits, offsets and dates it cannot use, as Invalid', async () => {
    await expect(search('x', { limit: 0 })).rejects.toBeInstanceOf(Invalid);
    await expect(search('x', { limit: 101 })).rejects.toBeInstanceOf(Invalid);
    await expect(search('x', { offset: -1 })).rejects.toBeInstanceOf(Invalid);
    await expect(search('x', { from: 'yesterday' })).rejects.toBeInstanceOf(Invalid);
    await expect(search('x', { to: '2026-13-45' })).rejects.toBeInstanceOf(Invalid);
  });

  it('escapes the snippet: the article’s own words are text, only <mark> is markup', async () => {
    await addArticle(storage.db, {
      slug: 'markup',
      body: bodyOf('Write <script>alert("x")</script> & <b>bold</b> to test the filter.'),
    });
    await indexStaleArticles(storage.db);
    const [hit] = (await search('script filter')).hits;
    expect(hit!.snippetHtml).toBe(
      'Write &lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; &lt;b&gt;bold&lt;/b&gt; to test the <mark>filter</mark>.',
    );
  });

  it('rebuilds the whole index on demand', async () => {
    await addArticle(storage.db, { slug: 'one', body: bodyOf('Lighthouse keeper retires.') });
    await addArticle(storage.db, { slug: 'two', body: bodyOf('Lighthouse restored.') });
    expect(await reindexAllArticles(storage.db)).toBe(2);
    expect(await indexStaleArticles(storage.db)).toBe(0);
    expect((await slugs('lighthouse')).sort()).toEqual(['one', 'two']);
  });
});

describe.each(testDatabases)('the index following the newsroom on $name', (database) => {
  let storage: TestStorage;
  beforeEach(async () => {
    storage = await database.open();
  });
  afterEach(async () => {
    await storage.cleanup();
  });

  it('finds an article once published, its new words once edited, and nothing once unpublished or deleted', async () => {
    const room = await newsroom(storage.db);
    const deps = { db: storage.db, events: countingEvents() };
    const found = async (q: string) =>
      (await searchArticles(storage.db, { q, ...page })).hits.map((h) => h.articleId);
    const draft = await createArticle(
      storage.db,
      room.editor,
      fieldsFor(room, { body: bodyOf('The ferry timetable changes in spring.') }),
      'manual',
      T0,
    );
    // Indexed as a draft (the newsroom searches drafts), but no reader finds it.
    expect(await indexStaleArticles(storage.db)).toBe(0);
    expect(await found('ferry')).toEqual([]);
    await publishArticle(deps, room.editor, draft.id, minutesAfter(T0, 1));
    expect(await found('ferry')).toEqual([draft.id]);

    const current = await loadArticle(storage.db, draft.id);
    await saveArticle(
      deps,
      room.editor,
      draft.id,
      fieldsFor(room, {
        slug: current.fields.slug,
        body: bodyOf('The hovercraft timetable changes in spring.'),
      }),
      { baseVersion: current.version, kind: 'manual', now: minutesAfter(T0, 2) },
    );
    expect(await found('ferry')).toEqual([]);
    expect(await found('hovercraft')).toEqual([draft.id]);
    expect(await indexStaleArticles(storage.db)).toBe(0);

    await unpublishArticle(deps, room.editor, draft.id, minutesAfter(T0, 3));
    expect(await found('hovercraft')).toEqual([]);
    await publishArticle(deps, room.editor, draft.id, minutesAfter(T0, 4));
    expect(await found('hovercraft')).toEqual([draft.id]);

    await storage.db.deleteFrom('articles').where('id', '=', draft.id).execute();
    expect(await found('hovercraft')).toEqual([]);
    // The entry itself is gone, not just hidden by the join.
    expect(await indexStaleArticles(storage.db)).toBe(0);
    const { rows } = await sql<{ n: number }>`select count(*) as n from article_search`.execute(storage.db);
    expect(Number(rows[0]!.n)).toBe(0);
  });
});
