// A change drops exactly the cached pages that show what changed: an edit to one story its page and the
// lists it is on, not the other stories; a new comment its article page, not the story's render.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../demo/seed.js';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { commentsTag } from '../comments/cache-tags.js';
import { articleTag, listingTagsOf } from './cache-tags.js';
import { listedArticle } from './listed-article.js';

let t: TestApp;
const stories: Array<{ id: number; slug: string; section: string }> = [];

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoIfEmpty(t.storage.db, t.files, new Date());
  const rows = await t.storage.db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.slug', 'sections.slug as section'])
    .where('articles.status', '=', 'published')
    .orderBy('articles.published_at', 'desc')
    .execute();
  // Two stories in different sections.
  const first = rows[0]!;
  const other = rows.find((r) => r.section !== first.section)!;
  stories.push(first, other);
});
afterAll(() => t.close());

const warm = async (paths: string[]) => {
  for (const path of paths) expect((await t.app.inject(path)).statusCode, path).toBe(200);
};

describe('cache invalidation', () => {
  it('drops the edited story, the front page and the lists it is on; the other story and its section stay', async () => {
    const [edited, other] = stories as [(typeof stories)[0], (typeof stories)[0]];
    const pages = {
      edited: `/articles/${edited.slug}`,
      other: `/articles/${other.slug}`,
      home: '/',
      editedSection: `/sections/${edited.section}`,
      otherSection: `/sections/${other.section}`,
      feed: '/feed.xml',
      sitemap: '/sitemap-articles-1.xml',
    };
    await warm(Object.values(pages));
    for (const path of Object.values(pages)) expect(t.pageCache.has(path), path).toBe(true);

    await t.deps.events.changed(listingTagsOf(await listedArticle(t.storage.db, edited.id)));

    expect(t.pageCache.has(pages.edited)).toBe(false);
    expect(t.pageCache.has(pages.home)).toBe(false);
    expect(t.pageCache.has(pages.editedSection)).toBe(false);
    expect(t.pageCache.has(pages.feed)).toBe(false);
    expect(t.pageCache.has(pages.sitemap)).toBe(false);
    expect(t.pageCache.has(pages.other)).toBe(true);
    expect(t.pageCache.has(pages.otherSection)).toBe(true);
  });

  it('re-renders a page for a new comment without rendering its story again', async () => {
    const [story] = stories as [(typeof stories)[0]];
    const path = `/articles/${story.slug}`;
    await warm([path]);
    const before = { ...t.stories.stats };
    await t.deps.events.changed([commentsTag(story.id)]);
    expect(t.pageCache.has(path)).toBe(false);
    await warm([path]);
    expect(t.stories.stats.hits).toBe(before.hits + 1);
    expect(t.stories.stats.misses).toBe(before.misses);
  });

  it('renders the story again when the story changed', async () => {
    const [story] = stories as [(typeof stories)[0]];
    const path = `/articles/${story.slug}`;
    await warm([path]);
    const before = { ...t.stories.stats };
    await t.deps.events.changed([articleTag(story.id)]);
    await warm([path]);
    expect(t.stories.stats.misses).toBe(before.misses + 1);
  });
});
