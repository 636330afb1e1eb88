// The SQL behind the newsroom's article list: filtered by status, section, author and creator, searched by
// headline and through the search index, paginated, with the bylines of one page.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { ArticleStatus, Database } from '../../storage/schema.js';
import { containing } from './containing.js';

type Db = Kysely<Database>;

export interface ListFilter {
  status?: ArticleStatus;
  sectionId?: number;
  authorId?: number;
  /** Words in the headline, matched without regard to case. */
  search?: string;
  /** Or the search index's condition for the same words (headline, dek and body: search/staff-search.ts). */
  textMatch?: RawBuilder<boolean> | null;
  /** Only articles this staff member created (a contributor's own list). */
  createdBy?: number;
}

function listed(db: Db, filter: ListFilter) {
  // Trashed articles are on the trash screen only (editorial/trash.ts).
  let q = db.selectFrom('articles').where('articles.trashed_at', 'is', null);
  if (filter.status) q = q.where('articles.status', '=', filter.status);
  if (filter.sectionId) q = q.where('articles.section_id', '=', filter.sectionId);
  if (filter.createdBy) q = q.where('articles.created_by', '=', filter.createdBy);
  if (filter.authorId) {
    const authorId = filter.authorId;
    q = q.where('articles.id', 'in', (eb) =>
      eb.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId),
    );
  }
  if (filter.search) {
    const pattern = containing(filter.search);
    const inHeadline = sql<boolean>`lower(${sql.ref('articles.headline')}) like ${pattern} escape '\\'`;
    q = q.where(filter.textMatch ? sql<boolean>`(${inHeadline} or ${filter.textMatch})` : inHeadline);
  }
  return q;
}

export function selectArticleList(db: Db, filter: ListFilter, limit: number, offset: number) {
  return listed(db, filter)
    .select([
      'articles.id',
      'articles.slug',
      'articles.headline',
      'articles.status',
      'articles.section_id',
      'articles.published_at',
      'articles.scheduled_at',
      'articles.modified_at',
      'articles.created_by',
    ])
    .orderBy('articles.modified_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countArticleList(db: Db, filter: ListFilter): Promise<number> {
  const row = await listed(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function selectBylines(db: Db, articleIds: number[]) {
  if (articleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['article_authors.article_id', 'authors.name'])
    .where('article_authors.article_id', 'in', articleIds)
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position')
    .execute();
}
