// Every query on author profiles (the public bylines) and on which staff account writes as which profile.
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { AuthorsTable, Database } from '../../storage/schema.js';

type Db = Kysely<Database>;

/** Every profile with how many articles carry it and how many of those are published. */
export function selectAuthorList(db: Db) {
  return db
    .selectFrom('authors')
    .leftJoin('article_authors', 'article_authors.author_id', 'authors.id')
    .leftJoin('articles', 'articles.id', 'article_authors.article_id')
    .select([
      'authors.id',
      'authors.slug',
      'authors.name',
      'authors.job_title',
      (eb) => eb.fn.count<number>('article_authors.article_id').as('articles'),
      (eb) =>
        eb.fn
          .sum<number>(sql<number>`case when ${sql.ref('articles.status')} = 'published' then 1 else 0 end`)
          .as('published'),
    ])
    .groupBy(['authors.id', 'authors.slug', 'authors.name', 'authors.job_title'])
    .orderBy('authors.name')
    .execute();
}

export function selectAuthor(db: Db, id: number) {
  return db.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst();
}

export function selectAuthorBySlug(db: Db, slug: string) {
  return db.selectFrom('authors').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst();
}

export async function insertAuthor(db: Db, values: Insertable<AuthorsTable>): Promise<number> {
  return (await db.insertInto('authors').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateAuthor(db: Db, id: number, values: Updateable<AuthorsTable>): Promise<void> {
  await db.updateTable('authors').set(values).where('id', '=', id).execute();
}

/** The staff accounts and the profile each writes as. */
export function selectStaffBylines(db: Db) {
  return db
    .selectFrom('staff')
    .select(['id', 'name', 'author_id', 'disabled_at'])
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Makes `staffId` (or nobody) the one account writing as the profile: one person, one byline. */
export async function linkStaffToAuthor(db: Db, authorId: number, staffId: number | null): Promise<void> {
  let unlink = db.updateTable('staff').set({ author_id: null }).where('author_id', '=', authorId);
  if (staffId !== null) unlink = unlink.where('id', '!=', staffId);
  await unlink.execute();
  if (staffId !== null) {
    await db.updateTable('staff').set({ author_id: authorId }).where('id', '=', staffId).execute();
  }
}

export function selectStaffMember(db: Db, id: number) {
  return db.selectFrom('staff').select(['id', 'name', 'author_id']).where('id', '=', id).executeTakeFirst();
}
