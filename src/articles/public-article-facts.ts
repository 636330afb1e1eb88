// What an article's public record holds for systems outside the site (webhooks): the facts a reader sees
// on the page, nothing of the newsroom (no status history, notes or who saved it).
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { articlePath, authorPath } from './model.js';

export interface PublicArticleFacts {
  id: number;
  slug: string;
  /** Sent as `url` on the site's address (webhooks/payload.ts). */
  path: string;
  headline: string;
  dek: string;
  publishedAt: string | null;
  updatedAt: string | null;
  section: { id: number; slug: string; name: string } | null;
  authors: Array<{ id: number; slug: string; name: string; path: string }>;
}

/** Read in the caller's transaction, so it is the article as the change left it. */
export async function publicArticleFacts(db: Kysely<Database>, id: number): Promise<PublicArticleFacts> {
  // One after the other: inside a transaction both go over the one connection anyway.
  const row = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.slug',
      'articles.headline',
      'articles.dek',
      'articles.published_at',
      'articles.updated_at',
      'sections.id as section_id',
      'sections.slug as section_slug',
      'sections.name as section_name',
    ])
    .where('articles.id', '=', id)
    .executeTakeFirstOrThrow();
  const authors = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['authors.id', 'authors.slug', 'authors.name'])
    .where('article_authors.article_id', '=', id)
    .orderBy('article_authors.position')
    .execute();
  return {
    id: row.id,
    slug: row.slug,
    path: articlePath(row.slug),
    headline: row.headline,
    dek: row.dek,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    section:
      row.section_id === null
        ? null
        : { id: row.section_id, slug: row.section_slug!, name: row.section_name! },
    authors: authors.map((a) => ({ ...a, path: authorPath(a.slug) })),
  };
}
