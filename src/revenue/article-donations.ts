// What the ledger says each article raised in a period: donations received from its page (by the article
// the checkout named), net of refunds. Analytics shows it beside the readership; it reads no revenue table.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/schema.js';

export interface ArticleDonations {
  articleId: number;
  donations: number;
  /** Minor units, net of refunds, in `currency`. */
  net: number;
  currency: string;
}

/** Donations received in [from, to) (ISO times), per article and currency; articleIds narrows it. */
export async function donationsByArticle(
  db: Kysely<Database>,
  from: string,
  to: string,
  articleIds?: number[],
): Promise<ArticleDonations[]> {
  if (articleIds && articleIds.length === 0) return [];
  let query = db
    .selectFrom('donations')
    .select((eb) => [
      'article_id',
      'currency',
      eb.fn.count<number>('id').as('donations'),
      eb.fn.sum<number>(sql`amount - refunded_amount`).as('net'),
    ])
    .where('article_id', 'is not', null)
    .where('status', '!=', 'refunded')
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .groupBy(['article_id', 'currency']);
  if (articleIds) query = query.where('article_id', 'in', articleIds);
  const rows = await query.execute();
  return rows.map((r) => ({
    articleId: Number(r.article_id),
    donations: Number(r.donations),
    net: Number(r.net),
    currency: r.currency,
  }));
}
