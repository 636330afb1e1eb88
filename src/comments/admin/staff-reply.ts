// A reply in the newsroom's name, published at once and marked Staff. Replying to a held comment approves
// it: the staff member has read it.
import type { StaffMember } from '../../admin/guardian.js';
import { Invalid, NotFound } from '../../http/errors.js';
import { announceApproved } from '../announce.js';
import type { CommentDeps } from '../comment-deps.js';
import { MAX_DEPTH } from '../comments.js';
import { LIMITS } from '../form.js';
import { emailKey } from '../identity.js';
import { bodyHash } from '../post-comment.js';
import { insertComment, selectComment } from '../queries.js';
import { tidyText } from '../text.js';
import { moderate } from './moderate.js';
import { mustModerate } from './permissions.js';

export async function replyAsStaff(
  deps: CommentDeps,
  staff: StaffMember,
  parentId: number,
  text: string,
): Promise<number> {
  mustModerate(staff);
  let parent = await selectComment(deps.db, parentId);
  if (!parent || parent.status === 'erased') throw new NotFound('There is no such comment.');
  const body = tidyText(text);
  if (!body) throw new Invalid('Write your reply first.', { reply: 'Write your reply first.' });
  if (body.length > LIMITS.comment)
    throw new Invalid('The reply is too long.', { reply: `At most ${LIMITS.comment} characters.` });
  if (parent.status !== 'approved') await moderate(deps, staff, [parent.id], 'approve');
  // As for readers: deeper replies join the deepest level, under the same conversation.
  if (parent.depth >= MAX_DEPTH && parent.parent_id !== null)
    parent = (await selectComment(deps.db, parent.parent_id)) ?? parent;
  const at = deps.clock().toISOString();
  const id = await insertComment(deps.db, {
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
