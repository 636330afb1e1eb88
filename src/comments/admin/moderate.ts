// What an editor does to comments in the queue: approve, send to spam or trash, or back to pending (one or
// many at once), and close or reopen an article's comments. Each refreshes the article's cached pages when
// what readers see has changed.
import type { StaffMember } from '../../admin/guardian.js';
import { articlesByIds } from '../../articles/article-refs.js';
import { Invalid, NotFound } from '../../http/errors.js';
import { announceApproved, announceChanged } from '../announce.js';
import { setThreadClosed } from '../closing-queries.js';
import type { CommentDeps } from '../comment-deps.js';
import { queueCommentsApproved } from '../webhook-events.js';
import { mustModerate } from './permissions.js';
import { updateStatus } from './queue-queries.js';

export const ACTIONS = { approve: 'approved', spam: 'spam', trash: 'trash', unapprove: 'pending' } as const;
export type ModerationAction = keyof typeof ACTIONS;

export function parseAction(value: unknown): ModerationAction {
  if (typeof value === 'string' && Object.hasOwn(ACTIONS, value)) return value as ModerationAction;
  throw new Invalid('Choose what to do with the selected comments.', { action: 'choose an action' });
}

/** Applies one action to these comments; returns how many changed. */
export async function moderate(
  deps: CommentDeps,
  staff: StaffMember,
  ids: number[],
  action: ModerationAction,
) {
  mustModerate(staff);
  if (ids.length === 0) throw new Invalid('Select at least one comment first.');
  const status = ACTIONS[action];
  const now = deps.clock();
  const before = await updateStatus(deps.db, ids, status, now, (trx, changed) =>
    status === 'approved' ? queueCommentsApproved(trx, changed, now) : Promise.resolve(),
  );
  const wasVisible = before.filter((r) => r.status === 'approved').map((r) => r.article_id);
  if (status === 'approved') {
    await announceApproved(
      deps,
      before.map((r) => r.id),
    );
  }
  if (wasVisible.length > 0) await announceChanged(deps, wasVisible);
  return before.length;
}

export async function setCommentsClosed(
  deps: CommentDeps,
  staff: StaffMember,
  articleId: number,
  closed: boolean,
) {
  mustModerate(staff);
  if (!(await articlesByIds(deps.db, [articleId])).has(articleId))
    throw new NotFound('There is no such article.');
  await setThreadClosed(deps.db, articleId, closed, staff.id, deps.clock());
  await announceChanged(deps, [articleId]);
}
