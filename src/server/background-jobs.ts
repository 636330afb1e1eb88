// Work that runs once per machine, not once per worker: scheduled publishing, the comment digests, and
// purging the CDN of what changed (with CDN_PURGE), and sending newsletter editions.
import { commentJobs } from '../comments/jobs.js';
import type { Config } from '../config.js';
import { startScheduler } from '../editorial/scheduler.js';
import type { Mailer } from '../mail/mailer.js';
import { startNewsletterSending } from '../newsletters/sending-job.js';
import { readSiteSettings } from '../site/settings.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Storage } from '../storage/db.js';
import { startCdnPurge } from './cdn-purge.js';

export interface BackgroundJobs {
  /** Resolves once the work in progress (a scheduled publication being claimed) has finished. */
  stop(): Promise<void>;
}

export function startBackgroundJobs(
  config: Config,
  storage: Storage,
  events: ContentEvents,
  secret: string,
  mailer: Mailer,
  log: { error(obj: object, msg: string): void },
): BackgroundJobs {
  // Publishes scheduled articles when due, and at once those that fell due while the app was down.
  const scheduler = startScheduler({
    db: storage.db,
    events,
    onError: (error) => log.error({ err: error }, 'scheduled publishing failed'),
  });
  // Mails moderators one digest of held comments per interval, and forgets old network hashes.
  const commentWork = commentJobs(
    {
      db: storage.db,
      mailer,
      secret,
      publicUrl: config.publicUrl,
      clock: () => new Date(),
      siteName: async () => (await readSiteSettings(storage.db)).siteName,
    },
    { intervalMs: 10 * 60 * 1000, log },
  );
  commentWork.start();
  const purging = config.cdnPurge ? startCdnPurge(config.cdnPurge, storage, log) : undefined;
  // Sends due editions from the durable queue; several machines share the queue without sending a row twice.
  const newsletters = startNewsletterSending(config, storage, events, secret, mailer, log);
  newsletters.catch((error) => log.error({ err: error }, 'newsletter sending could not start'));
  return {
    async stop() {
      await (await newsletters.catch(() => null))?.stop();
      await scheduler.stop();
      commentWork.stop();
      await purging?.stop();
    },
  };
}
