// Approved comments on published stories, with what every reader of the page already sees: the name, the web
// address and the words. The commenter's email (and its keyed hash, and the network) are never selected.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../storage/schema.js';

export const COMMENT_ORDERS = ['date', 'date_gmt', 'id', 'include', 'post', 'parent'] as const;
export type CommentOrder = (typeof COMMENT_ORDERS)[number];

export interface CommentRow {
  id: number;
  postId: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string;
  body: string;
  createdAt: string;
  articleSlug: string;
}

export interface CommentFilter {
  ids?: number[];
  excludeIds?: number[];
  postIds?: number[];
  parentIds?: number[];
  parentExcludeIds?: number[];
  search: string[];
  after?: string;
  before?: string;
  orderBy: CommentOrder;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function listComments(
  db: Kysely<Database>,
  f: CommentFilter,
): Promise<{ comments: CommentRow[]; total: number }> {
  let q = db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .where('comments.status', '=', 'approved')
    .where('articles.status', '=', 'published')
    .where('articles.published_at', 'is not', null);
  if (f.ids) q = q.where('comments.id', 'in', f.ids.length ? f.ids : [0]);
  if (f.excludeIds?.length) q = q.where('comments.id', 'not in', f.excludeIds);
  if (f.postIds) q = q.where('comments.article_id', 'in', f.postIds.length ? f.postIds : [0]);
  if (f.parentIds) {
    const roots = f.parentIds.includes(0);
    const parents = f.parentIds.filter((id) => id !== 0);
    q = q.where((eb) =>
      eb.or([
        ...(roots ? [eb('comments.parent_id', 'is', null)] : []),
        ...(parents.length ? [eb('comments.parent_id', 'in', parents)] : []),
      ]),
    );
  }
  if (f.parentExcludeIds?.length) {
    const ids = f.parentExcludeIds;
    q = q.where((eb) =>
      ids.includes(0)
        ? eb.and([eb('comments.parent_id', 'is not', null), eb('comments.parent_id', 'not in', ids)])
        : eb.or([eb('comments.parent_id', 'is', null), eb('comments.parent_id', 'not in', ids)]),
    );
  }
  if (f.after) q = q.where('comments.created_at', '>', f.after);
  if (f.before) q = q.where('comments.created_at', '<', f.before);
  for (const pattern of f.search) q = q.where(sql<boolean>`lower(comments.body) like ${pattern} escape '\\'`);
  let ordered = q;
  if (f.orderBy === 'include' && f.ids?.length) {
    const cases = f.ids.map((v, i) => sql`when comments.id = ${sql.lit(v)} then ${sql.lit(i)}`);
    ordered = q.orderBy(sql`case ${sql.join(cases, sql` `)} else ${sql.lit(f.ids.length)} end`);
  } else if (f.orderBy === 'id') ordered = q.orderBy('comments.id', f.order);
  else if (f.orderBy === 'post') ordered = q.orderBy('comments.article_id', f.order);
  else if (f.orderBy === 'parent') ordered = q.orderBy(sql`coalesce(comments.parent_id, 0)`, f.order);
  else ordered = q.orderBy('comments.created_at', f.order);
  const [rows, count] = await Promise.all([
    ordered
      .orderBy('comments.id', f.order)
      .select([
        'comments.id',
        'comments.article_id',
        'comments.parent_id',
        'comments.author_name',
        'comments.author_url',
        'comments.body',
        'comments.created_at',
        'articles.slug',
      ])
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    comments: rows.map((r) => ({
      id: r.id,
      postId: r.article_id,
      parentId: r.parent_id,
      authorName: r.author_name,
      authorUrl: r.author_url,
      body: r.body,
      createdAt: new Date(r.created_at).toISOString(),
      articleSlug: r.slug,
    })),
    total: Number(count.n),
  };
}
