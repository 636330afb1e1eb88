// Approved comments, as outside systems hear of them (webhooks): what every reader sees under the article,
// never the commenter's email, address or moderation details. Queued in the transaction that makes the
// comment visible: approval in the queue, or a comment posted and shown at once.
import { articlesByIds } from '../articles/article-refs.js';
import { articlePath } from '../articles/model.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-event.js';
import type { CommentRow, Db } from './queries.js';

export async function queueCommentsApproved(trx: Db, changed: CommentRow[], now: Date): Promise<void> {
  if (changed.length === 0) return;
  const articles = await articlesByIds(
    trx,
    changed.map((c) => c.article_id),
  );
  for (const comment of changed) {
    const article = articles.get(comment.article_id);
    await enqueueWebhookEvent(
      trx,
      'comment.approved',
      {
        id: comment.id,
        parentId: comment.parent_id,
        authorName: comment.author_name,
        text: comment.body,
        createdAt: comment.created_at,
        approvedAt: comment.approved_at ?? now.toISOString(),
        article: article
          ? {
              id: article.id,
              slug: article.slug,
              path: articlePath(article.slug),
              headline: article.headline,
            }
          : { id: comment.article_id },
      },
      now,
    );
  }
}
