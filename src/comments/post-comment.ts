// Posting a comment, step by step: validate the input, check the policy (article open, parent there,
// rates), load what the rules need, let the moderation rules decide, store it, then tell whoever must know.
import { createHash } from 'node:crypto';
import { publishedArticleBySlug } from '../articles/article-refs.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import type { CommentStatus } from '../storage/schema.js';
import { announceApproved } from './announce.js';
import { commentsClosed } from './closing.js';
import type { CommentDeps } from './comment-deps.js';
import { MAX_DEPTH, type PublicComment, toPublicComment } from './comments.js';
import { type CommentFormValues, validateComment } from './form.js';
import { emailKey, ipKey } from './identity.js';
import { decide } from './moderation-rules.js';
import * as pq from './posting-queries.js';
import { type CommentRow, insertComment, type NewComment, selectComment } from './queries.js';
import { limitCommentRate } from './rate-limits.js';
import { readCommentSettings } from './settings.js';
import { spamScore } from './spam-score.js';
import { checkFormToken } from './tokens.js';
import { queueCommentsApproved } from './webhook-events.js';

export interface PostRequest {
  slug: string;
  values: CommentFormValues;
  ip: string;
  userAgent: string;
  referrer: string;
  language: string;
  /** The comments this browser posted before, from its signed cookie: a regular's proof of who they are. */
  browserComments?: number[];
}

export interface PostedComment {
  id: number;
  status: Extract<CommentStatus, 'approved' | 'pending' | 'spam'>;
  articleId: number;
  slug: string;
  rootId: number;
  parentId: number | null;
  /** The comment as readers will see it (once approved). */
  comment: PublicComment;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What counts as the same text: one Unicode form (NFC: "é" typed as one character or as "e" and an accent
 * look the same and are the same), any case, any run of spaces.
 */
export function bodyHash(body: string): string {
  const same = body.toLowerCase().normalize('NFC').replace(/\s+/gu, ' ').trim();
  return createHash('sha256').update(same).digest('base64url');
}

export async function postComment(deps: CommentDeps, request: PostRequest): Promise<PostedComment> {
  const { db, secret } = deps;
  const now = deps.clock();

  // Input.
  const comment = validateComment(request.values);

  // Policy.
  const [article, settings] = await Promise.all([
    publishedArticleBySlug(db, request.slug),
    readCommentSettings(db),
  ]);
  if (await commentsClosed(db, article, settings, now)) {
    throw new Conflict('Comments on this article are closed.');
  }
  let parent: CommentRow | undefined;
  if (comment.parentId !== null) {
    parent = await selectComment(db, comment.parentId);
    if (!parent || parent.article_id !== article.id || parent.status !== 'approved') {
      throw new Invalid('The comment you are replying to is not there any more.', {
        comment:
          'The comment you are replying to is not there any more; you can post yours as a new comment.',
      });
    }
    // Deeper replies join the deepest level, under the same conversation.
    if (parent.depth >= MAX_DEPTH && parent.parent_id !== null) {
      parent = await selectComment(db, parent.parent_id);
      if (!parent) throw new NotFound();
    }
  }
  const who = { ipKey: ipKey(secret, request.ip), emailKey: emailKey(secret, comment.email) };
  await limitCommentRate(deps.rates, deps.rateRules, who, now);

  // Load what the rules weigh.
  const hash = bodyHash(comment.body);
  const [duplicate, history, ban, sameText, known] = await Promise.all([
    pq.findDuplicate(db, who.emailKey, hash, article.id),
    pq.historyOf(db, who.emailKey),
    pq.findBan(db, who.emailKey, who.ipKey),
    pq.countSameTextElsewhere(db, hash, who.emailKey, new Date(now.getTime() - DAY_MS).toISOString()),
    pq.knownFromBrowser(db, who.emailKey, request.browserComments ?? []),
  ]);
  if (duplicate) {
    throw new Conflict('You have already posted this comment.', {
      comment: 'You have already posted this comment on this article.',
    });
  }
  const form = checkFormToken(secret, request.values.token, article.id, now);
  // An address's good record speaks for a comment only from its owner's browser; a bad record always does.
  const credited = known.names.length > 0 ? history : { ...history, approved: 0 };
  const spam = spamScore({ ...comment, form, sameTextElsewhere: sameText, history: credited });
  const checker = deps.spamChecker(settings);
  const akismet = checker
    ? await checker.check({
        ip: request.ip,
        userAgent: request.userAgent,
        referrer: request.referrer,
        permalink: `${deps.publicUrl}/articles/${article.slug}`,
        authorName: comment.name,
        authorEmail: comment.email,
        authorUrl: comment.url,
        content: comment.body,
        language: request.language,
      })
    : 'off';

  const outcome = decide({
    ...comment,
    ip: request.ip,
    honeypot: request.values.honeypot,
    form,
    banned: ban !== undefined,
    history,
    known,
    spam,
    akismet,
    settings,
  });
  if (outcome?.kind === 'refuse') throw new Invalid(outcome.message, { [outcome.field]: outcome.message });
  const status = outcome === null ? 'approved' : outcome.kind === 'spam' ? 'spam' : 'pending';

  // Store.
  const at = now.toISOString();
  const row: NewComment = {
    article_id: article.id,
    parent_id: parent?.id ?? null,
    root_id: parent ? (parent.root_id ?? parent.id) : null,
    depth: parent ? parent.depth + 1 : 0,
    status,
    body: comment.body,
    author_name: comment.name,
    author_email: comment.email,
    email_key: who.emailKey,
    author_url: comment.url,
    staff_id: null,
    notify_replies: comment.notify ? 1 : 0,
    ip_key: who.ipKey,
    body_hash: hash,
    moderation_reason: outcome?.reason ?? null,
    spam_score: spam.score,
    created_at: at,
    approved_at: status === 'approved' ? at : null,
    edited_at: null,
    status_changed_at: at,
    digest_sent_at: null,
    reply_notified_at: null,
  };
  // A comment shown at once is approved as one from the queue is: outside systems hear of it the same way.
  const id =
    status === 'approved'
      ? await db.transaction().execute(async (trx) => {
          const id = await insertComment(trx, row);
          await queueCommentsApproved(trx, [{ id, ...row }], now);
          return id;
        })
      : await insertComment(db, row);

  // Tell: the cached page changes only when the comment is visible.
  if (status === 'approved') await announceApproved(deps, [id]);
  return {
    id,
    status,
    articleId: article.id,
    slug: article.slug,
    rootId: parent ? (parent.root_id ?? parent.id) : id,
    parentId: row.parent_id,
    comment: toPublicComment({ id, ...row }),
  };
}
