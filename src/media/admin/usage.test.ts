// Which articles use which image, on both databases: what the editor records on each save, the alt-text
// rule the workflow asks before publishing, and the uses the library lists for each image.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addArticle, addAuthor, addMedia } from '../../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../../test/support/databases.js';
import { up as mediaLibraryMigration } from '../../storage/migrations/0004_media_library.js';
import { missingAltText } from './missing-alt-text.js';
import { findLibraryPage } from './queries.js';
import { recordArticleMediaFromContent, setArticleMedia, usesOfMedia, usesOfOneMedia } from './usage.js';

describe.each(testDatabases)('media usage on $name', (database) => {
  let storage: TestStorage;
  beforeEach(async () => {
    storage = await database.open();
  });
  afterEach(async () => {
    await storage.cleanup();
  });

  const rowsOf = async (articleId: number) =>
    (
      await storage.db
        .selectFrom('article_media')
        .select(['media_id', 'role'])
        .where('article_id', '=', articleId)
        .orderBy('role')
        .orderBy('media_id')
        .execute()
    ).map((r) => `${r.role}:${r.media_id}`);

  it('records hero and body images, replaces them on the next save, and skips ids not in the library', async () => {
    const { db } = storage;
    const [a, b, c] = [await addMedia(db, 'a'), await addMedia(db, 'b'), await addMedia(db, 'c')];
    const article = await addArticle(db, { slug: 'one', status: 'draft' });

    await setArticleMedia(db, article, { hero: a, body: [b, c, b, 9999] });
    expect(await rowsOf(article)).toEqual([`body:${b}`, `body:${c}`, `hero:${a}`]);

    await setArticleMedia(db, article, { hero: null, body: [a] });
    expect(await rowsOf(article)).toEqual([`body:${a}`]);

    await setArticleMedia(db, article, { hero: null, body: [] });
    expect(await rowsOf(article)).toEqual([]);
  });

  it('commits with the caller: a rolled-back save leaves the uses as they were', async () => {
    const { db } = storage;
    const [a, b] = [await addMedia(db, 'a'), await addMedia(db, 'b')];
    const article = await addArticle(db, { slug: 'two', status: 'draft' });
    await setArticleMedia(db, article, { hero: a, body: [] });
    await expect(
      db.transaction().execute(async (trx) => {
        await setArticleMedia(trx, article, { hero: b, body: [b] });
        throw new Error('the save failed after recording the images');
      }),
    ).rejects.toThrow('the save failed');
    expect(await rowsOf(article)).toEqual([`hero:${a}`]);
  });

  it('names the images without alt text, in the order given, and counts an image no longer in the library', async () => {
    const { db } = storage;
    const [good, blank, spaces] = [
      await addMedia(db, 'good'),
      await addMedia(db, 'blank'),
      await addMedia(db, 'spaces'),
    ];
    await db.updateTable('media').set({ alt_text: '' }).where('id', '=', blank).execute();
    await db.updateTable('media').set({ alt_text: '   ', caption: '' }).where('id', '=', spaces).execute();

    expect(await missingAltText(db, [])).toEqual([]);
    expect(await missingAltText(db, [good])).toEqual([]);
    expect(await missingAltText(db, [spaces, good, blank, spaces, 4242])).toEqual([
      { id: spaces, label: `image ${spaces}` },
      { id: blank, label: 'Caption for blank' },
      { id: 4242, label: 'image 4242 (no longer in the library)' },
    ]);
  });

  it('lists, for each image, the articles using it (hero first) and the authors whose photo it is', async () => {
    const { db } = storage;
    const [shared, hero, unused] = [
      await addMedia(db, 'shared'),
      await addMedia(db, 'hero'),
      await addMedia(db, 'unused'),
    ];
    const older = await addArticle(db, {
      slug: 'older',
      headline: 'Older story',
      publishedAt: '2026-01-01T00:00:00.000Z',
    });
    const newer = await addArticle(db, {
      slug: 'newer',
      headline: 'Newer story',
      status: 'draft',
      publishedAt: '2026-02-01T00:00:00.000Z',
    });
    await setArticleMedia(db, older, { hero: shared, body: [] });
    await setArticleMedia(db, newer, { hero: hero, body: [shared, hero] });
    const author = await addAuthor(db, 'ana', 'Ana Reporter');
    await db.updateTable('authors').set({ photo_media_id: shared }).where('id', '=', author).execute();

    const uses = await usesOfMedia(db, [shared, hero, unused]);
    expect(uses.get(shared)).toEqual({
      articles: [
        { articleId: newer, headline: 'Newer story', status: 'draft', createdBy: null, roles: ['body'] },
        { articleId: older, headline: 'Older story', status: 'published', createdBy: null, roles: ['hero'] },
      ],
      authors: [{ authorId: author, name: 'Ana Reporter' }],
    });
    expect(uses.get(hero)?.articles).toEqual([
      {
        articleId: newer,
        headline: 'Newer story',
        status: 'draft',
        createdBy: null,
        roles: ['hero', 'body'],
      },
    ]);
    expect(uses.has(unused)).toBe(false);
    expect(await usesOfOneMedia(db, unused)).toEqual({ articles: [], authors: [] });
  });

  it('counts a hero set on the article itself (the demo seed, an import) as used, though article_media never recorded it', async () => {
    const { db } = storage;
    const [seededHero, recordedBody, unused] = [
      await addMedia(db, 'seeded-hero'),
      await addMedia(db, 'recorded-body'),
      await addMedia(db, 'unused'),
    ];
    const seeded = await addArticle(db, {
      slug: 'seeded',
      headline: 'Seeded story',
      heroMediaId: seededHero,
      publishedAt: '2026-03-01T00:00:00.000Z',
    });
    const edited = await addArticle(db, {
      slug: 'edited',
      headline: 'Edited story',
      heroMediaId: seededHero,
      publishedAt: '2026-01-01T00:00:00.000Z',
    });
    // The editor recorded this one: its hero is both in the column and in article_media, listed once.
    await setArticleMedia(db, edited, { hero: seededHero, body: [recordedBody] });

    const uses = await usesOfMedia(db, [seededHero, recordedBody, unused]);
    expect(uses.get(seededHero)?.articles).toEqual([
      { articleId: seeded, headline: 'Seeded story', status: 'published', createdBy: null, roles: ['hero'] },
      { articleId: edited, headline: 'Edited story', status: 'published', createdBy: null, roles: ['hero'] },
    ]);
    expect(uses.get(recordedBody)?.articles.map((a) => a.roles)).toEqual([['body']]);
    expect(uses.has(unused)).toBe(false);

    const unusedPage = await findLibraryPage(
      db,
      { q: '', show: 'unused', rights: null },
      { now: '2026-12-01T00:00:00.000Z', warnUntil: '2026-12-31T00:00:00.000Z' },
      { limit: 50, offset: 0 },
      null,
    );
    expect(unusedPage.rows.map((r) => r.id)).toEqual([unused]);
  });

  it('records the images of articles written without the editor, from their stored hero and body', async () => {
    const { db } = storage;
    const [hero, inBody] = [await addMedia(db, 'hero'), await addMedia(db, 'body')];
    const imported = await addArticle(db, {
      slug: 'imported',
      heroMediaId: hero,
      body: { type: 'doc', content: [{ type: 'image', attrs: { mediaId: inBody } }] },
    });
    const broken = await addArticle(db, {
      slug: 'broken',
      heroMediaId: hero,
      body: { type: 'not a document' },
    });
    await recordArticleMediaFromContent(db, [imported, broken]);
    expect(await rowsOf(imported)).toEqual([`body:${inBody}`, `hero:${hero}`]);
    expect(await rowsOf(broken)).toEqual([]);
  });

  it('is filled in by the migration for articles written before it, from their hero and body images', async () => {
    const { db } = storage;
    const [hero, inBody] = [await addMedia(db, 'hero'), await addMedia(db, 'body')];
    const article = await addArticle(db, {
      slug: 'before',
      heroMediaId: hero,
      body: { type: 'doc', content: [{ type: 'image', attrs: { mediaId: inBody } }] },
    });
    // Run 0004 again as if these rows had been there first: drop what it made, then migrate once more.
    await db.schema.dropTable('article_media').execute();
    await db.schema.dropIndex('media_created').execute();
    await db.schema.dropIndex('media_license_expires').execute();
    await db.schema.alterTable('media').dropColumn('updated_at').execute();
    await db.schema.alterTable('media').dropColumn('uploaded_by').execute();
    await mediaLibraryMigration(db);
    expect(await rowsOf(article)).toEqual([`body:${inBody}`, `hero:${hero}`]);
  });
});
