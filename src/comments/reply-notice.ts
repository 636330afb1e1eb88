// The mail a commenter who asked for it gets when someone replies to their comment: once per reply, with a
// one-click unsubscribe. A notice a failed mail left unsent is tried again by the comment jobs for a while.
import { articlesByIds } from '../articles/article-refs.js';
import type { MailDeps } from './comment-deps.js';
import { COMMENTER_MAIL_TOPIC } from './commenter-data.js';
import { type CommentRow, selectComment } from './queries.js';
import { claimReplyNotice, releaseReplyNotice, selectUntoldReplies } from './reply-notice-queries.js';
import { excerpt } from './text.js';
import { unsubscribeHeaders, unsubscribeUrl } from './unsubscribe.js';

/** Tells the author of the comment replied to, once, if they asked to be told. */
export async function sendReplyNotice(deps: MailDeps, reply: CommentRow): Promise<boolean> {
  if (reply.parent_id === null) return false;
  const parent = await selectComment(deps.db, reply.parent_id);
  if (parent?.status !== 'approved' || parent.notify_replies !== 1 || !parent.author_email) return false;
  if (parent.email_key === reply.email_key) return false;
  if (!(await claimReplyNotice(deps.db, reply.id, deps.clock()))) return false;
  const article = (await articlesByIds(deps.db, [reply.article_id])).get(reply.article_id);
  if (!article) return false;
  const siteName = await deps.siteName();
  const unsubscribe = unsubscribeUrl(deps, { kind: 'replies', emailKey: parent.email_key });
  const message = {
    to: parent.author_email,
    subject: `${reply.author_name} replied to your comment on ${siteName}`,
    text: [
      `Hello ${parent.author_name},`,
      '',
      `${reply.author_name} replied to your comment on “${article.headline}”:`,
      '',
      excerpt(reply.body, 600),
      '',
      `Read the conversation: ${deps.publicUrl}/comments/${reply.id}`,
      '',
      'You get this email because you asked to be told of replies to your comments.',
      `Stop these emails with one click: ${unsubscribe}`,
    ].join('\n'),
    headers: unsubscribeHeaders(unsubscribe),
    topic: COMMENTER_MAIL_TOPIC,
  };
  try {
    await deps.mailer.send(message);
  } catch (error) {
    // Given back: the comment jobs send it on their next run (retryReplyNotices).
    await releaseReplyNotice(deps.db, reply.id);
    throw error;
  }
  return true;
}

// A reply notice is worth sending for a while after the reply; after that it would only puzzle.
const REPLY_NOTICE_RETRY_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Sends the reply notices an earlier failure left unsent; returns how many went out. The first failure ends
 * the run (the mail server is likely still down) and is thrown for the jobs' log.
 */
export async function retryReplyNotices(deps: MailDeps): Promise<number> {
  const since = new Date(deps.clock().getTime() - REPLY_NOTICE_RETRY_MS).toISOString();
  let sent = 0;
  for (const reply of await selectUntoldReplies(deps.db, since, 100)) {
    if (await sendReplyNotice(deps, reply)) sent++;
  }
  return sent;
}
