// The comment system's background work, which server/background-jobs.ts runs once per machine (not in the
// reader site: the digest is for staff): the moderators' digest of held comments (the interval is what
// batches them), reply notices a failed mail left unsent, and forgetting network hashes past their
// retention. The purge also runs alone soon after a start, so a process restarted more often than the
// interval still purges; the digest waits for the interval.
import { sendModerationDigest } from './admin/moderation-digest.js';
import type { MailDeps } from './comment-deps.js';
import { purgeOldNetworkHashes } from './network-hashes.js';
import { retryReplyNotices } from './reply-notice.js';
import { readCommentSettings } from './settings.js';

export interface CommentJobs {
  /** Every job once; each runs even when another failed, and the failures are thrown together afterwards. */
  runOnce(): Promise<{ digests: number; purged: number; replyNotices: number }>;
  /** Forgets the network hashes past the retention the settings name; returns how many comments it cleared. */
  purgeNetworkHashes(): Promise<number>;
}

export function commentJobs(deps: MailDeps): CommentJobs {
  async function purgeNetworkHashes() {
    const settings = await readCommentSettings(deps.db);
    return purgeOldNetworkHashes(deps.db, settings, deps.clock());
  }

  // A mail server down must not keep old hashes: the failures are collected, for the log.
  async function runOnce() {
    const errors: unknown[] = [];
    const attempt = async (job: () => Promise<number>) => {
      try {
        return await job();
      } catch (error) {
        errors.push(error);
        return 0;
      }
    };
    const purged = await attempt(purgeNetworkHashes);
    const digests = await attempt(() => sendModerationDigest(deps));
    const replyNotices = await attempt(() => retryReplyNotices(deps));
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1)
      throw new AggregateError(
        errors,
        errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; '),
      );
    return { digests, purged, replyNotices };
  }

  return { runOnce, purgeNetworkHashes };
}
