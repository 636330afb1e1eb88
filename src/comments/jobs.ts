// The comment system's background work, started by main.ts (not by the reader site: the digest is for
// staff): the moderators' digest of held comments (the interval is what batches them), reply notices a
// failed mail left unsent, and forgetting network hashes past their retention. Tests call runOnce().
import { loggableFailure } from '../mail/mailer.js';
import { sendModerationDigest } from './admin/moderation-digest.js';
import type { MailDeps } from './comment-deps.js';
import { purgeOldNetworkHashes } from './network-hashes.js';
import { retryReplyNotices } from './reply-notice.js';
import { readCommentSettings } from './settings.js';

export interface CommentJobs {
  runOnce(): Promise<{ digests: number; purged: number; replyNotices: number }>;
  stop(): void;
}

export interface CommentJobOptions {
  intervalMs: number;
  /**
   * When the network hashes are first purged after start. A process restarted more often than the interval
   * would otherwise never purge; the digest waits for the interval, which is what batches it.
   */
  firstPurgeAfterMs?: number;
  log: { error(details: object, message: string): void };
}

// Soon, but out of the way of the start itself (migrations, the first requests).
const FIRST_PURGE_AFTER_MS = 30_000;

export function commentJobs(deps: MailDeps, options: CommentJobOptions): CommentJobs & { start(): void } {
  let timer: NodeJS.Timeout | null = null;
  let firstPurge: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  async function purge() {
    const settings = await readCommentSettings(deps.db);
    return purgeOldNetworkHashes(deps.db, settings, deps.clock());
  }

  // Each job runs even when another failed (a mail server down must not keep old hashes), and the failures
  // are thrown together afterwards, for the log.
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
    const purged = await attempt(purge);
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

  /** One run at a time: a slow SMTP server must not pile runs up. */
  function runAlone(job: () => Promise<unknown>, what: string) {
    if (running) return;
    running = job()
      .catch((error) => options.log.error({ failure: loggableFailure(error) }, what))
      .finally(() => {
        running = null;
      });
  }

  return {
    runOnce,
    start() {
      if (timer) return;
      firstPurge = setTimeout(
        () => runAlone(purge, 'purging network hashes failed'),
        options.firstPurgeAfterMs ?? FIRST_PURGE_AFTER_MS,
      );
      firstPurge.unref();
      timer = setInterval(() => runAlone(runOnce, 'comment jobs failed'), options.intervalMs);
      timer.unref();
    },
    stop() {
      if (firstPurge) clearTimeout(firstPurge);
      if (timer) clearInterval(timer);
      firstPurge = null;
      timer = null;
    },
  };
}
