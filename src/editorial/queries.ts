// All SQL of the editorial workflow: articles as the newsroom edits them, their bylines and tags, revisions,
// old slugs and the scheduler's claims. Every function takes the database (or a transaction) first.
import { type Insertable, type Kysely, sql, type Updateable, type UpdateObject } from 'kysely';
import type { ArticleRevisionsTable, ArticleStatus, ArticlesTable, Database } from '../storage/schema.js';

type Db = Kysely<Database>;

export function selectArticle(db: Db, id: number) {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertArticle(db: Db, values: Insertable<ArticlesTable>): Promise<number> {
  return (await db.insertInto('articles').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** The optimistic lock: the row changes only if nobody saved since `baseVersion`. */
export async function updateArticleAtVersion(
  db: Db,
  id: number,
  baseVersion: number,
  values: Updateable<ArticlesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', baseVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A status change that happens only from the statuses it is allowed from; false when it did not apply. */
export async function updateStatus(
  db: Db,
  id: number,
  from: ArticleStatus[],
  values: Updateable<ArticlesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set(values)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function touchArticle(db: Db, id: number, values: Updateable<ArticlesTable>): Promise<void> {
  await db.updateTable('articles').set(values).where('id', '=', id).execute();
}

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
  if (authorIds.length === 0) return;
  await db
    .insertInto('article_authors')
    .values(authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position })))
    .execute();
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
  if (tagIds.length === 0) return;
  await db
    .insertInto('article_tags')
    .values(tagIds.map((tag_id) => ({ article_id: articleId, tag_id })))
    .execute();
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

export async function countExisting(db: Db, table: 'authors' | 'sections', ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function selectArticleBySlug(db: Db, slug: string) {
  return db.selectFrom('articles').select(['id', 'headline']).where('slug', '=', slug).executeTakeFirst();
}

// ---- old slugs ----

export function selectRedirect(db: Db, oldSlug: string) {
  return db.selectFrom('slug_redirects').selectAll().where('old_slug', '=', oldSlug).executeTakeFirst();
}

export async function insertRedirect(db: Db, oldSlug: string, articleId: number, now: string): Promise<void> {
  await db
    .insertInto('slug_redirects')
    .values({ old_slug: oldSlug, article_id: articleId, created_at: now })
    .onConflict((oc) => oc.column('old_slug').doNothing())
    .execute();
}

/** An article taking back one of its old slugs no longer redirects from it. */
export async function deleteRedirect(db: Db, oldSlug: string, articleId: number): Promise<void> {
  await db
    .deleteFrom('slug_redirects')
    .where('old_slug', '=', oldSlug)
    .where('article_id', '=', articleId)
    .execute();
}

export async function selectOldSlugs(db: Db, articleId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('slug_redirects')
    .select('old_slug')
    .where('article_id', '=', articleId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.old_slug);
}

/** Where an old slug leads now: the current slug of its article, if that article is published. */
export async function selectRedirectTarget(db: Db, oldSlug: string): Promise<string | null> {
  const row = await db
    .selectFrom('slug_redirects')
    .innerJoin('articles', 'articles.id', 'slug_redirects.article_id')
    .select('articles.slug')
    .where('slug_redirects.old_slug', '=', oldSlug)
    .where('articles.status', '=', 'published')
    .executeTakeFirst();
  return row?.slug ?? null;
}

// ---- revisions ----

export async function insertRevision(db: Db, values: Insertable<ArticleRevisionsTable>): Promise<void> {
  await db.insertInto('article_revisions').values(values).execute();
}

export function selectRevisions(db: Db, articleId: number) {
  return db
    .selectFrom('article_revisions')
    .select(['version', 'kind', 'created_by', 'created_at'])
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .execute();
}

export function selectRevision(db: Db, articleId: number, version: number) {
  return db
    .selectFrom('article_revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('version', '=', version)
    .executeTakeFirst();
}

// ---- the scheduler ----

/** Scheduled articles whose time has come, oldest first. */
export function selectDue(db: Db, now: string) {
  return db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .orderBy('scheduled_at')
    .orderBy('id')
    .execute();
}

/**
 * The scheduler's claim on one due article, checked at `version`: false when another instance took it first
 * (it is no longer 'scheduled') or when it was saved since it was checked (the version moved on), so that
 * only an article exactly as checked is ever published or held back.
 */
async function claimDue(
  db: Db,
  id: number,
  version: number,
  now: string,
  values: UpdateObject<Database, 'articles'>,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set(values)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function publishScheduled(db: Db, id: number, version: number, now: string) {
  return claimDue(db, id, version, now, {
    status: 'published',
    // The moment readers could first see it: after downtime that is now, not the time that was set.
    published_at: sql<string>`coalesce(published_at, ${now})`,
    scheduled_at: null,
    modified_at: now,
  });
}

/** Back to draft, keeping scheduled_at as the time it was due (see missedSchedule in workflow.ts). */
export function holdBackScheduled(db: Db, id: number, version: number, now: string) {
  return claimDue(db, id, version, now, { status: 'draft', modified_at: now });
}
