// The SQL of an article's bylines and tags (ordered authors, tags by name, tags made on first use) and of
// the author and tag lists the edit form offers.
import type { Kysely } from 'kysely';
import { insertRows } from '../../storage/row-insert.js';
import type { Database } from '../../storage/schema.js';

type Db = Kysely<Database>;

export async function selectAuthorIds(db: Db, articleId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('article_authors')
    .select('author_id')
    .where('article_id', '=', articleId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.author_id);
}

export async function replaceAuthors(db: Db, articleId: number, authorIds: number[]): Promise<void> {
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  await addAuthors(db, articleId, authorIds);
}

/** The bylines of an article that has none yet (one just inserted). */
export async function addAuthors(db: Db, articleId: number, authorIds: number[]): Promise<void> {
  await insertRows(
    db,
    'article_authors',
    authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position })),
  );
}

export async function selectTagNames(db: Db, articleId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select('tags.name')
    .where('article_tags.article_id', '=', articleId)
    .orderBy('tags.name')
    .execute();
  return rows.map((r) => r.name);
}

export function selectTagsBySlug(db: Db, slugs: string[]) {
  if (slugs.length === 0) return Promise.resolve([]);
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', 'in', slugs).execute();
}

/** Inserts tags that do not exist yet; one created at the same moment by someone else is simply kept. */
export async function insertTags(db: Db, tags: Array<{ slug: string; name: string }>): Promise<void> {
  if (tags.length === 0) return;
  await db
    .insertInto('tags')
    .values(tags)
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
}

export async function replaceTags(db: Db, articleId: number, tagIds: number[]): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  await addTags(db, articleId, tagIds);
}

/** The tags of an article that has none yet (one just inserted). */
export async function addTags(db: Db, articleId: number, tagIds: number[]): Promise<void> {
  await insertRows(
    db,
    'article_tags',
    tagIds.map((tag_id) => ({ article_id: articleId, tag_id })),
  );
}

export function selectAuthorChoices(db: Db) {
  return db
    .selectFrom('authors')
    .select(['id', 'name', 'slug', 'job_title', 'bio', 'photo_media_id'])
    .orderBy('name')
    .execute();
}

export function selectTagChoices(db: Db) {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).orderBy('name').execute();
}
