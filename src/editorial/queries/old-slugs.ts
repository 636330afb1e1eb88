// The SQL of old slugs: each address a published article had keeps leading to it (the reader side follows
// them in articles/redirects.ts), and an article may take one of its own back.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';

type Db = Kysely<Database>;

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
