// All SQL of the reader site. Every function takes the database first and returns rows.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

export type ArticleFilter =
  | { kind: 'all' }
  | { kind: 'section'; sectionId: number }
  | { kind: 'tag'; tagId: number }
  | { kind: 'author'; authorId: number };

const summaryColumns = [
  'articles.id',
  'articles.slug',
  'articles.headline',
  'articles.social_headline',
  'articles.dek',
  'articles.work_type',
  'articles.section_id',
  'articles.hero_media_id',
  'articles.published_at',
  'articles.updated_at',
  'articles.modified_at',
] as const;

function published(db: Kysely<Database>, filter: ArticleFilter) {
  let q = db.selectFrom('articles').where('articles.status', '=', 'published');
  if (filter.kind === 'section') q = q.where('articles.section_id', '=', filter.sectionId);
  if (filter.kind === 'tag')
    q = q.where(
      'articles.id',
      'in',
      db.selectFrom('article_tags').select('article_id').where('tag_id', '=', filter.tagId),
    );
  if (filter.kind === 'author')
    q = q.where('articles.id', 'in', (eb) =>
      eb.selectFrom('article_authors').select('article_id').where('author_id', '=', filter.authorId),
    );
  return q;
}

export function selectPublishedSummaries(
  db: Kysely<Database>,
  filter: ArticleFilter,
  limit: number,
  offset: number,
) {
  return published(db, filter)
    .select(summaryColumns)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Whole rows, body included, for the feeds: the newest first. */
export function selectPublishedFull(db: Kysely<Database>, filter: ArticleFilter, limit: number) {
  return published(db, filter)
    .selectAll('articles')
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
}

export async function countPublished(db: Kysely<Database>, filter: ArticleFilter): Promise<number> {
  const row = await published(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function selectPublishedBySlug(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom('articles')
    .selectAll()
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

export function selectPublishedSince(db: Kysely<Database>, sinceIso: string) {
  return db
    .selectFrom('articles')
    .select(summaryColumns)
    .where('status', '=', 'published')
    .where('published_at', '>=', sinceIso)
    .orderBy('published_at', 'desc')
    .limit(1000)
    .execute();
}

/** Every published article's address and last change, for the sitemap. */
export function selectSitemapEntries(db: Kysely<Database>, limit: number, offset: number) {
  return db
    .selectFrom('articles')
    .select(['slug', 'modified_at', 'hero_media_id'])
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export function selectAuthorsOf(db: Kysely<Database>, articleIds: number[]) {
  if (articleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select([
      'article_authors.article_id',
      'authors.id',
      'authors.slug',
      'authors.name',
      'authors.job_title',
      'authors.bio',
      'authors.photo_media_id',
    ])
    .where('article_authors.article_id', 'in', articleIds)
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position')
    .execute();
}

export function selectTagsOf(db: Kysely<Database>, articleIds: number[]) {
  if (articleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', 'in', articleIds)
    .orderBy('tags.name')
    .execute();
}

export function selectSections(db: Kysely<Database>) {
  return db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute();
}

export function selectSectionBySlug(db: Kysely<Database>, slug: string) {
  return db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function selectTagBySlug(db: Kysely<Database>, slug: string) {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function selectAuthorBySlug(db: Kysely<Database>, slug: string) {
  return db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function selectAllSlugs(db: Kysely<Database>, table: 'sections' | 'tags' | 'authors') {
  return db.selectFrom(table).select(['slug']).orderBy('slug').execute();
}
