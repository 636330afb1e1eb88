// Our sections (WordPress's categories) and tags, with the number of published stories in each, filtered and
// ordered as WordPress's terms collections are.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../storage/schema.js';

export const TERM_ORDERS = [
  'id',
  'include',
  'name',
  'slug',
  'include_slugs',
  'term_group',
  'description',
  'count',
] as const;
export type TermOrder = (typeof TERM_ORDERS)[number];

export interface TermRow {
  id: number;
  slug: string;
  name: string;
  description: string;
  count: number;
}

export interface TermFilter {
  taxonomy: 'category' | 'post_tag';
  ids?: number[];
  excludeIds?: number[];
  slugs?: string[];
  search: string[];
  /** Only the terms of this published article. */
  postId?: number;
  hideEmpty: boolean;
  orderBy: TermOrder;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

function baseQuery(db: Kysely<Database>, f: TermFilter) {
  const table = f.taxonomy === 'category' ? 'sections' : 'tags';
  const published = sql`a.status = 'published' and a.published_at is not null`;
  const count =
    table === 'sections'
      ? sql<number>`(select count(*) from articles a where a.section_id = t.id and ${published})`
      : sql<number>`(select count(*) from article_tags x join articles a on a.id = x.article_id where x.tag_id = t.id and ${published})`;
  // Sections and tags read as one shape (a tag has no description), so the rest is written once.
  const terms =
    table === 'sections'
      ? db.selectFrom('sections').select(['id', 'slug', 'name', 'description'])
      : db.selectFrom('tags').select(['id', 'slug', 'name', sql<string>`''`.as('description')]);
  let q = db
    .selectFrom(terms.as('t'))
    .select(['t.id', 't.slug', 't.name', 't.description', count.as('count')]);
  const where = (expr: ReturnType<typeof sql<boolean>>) => {
    q = q.where(expr);
  };
  if (f.ids) where(sql<boolean>`t.id in (${sql.join(f.ids.length ? f.ids : [0])})`);
  if (f.excludeIds?.length) where(sql<boolean>`t.id not in (${sql.join(f.excludeIds)})`);
  if (f.slugs) where(sql<boolean>`t.slug in (${sql.join(f.slugs)})`);
  for (const pattern of f.search) where(sql<boolean>`lower(t.name) like ${pattern} escape '\\'`);
  if (f.postId !== undefined) {
    where(
      table === 'sections'
        ? sql<boolean>`t.id in (select a.section_id from articles a where a.id = ${f.postId} and ${published})`
        : sql<boolean>`t.id in (select x.tag_id from article_tags x join articles a on a.id = x.article_id where a.id = ${f.postId} and ${published})`,
    );
  }
  if (f.hideEmpty) where(sql<boolean>`${count} > 0`);
  return { q, count };
}

function orderSql(f: TermFilter, count: ReturnType<typeof sql<number>>) {
  const dir = sql.raw(f.order === 'asc' ? 'asc' : 'desc');
  const positions = (column: string, values: readonly (string | number)[]) =>
    sql`case ${sql.join(
      values.map((v, i) => sql`when ${sql.ref(column)} = ${sql.lit(v)} then ${sql.lit(i)}`),
      sql` `,
    )} else ${sql.lit(values.length)} end`;
  switch (f.orderBy) {
    case 'id':
    case 'term_group':
      return sql`t.id ${dir}`;
    case 'slug':
      return sql`t.slug ${dir}, t.id ${dir}`;
    case 'count':
      return sql`${count} ${dir}, t.id ${dir}`;
    case 'description':
      return f.taxonomy === 'category' ? sql`t.description ${dir}, t.id ${dir}` : sql`t.id ${dir}`;
    case 'include':
      return f.ids?.length ? sql`${positions('t.id', f.ids)}` : sql`t.id ${dir}`;
    case 'include_slugs':
      return f.slugs?.length ? sql`${positions('t.slug', f.slugs)}` : sql`t.id ${dir}`;
    default:
      return sql`t.name ${dir}, t.id ${dir}`;
  }
}

export async function listTerms(
  db: Kysely<Database>,
  f: TermFilter,
): Promise<{ terms: TermRow[]; total: number }> {
  const { q, count } = baseQuery(db, f);
  const [rows, total] = await Promise.all([
    q.orderBy(orderSql(f, count)).limit(f.limit).offset(f.offset).execute(),
    db
      .selectFrom(q.as('matched'))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    terms: rows.map((r) => ({ ...r, id: Number(r.id), count: Number(r.count) })),
    total: Number(total.n),
  };
}
