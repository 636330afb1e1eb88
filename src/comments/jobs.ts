// The comment system's background work, started by main.ts: the moderators' digest of held comments (the
// interval is what batches them), reply notices a failed mail left unsent, and forgetting network hashes
// past their retention. Tests call runOnce().
import type { MailDeps } from './notifications.js';
import { retryReplyNotices, sendModerationDigest } from './notifications.js';
import { purgeOldNetworkHashes } from './privacy.js';
import { readCommentSettings } from './settings.js';

export interface CommentJobs {
  runOnce(): Promise<{ digests: number; purged: number; replyNotices: number }>;
  stop(): void;
}

export interface CommentJobOptions {
  intervalMs: number;
  log: { error(details: object, message: string): void };
}

export function commentJobs(deps: MailDeps, options: CommentJobOptions): CommentJobs & { start(): void } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  async function runOnce() {
    const settings = await readCommentSettings(deps.db);
    const purged = await purgeOldNetworkHashes(deps.db, settings, deps.clock());
    const digests = await sendModerationDigest(deps);
    const replyNotices = await retryReplyNotices(deps);
    return { digests, purged, replyNotices };
  }

  return {
    runOnce,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        // One run at a time: a slow SMTP server must not pile runs up.
        if (running) return;
        running = runOnce()
          .catch((error) => options.log.error({ err: error }, 'comment jobs failed'))
          .finally(() => {
            running = null;
          });
      }, options.intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
