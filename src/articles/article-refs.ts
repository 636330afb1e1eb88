// The few facts about articles other domains need (id, slug, headline, publication, authors): a comment
// posted on an article, a moderation queue's articles by id, the story a donation came from. Lighter than
// a whole article, and the only way another domain reads the articles table.
import { type Kysely, sql } from 'kysely';
import { NotFound } from '../http/errors.js';
import type { Database } from '../storage/schema.js';

export interface ArticleRef {
  id: number;
  slug: string;
  headline: string;
  publishedAt: string;
}

export async function publishedArticleBySlug(db: Kysely<Database>, slug: string): Promise<ArticleRef> {
  const row = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline', 'published_at'])
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!row?.published_at)
    throw new NotFound('We could not find that article. It may have moved or been unpublished.');
  return { id: row.id, slug: row.slug, headline: row.headline, publishedAt: row.published_at };
}

/** Articles by id, whatever their state now (a queue may hold comments on an article since unpublished). */
export async function articlesByIds(
  db: Kysely<Database>,
  ids: number[],
): Promise<Map<number, ArticleRef & { published: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline', 'published_at', 'status'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        slug: r.slug,
        headline: r.headline,
        publishedAt: r.published_at ?? '',
        published: r.status === 'published',
      },
    ]),
  );
}

/** The author profiles credited on each article, to tell the staff who write as them. */
export async function authorIdsOf(
  db: Kysely<Database>,
  articleIds: number[],
): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (articleIds.length === 0) return result;
  const rows = await db
    .selectFrom('article_authors')
    .select(['article_id', 'author_id'])
    .where('article_id', 'in', [...new Set(articleIds)])
    .execute();
  for (const r of rows) result.set(r.article_id, [...(result.get(r.article_id) ?? []), r.author_id]);
  return result;
}

/**
 * Published articles, newest first, a page at a time, for the screen where editors open or close their
 * comments; with words, only those whose headline has every one of them (in any case).
 */
export async function publishedArticlesPage(
  db: Kysely<Database>,
  options: { words: string[]; limit: number; offset: number },
): Promise<{ articles: ArticleRef[]; total: number }> {
  let query = db.selectFrom('articles').where('status', '=', 'published');
  for (const word of options.words) {
    // The word is matched as typed: LIKE's own wildcards in it are escaped.
    const pattern = `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`lower(${sql.ref('headline')}) like ${pattern} escape '\\'`);
  }
  const [rows, count] = await Promise.all([
    query
      .select(['id', 'slug', 'headline', 'published_at'])
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    articles: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      headline: r.headline,
      publishedAt: r.published_at ?? '',
    })),
  };
}
