// The editorial workflow: draft → in review → scheduled → published → unpublished, each step allowed only
// from the statuses it makes sense from and only to the roles guardian.ts names. Publishing and scheduling
// check first that the story may go out (publish-readiness.ts).
import {
  canEditArticle,
  canPublish,
  canSchedule,
  canSubmitForReview,
  canUnpublish,
  canViewArticle,
  canWithdrawFromReview,
} from '../admin/guardian.js';
import { Forbidden, Invalid } from '../http/errors.js';
import type { ArticleActivityTable } from '../storage/schema.js';
import { announceListed } from './announce.js';
import { STATUS_LABELS } from './article-status.js';
import { type Actor, type EditableArticle, type EditorialDeps, loadArticle } from './editable.js';
import { requirePublishable } from './publish-readiness.js';
import { insertActivity } from './queries/activity.js';
import { updateStatus } from './queries/articles.js';
import { queueArticleEvent } from './webhook-events.js';

/** The step goes into the article's history with who took it and through what (the editor, or an API token). */
function record(
  deps: EditorialDeps,
  actor: Actor,
  id: number,
  action: ArticleActivityTable['action'],
  now: Date,
) {
  return insertActivity(deps.db, {
    article_id: id,
    action,
    staff_id: actor.id,
    via: actor.via ?? null,
    created_at: now.toISOString(),
  });
}

function refuseFrom(article: EditableArticle, action: string): never {
  throw new Invalid(`An article that is ${STATUS_LABELS[article.status].toLowerCase()} cannot be ${action}.`);
}

export async function submitForReview(deps: EditorialDeps, actor: Actor, id: number, now: Date) {
  const article = await loadArticle(deps.db, id);
  // Someone else's article is refused as theirs; one's own in the wrong status, for the status.
  if (!canViewArticle(actor, article)) throw new Forbidden('You can submit only your own drafts.');
  if (!canSubmitForReview(actor, article)) refuseFrom(article, 'submitted for review');
  if (!(await updateStatus(deps.db, id, ['draft'], { status: 'review', modified_at: now.toISOString() })))
    refuseFrom(await loadArticle(deps.db, id), 'submitted for review');
  await record(deps, actor, id, 'submitted', now);
}

/**
 * Back to draft from review (the writer takes it back, or an editor moves it without notes; with notes it is
 * review-returns.ts) or from a schedule.
 */
export async function returnToDraft(deps: EditorialDeps, actor: Actor, id: number, now: Date) {
  const article = await loadArticle(deps.db, id);
  const allowed =
    article.status === 'scheduled'
      ? canSchedule(actor)
      : article.status === 'review'
        ? canWithdrawFromReview(actor, article)
        : // Any other status is refused below for the status itself, to whoever could edit the article.
          canEditArticle(actor, article);
  if (!allowed) {
    throw new Forbidden('You may not move this article back to draft.');
  }
  const moved = await updateStatus(deps.db, id, ['review', 'scheduled'], {
    status: 'draft',
    scheduled_at: null,
    modified_at: now.toISOString(),
  });
  if (!moved) refuseFrom(article, 'moved back to draft');
  await record(deps, actor, id, 'returned', now);
}

export async function publishArticle(deps: EditorialDeps, actor: Actor, id: number, now: Date) {
  if (!canPublish(actor)) throw new Forbidden('Only editors and admins may publish.');
  const article = await loadArticle(deps.db, id);
  if (article.status === 'published') refuseFrom(article, 'published again');
  await requirePublishable(deps, article, 'published', now);
  const at = now.toISOString();
  const moved = await deps.db.transaction().execute(async (trx) => {
    const moved = await updateStatus(trx, id, ['draft', 'review', 'scheduled', 'unpublished'], {
      status: 'published',
      // Republishing keeps the first publication time readers and search engines already know.
      published_at: article.publishedAt ?? at,
      scheduled_at: null,
      modified_at: at,
    });
    if (moved) await queueArticleEvent(trx, 'article.published', id, now);
    return moved;
  });
  if (!moved) refuseFrom(await loadArticle(deps.db, id), 'published');
  await record(deps, actor, id, 'published', now);
  await announceListed(deps, [id]);
}

/** Publishes itself at `at` (see scheduler.ts), also if every instance was restarted meanwhile. */
export async function scheduleArticle(deps: EditorialDeps, actor: Actor, id: number, at: Date, now: Date) {
  if (!canSchedule(actor)) throw new Forbidden('Only editors and admins may schedule publication.');
  if (Number.isNaN(at.getTime()))
    throw new Invalid('Choose the date and time to publish.', { scheduledAt: 'Choose a date and time.' });
  if (at.getTime() <= now.getTime()) {
    throw new Invalid('The publication time must be in the future; to publish now, press Publish.', {
      scheduledAt: 'Choose a time in the future.',
    });
  }
  const article = await loadArticle(deps.db, id);
  if (article.status === 'published') refuseFrom(article, 'scheduled');
  await requirePublishable(deps, article, 'scheduled', at);
  const moved = await updateStatus(deps.db, id, ['draft', 'review', 'scheduled', 'unpublished'], {
    status: 'scheduled',
    scheduled_at: at.toISOString(),
    modified_at: now.toISOString(),
  });
  if (!moved) refuseFrom(await loadArticle(deps.db, id), 'scheduled');
  await record(deps, actor, id, 'scheduled', now);
}

export async function unpublishArticle(deps: EditorialDeps, actor: Actor, id: number, now: Date) {
  if (!canUnpublish(actor)) throw new Forbidden('Only editors and admins may unpublish.');
  const article = await loadArticle(deps.db, id);
  const moved = await deps.db.transaction().execute(async (trx) => {
    const moved = await updateStatus(trx, id, ['published'], {
      status: 'unpublished',
      modified_at: now.toISOString(),
    });
    if (moved) await queueArticleEvent(trx, 'article.unpublished', id, now);
    return moved;
  });
  if (!moved) refuseFrom(article, 'unpublished');
  await record(deps, actor, id, 'unpublished', now);
  await announceListed(deps, [id]);
}
