// Our authors as WordPress's users: only those credited on a published story (WordPress lists only users
// with published posts to a visitor), and only their public profile; never a staff account or an address.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../storage/schema.js';

export const USER_ORDERS = ['id', 'include', 'name', 'registered_date', 'slug', 'include_slugs'] as const;
export type UserOrder = (typeof USER_ORDERS)[number];

export interface UserRow {
  id: number;
  slug: string;
  name: string;
  bio: string;
  photoMediaId: number | null;
}

export interface UserFilter {
  ids?: number[];
  excludeIds?: number[];
  slugs?: string[];
  search: string[];
  orderBy: UserOrder;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const hasPublished = sql<boolean>`exists (select 1 from article_authors x join articles a on a.id = x.article_id where x.author_id = authors.id and a.status = 'published' and a.published_at is not null)`;

export async function listUsers(
  db: Kysely<Database>,
  f: UserFilter,
): Promise<{ users: UserRow[]; total: number }> {
  let q = db.selectFrom('authors').where(hasPublished);
  if (f.ids) q = q.where('authors.id', 'in', f.ids.length ? f.ids : [0]);
  if (f.excludeIds?.length) q = q.where('authors.id', 'not in', f.excludeIds);
  if (f.slugs) q = q.where('authors.slug', 'in', f.slugs);
  for (const pattern of f.search) {
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(authors.name) like ${pattern} escape '\\'`,
        sql<boolean>`lower(authors.slug) like ${pattern} escape '\\'`,
      ]),
    );
  }
  const positions = (column: 'authors.id' | 'authors.slug', values: readonly (string | number)[]) =>
    sql<number>`case ${sql.join(
      values.map((v, i) => sql`when ${sql.ref(column)} = ${sql.lit(v)} then ${sql.lit(i)}`),
      sql` `,
    )} else ${sql.lit(values.length)} end`;
  let ordered = q;
  if (f.orderBy === 'include' && f.ids?.length) ordered = q.orderBy(positions('authors.id', f.ids));
  else if (f.orderBy === 'include_slugs' && f.slugs?.length)
    ordered = q.orderBy(positions('authors.slug', f.slugs));
  else if (f.orderBy === 'id') ordered = q.orderBy('authors.id', f.order);
  else if (f.orderBy === 'slug') ordered = q.orderBy('authors.slug', f.order);
  else if (f.orderBy === 'registered_date') ordered = q.orderBy('authors.created_at', f.order);
  else ordered = q.orderBy('authors.name', f.order);
  const [rows, count] = await Promise.all([
    ordered
      .orderBy('authors.id', f.order)
      .select(['authors.id', 'authors.slug', 'authors.name', 'authors.bio', 'authors.photo_media_id'])
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    users: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      bio: r.bio,
      photoMediaId: r.photo_media_id,
    })),
    total: Number(count.n),
  };
}
