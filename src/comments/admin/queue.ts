// What the moderation screens load: a page of one folder of the queue, or one comment in full with its
// conversation, each comment with what a moderator needs beside it (queue-context.ts).
import { NotFound } from '../../http/errors.js';
import { commentsClosed } from '../closing.js';
import type { CommentDeps } from '../comment-deps.js';
import { selectComment } from '../queries.js';
import { readCommentSettings } from '../settings.js';
import { queueContext } from './queue-context.js';
import { countByStatus, type QueueStatus, selectQueue, selectThreadOf } from './queue-queries.js';

export const QUEUE_STATUSES: readonly QueueStatus[] = ['pending', 'approved', 'spam', 'trash'];

export async function loadQueue(deps: CommentDeps, status: QueueStatus, askedPage: number, perPage: number) {
  const counts = await countByStatus(deps.db);
  const pages = Math.max(1, Math.ceil(counts[status] / perPage));
  const page = Math.min(pages, Math.max(1, askedPage));
  const rows = await selectQueue(deps.db, status, perPage, (page - 1) * perPage);
  const contexts = await queueContext(deps.db, rows);
  return { counts, page, pages, items: rows.map((comment, i) => ({ comment, context: contexts[i]! })) };
}

/** One comment, its context, its whole conversation (every status), and whether its article is closed. */
export async function loadComment(deps: CommentDeps, id: number) {
  const { db } = deps;
  const comment = await selectComment(db, id);
  if (!comment || comment.status === 'erased') throw new NotFound('There is no such comment.');
  const [[context], thread, settings] = await Promise.all([
    queueContext(db, [comment]),
    selectThreadOf(db, comment),
    readCommentSettings(db),
  ]);
  const article = context!.article;
  const closed = article ? await commentsClosed(db, article, settings, deps.clock()) : true;
  return { comment, context: context!, thread, closed };
}
