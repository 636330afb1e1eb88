// What follows when comments become visible or change: the article's cached pages are dropped on every
// instance, and a commenter who asked is told of a reply. Mail failures are logged, never undo the approval.
import { loggableFailure } from '../mail/mailer.js';
import type { CommentDeps } from './comment-deps.js';
import { selectCommentsByIds } from './queries.js';
import { sendReplyNotice } from './reply-notice.js';

/** The visible comments of these articles changed (approved, edited, removed): refresh their pages. */
export async function announceChanged(deps: CommentDeps, articleIds: number[]): Promise<void> {
  if (articleIds.length > 0) await deps.commentsChanged([...new Set(articleIds)]);
}

/** These comments were just approved: refresh their pages and tell the people they reply to. */
export async function announceApproved(deps: CommentDeps, ids: number[]): Promise<void> {
  const rows = await selectCommentsByIds(deps.db, ids);
  await announceChanged(
    deps,
    rows.map((r) => r.article_id),
  );
  for (const reply of rows) {
    if (reply.parent_id === null || reply.status !== 'approved') continue;
    try {
      await sendReplyNotice(deps, reply);
    } catch (error) {
      deps.log.error({ failure: loggableFailure(error), commentId: reply.id }, 'reply notification failed');
    }
  }
}
