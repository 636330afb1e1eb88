// Where an article stands in the workflow, in words the newsroom reads, and the note a draft keeps when
// the scheduler held it back.
import type { ArticleStatus } from '../storage/schema.js';

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Draft',
  review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

/**
 * The time a draft was due to publish itself, when the scheduler held it back for not being ready
 * (scheduler.ts), for the note the list and the editor show; null for any other article. No column marks
 * it: no other draft has a scheduled_at (every other way out of 'scheduled' clears it), and scheduling or
 * publishing it again replaces it.
 */
export function missedSchedule(article: {
  status: ArticleStatus;
  scheduledAt: string | null;
}): string | null {
  return article.status === 'draft' ? article.scheduledAt : null;
}
