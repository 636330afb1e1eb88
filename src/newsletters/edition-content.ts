// What an edition shows besides its introduction: the articles chosen by hand, in their order, then the
// latest from the chosen sections, each story once. Read through the articles domain's own queries.
import type { Kysely } from 'kysely';
import { articlePath } from '../articles/model.js';
import { loadPublishedArticle } from '../articles/queries/article-query.js';
import { listLatestArticles } from '../articles/queries/feed-query.js';
import { DomainError, Invalid } from '../http/errors.js';
import { absoluteMediaUrl, fallbackVariant } from '../media/media.js';
import type { SiteContext } from '../site/site-context.js';
import type { Database } from '../storage/schema.js';

export interface EditionStory {
  headline: string;
  dek: string;
  url: string;
  section: string | null;
  image: { src: string; alt: string; width: number; height: number } | null;
}

/** Stories from each chosen section. */
const PER_SECTION = 5;

export async function editionStories(
  db: Kysely<Database>,
  ctx: SiteContext,
  slugs: string[],
  sectionIds: number[],
): Promise<EditionStory[]> {
  const seen = new Set<number>();
  const stories: EditionStory[] = [];
  const add = (a: Awaited<ReturnType<typeof loadPublishedArticle>>) => {
    if (seen.has(a.id)) return;
    seen.add(a.id);
    const variant = a.hero ? fallbackVariant(a.hero, 1200) : undefined;
    stories.push({
      headline: a.headline,
      dek: a.dek,
      url: ctx.baseUrl + articlePath(a.slug),
      section: a.section?.name ?? null,
      image:
        a.hero && variant
          ? {
              src: absoluteMediaUrl(ctx.baseUrl, variant.key),
              // An image without words says nothing to a reader whose client blocks images, nor to a screen reader.
              alt: a.hero.altText || a.headline,
              width: Math.min(variant.width, 600),
              height: Math.round((Math.min(variant.width, 600) * variant.height) / variant.width),
            }
          : null,
    });
  };
  const missing: string[] = [];
  for (const slug of slugs) {
    try {
      add(await loadPublishedArticle(db, slug, ctx.sectionsById));
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) missing.push(slug);
      else throw error;
    }
  }
  if (missing.length > 0) {
    throw new Invalid('Some chosen articles are not published.', {
      articles: `Not published: ${missing.join(', ')}`,
    });
  }
  for (const sectionId of sectionIds) {
    if (!ctx.sectionsById.has(sectionId)) continue;
    const latest = await listLatestArticles(
      db,
      { kind: 'section', sectionId },
      PER_SECTION,
      ctx.sectionsById,
    );
    for (const a of latest) add(a);
  }
  return stories;
}
