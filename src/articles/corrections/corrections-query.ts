// The public record of corrections, newest first. Withdrawn notes stay listed, marked withdrawn: a record
// that silently shrinks would not be one. Only published articles' notes appear.
import type { Kysely } from 'kysely';
import { NotFound } from '../../http/errors.js';
import { preparedQuery } from '../../storage/prepared.js';
import type { Database } from '../../storage/schema.js';
import type { NoticeKind, Page } from '../model.js';

export interface PublicCorrection {
  id: number;
  kind: NoticeKind;
  text: string;
  publishedAt: string;
  withdrawnAt: string | null;
  articleSlug: string;
  articleHeadline: string;
}

interface Row {
  id: number;
  kind: NoticeKind;
  text: string;
  published_at: string;
  withdrawn_at: string | null;
  slug: string;
  headline: string;
  total: number;
}

const page = preparedQuery<'limit' | 'offset', Row>((db, p) =>
  db
    .selectFrom('corrections')
    .innerJoin('articles', 'articles.id', 'corrections.article_id')
    .select([
      'corrections.id',
      'corrections.kind',
      'corrections.text',
      'corrections.published_at',
      'corrections.withdrawn_at',
      'articles.slug',
      'articles.headline',
    ])
    .select((eb) => eb.fn.countAll<number>().over().as('total'))
    .where('articles.status', '=', 'published')
    .orderBy('corrections.published_at', 'desc')
    .orderBy('corrections.id', 'desc')
    .limit(p.limit)
    .offset(p.offset),
);

export async function listPublicCorrections(
  db: Kysely<Database>,
  pageNumber: number,
  perPage: number,
): Promise<Page<PublicCorrection>> {
  const rows = await page(db, { limit: perPage, offset: (pageNumber - 1) * perPage });
  if (rows.length === 0 && pageNumber > 1) throw new NotFound('There is no such page of corrections.');
  const total = Number(rows[0]?.total ?? 0);
  const items = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    text: r.text,
    publishedAt: r.published_at,
    withdrawnAt: r.withdrawn_at,
    articleSlug: r.slug,
    articleHeadline: r.headline,
  }));
  return { items, page: pageNumber, pages: Math.max(1, Math.ceil(total / perPage)), total };
}
