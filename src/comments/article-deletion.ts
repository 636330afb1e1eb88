// What the comments domain forgets when an article is deleted for good (the editorial trash's purge): its
// comments and its thread's settings. Called in the deleting transaction, so nothing is left pointing nowhere.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

export async function deleteCommentsOfArticle(db: Kysely<Database>, articleId: number): Promise<void> {
  await db.deleteFrom('comments').where('article_id', '=', articleId).execute();
  await db.deleteFrom('comment_threads').where('article_id', '=', articleId).execute();
}
