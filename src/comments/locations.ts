// Where a comment is shown: the article itself for the first page of comments in the default order, the
// comments pages after it, and the page that holds a given thread, so that a link lands on its comment.

import { articlesByIds } from '../articles/article-refs.js';
import { NotFound } from '../http/errors.js';
import type { Order } from './comments.js';
import { type Db, selectComment } from './queries.js';
import { readCommentSettings } from './settings.js';
import { countThreadsBefore } from './thread-queries.js';

export function commentsPagePath(slug: string, page: number, order: Order, defaultOrder: Order): string {
  const query = new URLSearchParams();
  if (page > 1) query.set('page', String(page));
  if (order !== defaultOrder) query.set('order', order);
  const search = query.toString();
  if (page === 1 && order === defaultOrder) return `/articles/${slug}`;
  return `/articles/${slug}/comments${search ? `?${search}` : ''}`;
}

/** The page of comments a thread is on, so that a redirect lands where the comment is. */
async function pageOfThread(
  db: Db,
  articleId: number,
  rootId: number,
  order: Order,
  perPage: number,
): Promise<number> {
  return Math.floor((await countThreadsBefore(db, articleId, rootId, order)) / perPage) + 1;
}

/** A published comment's permalink, in the default order; NotFound for any comment readers cannot see. */
export async function commentLocation(db: Db, commentId: number): Promise<string> {
  const row = await selectComment(db, commentId);
  if (row?.status !== 'approved') throw new NotFound('That comment is not published.');
  const ref = (await articlesByIds(db, [row.article_id])).get(row.article_id);
  if (!ref?.published) throw new NotFound('That comment is not published.');
  const settings = await readCommentSettings(db);
  const page = await pageOfThread(
    db,
    row.article_id,
    row.root_id ?? row.id,
    settings.order,
    settings.perPage,
  );
  return `${commentsPagePath(ref.slug, page, settings.order, settings.order)}#comment-${row.id}`;
}
