// How many comments readers posted on each article in a period (whatever moderation made of them since):
// analytics shows it beside the readership, and reads it only through this function.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/** Comments posted in [from, to) (ISO times) by readers, not staff, per article id. */
export async function commentsPostedByArticle(
  db: Kysely<Database>,
  from: string,
  to: string,
  articleIds?: number[],
): Promise<Map<number, number>> {
  if (articleIds && articleIds.length === 0) return new Map();
  let query = db
    .selectFrom('comments')
    .select((eb) => ['article_id', eb.fn.countAll<number>().as('posted')])
    .where('staff_id', 'is', null)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy('article_id');
  if (articleIds) query = query.where('article_id', 'in', articleIds);
  const rows = await query.execute();
  return new Map(rows.map((r) => [Number(r.article_id), Number(r.posted)]));
}
