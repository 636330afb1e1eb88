// What the comment system needs from outside (passed in from app.ts), and what follows when comments
// become visible or change: the article's cached pages are dropped on every instance, and a commenter who
// asked is told of a reply. Mail failures are logged, never undo the approval.
import type { Kysely } from 'kysely';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { Mailer } from '../mail/mailer.js';
import type { Database } from '../storage/schema.js';
import * as aq from './admin-queries.js';
import type { SpamChecker } from './akismet.js';
import { sendReplyNotice } from './notifications.js';
import type { CommentRates } from './rate-limits.js';
import type { CommentSettings } from './settings.js';

export interface CommentDeps {
  db: Kysely<Database>;
  secret: string;
  clock: () => Date;
  publicUrl: string;
  rates: RateLimitStore;
  rateRules: CommentRates;
  /** The outside checker for these settings, or null when none is configured. */
  spamChecker: (settings: CommentSettings) => SpamChecker | null;
  mailer: Mailer;
  siteName: () => Promise<string>;
  /** Drops the cached threads and pages of these articles (the page and its comment pages) on every instance. */
  commentsChanged: (articleIds: number[]) => Promise<void>;
  /** Drops every cached page (settings that change every article's comments). */
  allPagesChanged: () => Promise<void>;
  log: { error(details: object, message: string): void };
}

/** The visible comments of these articles changed (approved, edited, removed): refresh their pages. */
export async function announceChanged(deps: CommentDeps, articleIds: number[]): Promise<void> {
  if (articleIds.length > 0) await deps.commentsChanged([...new Set(articleIds)]);
}

/** These comments were just approved: refresh their pages and tell the people they reply to. */
export async function announceApproved(deps: CommentDeps, ids: number[]): Promise<void> {
  const rows = await aq.selectCommentsByIds(deps.db, ids);
  await announceChanged(
    deps,
    rows.map((r) => r.article_id),
  );
  for (const reply of rows) {
    if (reply.parent_id === null || reply.status !== 'approved') continue;
    try {
      await sendReplyNotice(deps, reply);
    } catch (error) {
      deps.log.error({ err: error, commentId: reply.id }, 'reply notification failed');
    }
  }
}
