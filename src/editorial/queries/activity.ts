// The SQL of an article's workflow steps: one row per step taken, never changed afterwards.
import type { Insertable, Kysely } from 'kysely';
import type { ArticleActivityTable, Database } from '../../storage/schema.js';

type Db = Kysely<Database>;

export async function insertActivity(db: Db, values: Insertable<ArticleActivityTable>): Promise<void> {
  await db.insertInto('article_activity').values(values).execute();
}

export function selectActivity(db: Db, articleId: number) {
  return db
    .selectFrom('article_activity')
    .select(['id', 'action', 'staff_id', 'via', 'created_at', 'note'])
    .where('article_id', '=', articleId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
