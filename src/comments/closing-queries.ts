// Whether an article's comments were closed or reopened by hand (comment_threads); no row means neither,
// and the automatic closing by age decides (closing.ts).
import type { Db } from './queries.js';

export async function threadClosedFlag(db: Db, articleId: number): Promise<boolean | null> {
  const row = await db
    .selectFrom('comment_threads')
    .select('closed')
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row ? row.closed === 1 : null;
}

export async function setThreadClosed(
  db: Db,
  articleId: number,
  closed: boolean,
  staffId: number | null,
  now: Date,
) {
  const values = { closed: closed ? 1 : 0, changed_by: staffId, updated_at: now.toISOString() };
  await db
    .insertInto('comment_threads')
    .values({ article_id: articleId, ...values })
    .onConflict((oc) => oc.column('article_id').doUpdateSet(values))
    .execute();
}
