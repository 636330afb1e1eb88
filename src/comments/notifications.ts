// Mail about comments: a reply notice to a commenter who asked for one, and one digest per moderator or
// author listing held comments (never a mail per comment). Every mail carries a one-click unsubscribe link
// signed with the app secret, and the List-Unsubscribe headers mail clients show as a button.
import type { Kysely } from 'kysely';
import { canModerateComments } from '../admin/guardian.js';
import { listStaff } from '../admin/staff/staff.js';
import { articlesByIds, authorIdsOf } from '../articles/article-refs.js';
import { Forbidden } from '../http/errors.js';
import { type Mailer, permanentMailFailure } from '../mail/mailer.js';
import type { Database } from '../storage/schema.js';
import * as aq from './admin-queries.js';
import * as q from './queries.js';
import { excerpt } from './text.js';
import {
  digestUnsubscribeStaff,
  replyUnsubscribeKey,
  signDigestUnsubscribe,
  signReplyUnsubscribe,
} from './tokens.js';

export interface MailDeps {
  db: Kysely<Database>;
  mailer: Mailer;
  secret: string;
  publicUrl: string;
  clock: () => Date;
  siteName: () => Promise<string>;
}

/** The mail topic (mail/mailer.ts) of mail to a commenter: their data export lists it, their erasure deletes it. */
export const COMMENTER_MAIL_TOPIC = 'commenter';

function unsubscribeHeaders(url: string): Record<string, string> {
  // RFC 8058: a mail client may POST "List-Unsubscribe=One-Click" to the URL, without the reader's browser.
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** Tells the author of the comment replied to, once, if they asked to be told. */
export async function sendReplyNotice(deps: MailDeps, reply: q.CommentRow): Promise<boolean> {
  if (reply.parent_id === null) return false;
  const parent = await q.selectComment(deps.db, reply.parent_id);
  if (parent?.status !== 'approved' || parent.notify_replies !== 1 || !parent.author_email) return false;
  if (parent.email_key === reply.email_key) return false;
  if (!(await aq.claimReplyNotice(deps.db, reply.id, deps.clock()))) return false;
  const article = (await articlesByIds(deps.db, [reply.article_id])).get(reply.article_id);
  if (!article) return false;
  const siteName = await deps.siteName();
  const unsubscribe = `${deps.publicUrl}/comments/unsubscribe/replies/${signReplyUnsubscribe(deps.secret, parent.email_key)}`;
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
    await aq.releaseReplyNotice(deps.db, reply.id);
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
  for (const reply of await aq.selectUntoldReplies(deps.db, since, 100)) {
    if (await sendReplyNotice(deps, reply)) sent++;
  }
  return sent;
}

/**
 * Sends one mail to each moderator (and to each author, about their own articles) listing the held comments
 * nobody was told about yet. Safe on several instances at once: each comment is claimed by one of them.
 * Each person's mail is sent on its own, so that one failure does not keep the others' from going out. A
 * failure that may pass gives its comments back to the next run, which lists them to everyone they concern:
 * someone whose mail did go out may read them twice, which is better than a held comment nobody hears of.
 * A permanent refusal (the server rejects the address) is not retried, or it would repeat everyone else's
 * digest on every run. Failures are thrown, after every mail was tried, for the jobs' log.
 */
export async function sendModerationDigest(deps: MailDeps): Promise<number> {
  const waiting = await aq.selectUndigested(deps.db, 500);
  if (waiting.length === 0) return 0;
  const claimedAt = deps.clock();
  const claimed = new Set(
    await aq.claimForDigest(
      deps.db,
      waiting.map((c) => c.id),
      claimedAt,
    ),
  );
  const comments = waiting.filter((c) => claimed.has(c.id));
  if (comments.length === 0) return 0;

  const articleIds = comments.map((c) => c.article_id);
  const [staff, optedOut, articles, authors, siteName] = await Promise.all([
    listStaff(deps.db),
    aq.digestOptedOut(deps.db),
    articlesByIds(deps.db, articleIds),
    authorIdsOf(deps.db, articleIds),
    deps.siteName(),
  ]);
  let sent = 0;
  const failed: Array<{ staffId: number; error: unknown }> = [];
  const untold = new Set<number>();
  for (const person of staff) {
    if (person.disabledAt !== null || optedOut.has(person.id)) continue;
    const moderator = canModerateComments(person);
    const theirs = moderator
      ? comments
      : comments.filter(
          (c) => person.authorId !== null && authors.get(c.article_id)?.includes(person.authorId),
        );
    if (theirs.length === 0) continue;
    const unsubscribe = `${deps.publicUrl}/comments/unsubscribe/digest/${signDigestUnsubscribe(deps.secret, person.id)}`;
    const lines = theirs.flatMap((c) => {
      const article = articles.get(c.article_id);
      return [
        `• ${c.author_name} on “${article?.headline ?? 'an article'}”:`,
        `  ${excerpt(c.body, 200)}`,
        `  ${moderator ? `${deps.publicUrl}/admin/comments/${c.id}` : `${deps.publicUrl}/articles/${article?.slug ?? ''}`}`,
        '',
      ];
    });
    const count = theirs.length === 1 ? 'One comment is' : `${theirs.length} comments are`;
    try {
      await deps.mailer.send({
        to: person.email,
        subject: `${count} waiting for moderation on ${siteName}`,
        text: [
          `Hello ${person.name},`,
          '',
          `${count} waiting for moderation${moderator ? '' : ' on your articles; an editor will review them'}:`,
          '',
          ...lines,
          ...(moderator ? [`The moderation queue: ${deps.publicUrl}/admin/comments`, ''] : []),
          `Stop these emails with one click: ${unsubscribe}`,
        ].join('\n'),
        headers: unsubscribeHeaders(unsubscribe),
      });
      sent++;
    } catch (error) {
      failed.push({ staffId: person.id, error });
      if (!permanentMailFailure(error)) for (const c of theirs) untold.add(c.id);
    }
  }
  await aq.releaseDigestClaims(deps.db, [...untold], claimedAt);
  if (failed.length > 0) {
    const first = failed[0]!.error;
    throw new Error(
      `the moderation digest could not be sent to staff ${failed.map((f) => f.staffId).join(', ')}` +
        `${untold.size > 0 ? ' (to be tried again next run)' : ''}: ` +
        `${first instanceof Error ? first.message : String(first)}`,
      { cause: first },
    );
  }
  return sent;
}

export type UnsubscribeKind = 'replies' | 'digest';

/** Applies a one-click unsubscribe; Forbidden when the link was altered or forged. */
export async function unsubscribe(
  db: Kysely<Database>,
  secret: string,
  kind: UnsubscribeKind,
  token: string,
  now: Date,
) {
  if (kind === 'replies') {
    const key = replyUnsubscribeKey(secret, token);
    if (!key)
      throw new Forbidden('This unsubscribe link is not valid. Please use the link from your latest email.');
    await aq.stopReplyNotices(db, key);
    return;
  }
  const staffId = digestUnsubscribeStaff(secret, token);
  if (staffId === null)
    throw new Forbidden('This unsubscribe link is not valid. Please use the link from your latest email.');
  await aq.optOutOfDigest(db, staffId, now);
}

/** Checks a link before showing its confirmation page. */
export function validUnsubscribeToken(secret: string, kind: UnsubscribeKind, token: string): boolean {
  return kind === 'replies'
    ? replyUnsubscribeKey(secret, token) !== null
    : digestUnsubscribeStaff(secret, token) !== null;
}
