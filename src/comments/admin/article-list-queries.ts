// What the newsroom's list for opening and closing comments shows beside each article: its approved
// comments, and whether an editor closed or reopened them by hand.
import type { Db } from '../queries.js';

export async function commentCountsOf(db: Db, articleIds: number[]): Promise<Map<number, number>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('comments')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('article_id', 'in', articleIds)
    .where('status', '=', 'approved')
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((r) => [r.article_id, Number(r.n)]));
}

/** The hand-set flags of these articles (closing-queries.ts has one article's). */
export function closedFlagsOf(db: Db, articleIds: number[]) {
  if (articleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('comment_threads')
    .select(['article_id', 'closed'])
    .where('article_id', 'in', articleIds)
    .execute();
}
