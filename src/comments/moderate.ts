// What an editor does to comments: approve, send to spam or trash (one or many at once), edit, reply as
// staff, ban a commenter, close or reopen an article's comments. Each action checks the permission first
// and refreshes the article's cached pages when what readers see has changed.

import { canModerateComments, type StaffMember } from '../admin/guardian.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import * as aq from './admin-queries.js';
import { announceApproved, announceChanged, type CommentDeps } from './approval.js';
import { MAX_DEPTH } from './comments.js';
import { LIMITS } from './form.js';
import { emailKey } from './identity.js';
import { bodyHash } from './post-comment.js';
import * as q from './queries.js';
import { safeWebUrl, tidyLine, tidyText } from './text.js';

export const ACTIONS = { approve: 'approved', spam: 'spam', trash: 'trash', unapprove: 'pending' } as const;
export type ModerationAction = keyof typeof ACTIONS;

function mustModerate(staff: StaffMember): void {
  if (!canModerateComments(staff)) throw new Forbidden('Only editors and admins may moderate comments.');
}

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
  const before = await aq.updateStatus(deps.db, ids, status, deps.clock());
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

export interface CommentEdit {
  body: string;
  name: string;
  url: string;
}

export async function editComment(deps: CommentDeps, staff: StaffMember, id: number, edit: CommentEdit) {
  mustModerate(staff);
  const row = await q.selectComment(deps.db, id);
  if (!row || row.status === 'erased') throw new NotFound('There is no such comment.');
  const body = tidyText(edit.body);
  const name = tidyLine(edit.name);
  const rawUrl = edit.url.trim();
  const url = rawUrl ? safeWebUrl(rawUrl) : '';
  const errors: Record<string, string> = {};
  if (!body) errors.body = 'A comment cannot be empty; send it to the trash instead.';
  else if (body.length > LIMITS.comment) errors.body = `At most ${LIMITS.comment} characters.`;
  if (!name) errors.name = 'The name cannot be empty.';
  else if (name.length > LIMITS.name) errors.name = `At most ${LIMITS.name} characters.`;
  if (url === null || (url && url.length > LIMITS.url))
    errors.url = 'Enter a web address starting with https://, or nothing.';
  if (Object.keys(errors).length > 0) throw new Invalid('The comment was not saved.', errors);
  await aq.updateText(
    deps.db,
    id,
    { body, author_name: name, author_url: url ?? '', body_hash: bodyHash(body) },
    deps.clock(),
  );
  if (row.status === 'approved') await announceChanged(deps, [row.article_id]);
}

/** A reply in the newsroom's name. Replying to a held comment approves it: the staff member has read it. */
export async function replyAsStaff(
  deps: CommentDeps,
  staff: StaffMember,
  parentId: number,
  text: string,
): Promise<number> {
  mustModerate(staff);
  let parent = await q.selectComment(deps.db, parentId);
  if (!parent || parent.status === 'erased') throw new NotFound('There is no such comment.');
  const body = tidyText(text);
  if (!body) throw new Invalid('Write your reply first.', { reply: 'Write your reply first.' });
  if (body.length > LIMITS.comment)
    throw new Invalid('The reply is too long.', { reply: `At most ${LIMITS.comment} characters.` });
  if (parent.status !== 'approved') await moderate(deps, staff, [parent.id], 'approve');
  if (parent.depth >= MAX_DEPTH && parent.parent_id !== null)
    parent = (await q.selectComment(deps.db, parent.parent_id)) ?? parent;
  const at = deps.clock().toISOString();
  const id = await q.insertComment(deps.db, {
    article_id: parent.article_id,
    parent_id: parent.id,
    root_id: parent.root_id ?? parent.id,
    depth: parent.depth + 1,
    status: 'approved',
    body,
    author_name: staff.name,
    author_email: staff.email,
    email_key: emailKey(deps.secret, staff.email),
    author_url: '',
    staff_id: staff.id,
    notify_replies: 0,
    ip_key: null,
    body_hash: bodyHash(body),
    moderation_reason: null,
    spam_score: 0,
    created_at: at,
    approved_at: at,
    edited_at: null,
    status_changed_at: at,
    digest_sent_at: null,
    reply_notified_at: null,
  });
  await announceApproved(deps, [id]);
  return id;
}

/** Bans the author of a comment (their email key, and their network while its hash is kept). */
export async function banAuthorOf(deps: CommentDeps, staff: StaffMember, commentId: number, reason: string) {
  mustModerate(staff);
  const row = await q.selectComment(deps.db, commentId);
  if (!row || row.status === 'erased') throw new NotFound('There is no such comment.');
  if (row.staff_id !== null)
    throw new Invalid('Staff replies cannot be banned; disable the account instead.');
  await aq.insertBan(deps.db, {
    email_key: row.email_key,
    ip_key: row.ip_key,
    reason: tidyLine(reason).slice(0, 200),
    created_by: staff.id,
    created_at: deps.clock().toISOString(),
  });
  const held = await aq.selectPendingIdsOf(deps.db, row.email_key);
  if (held.length > 0) await aq.updateStatus(deps.db, held, 'spam', deps.clock());
  return held.length;
}

export async function liftBan(deps: CommentDeps, staff: StaffMember, banId: number) {
  mustModerate(staff);
  await aq.deleteBan(deps.db, banId);
}

export async function setCommentsClosed(
  deps: CommentDeps,
  staff: StaffMember,
  articleId: number,
  closed: boolean,
) {
  mustModerate(staff);
  await q.setThreadClosed(deps.db, articleId, closed, staff.id, deps.clock());
  await announceChanged(deps, [articleId]);
}
