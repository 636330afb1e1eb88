// Work that runs once per machine, not once per worker: scheduled publishing, the comment digests, sending
// webhooks and newsletter editions, the search index's catch-up, the analytics roll-ups, emptying the trash
// of articles past their 30 days, purging the CDN of what changed (with CDN_PURGE), and the imports started
// from the newsroom.
import { analyticsJobs } from '../analytics/jobs.js';
import { commentJobs } from '../comments/jobs.js';
import type { Config } from '../config.js';
import { startScheduler } from '../editorial/scheduler.js';
import { startTrashPurge } from '../editorial/trash-purge-job.js';
import { startExpiryJob } from '../fronts/expiry-job.js';
import { systemResolver } from '../http/checked-lookup.js';
import type { ReservedPaths } from '../http/reserved-paths.js';
import { startImportJobs } from '../import/jobs/import-job-runner.js';
import type { Mailer } from '../mail/mailer.js';
import { openFileStore } from '../media/open-file-store.js';
import { startNewsletterSending } from '../newsletters/sending-job.js';
import { startSearchIndexCatchUp } from '../search/search-index-job.js';
import { readSiteSettings } from '../site/settings.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Storage } from '../storage/db.js';
import { startWebhookDelivery } from '../webhooks/delivery-job.js';
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
  // Expired pins and banners drop off the cached pages within this interval of their time.
  const expiries = startExpiryJob({
    db: storage.db,
    events,
    intervalMs: 15 * 1000,
    onError: (error) => log.error({ err: error }, 'announcing expired pins failed'),
  });
  const purging = config.cdnPurge ? startCdnPurge(config.cdnPurge, storage, log) : undefined;
  // Sends the queued webhooks, retries failed ones when due, and disables endpoints failing for days.
  const webhooks = startWebhookDelivery(
    {
      db: storage.db,
      clock: () => new Date(),
      resolveHost: systemResolver,
      allowedHosts: config.webhooks.allowedHosts,
      publicUrl: config.publicUrl,
      mailer,
    },
    { intervalMs: config.webhooks.pollMs, log },
  );
  // Indexes what was written without the index (the first start with search, a restore, an import).
  const searchCatchUp = startSearchIndexCatchUp({
    db: storage.db,
    intervalMs: 10 * 60 * 1000,
    onError: (error) => log.error({ err: error }, 'search index catch-up failed'),
  });
  // Deletes for good the articles trashed more than 30 days ago (an hour late at most).
  const trashPurge = startTrashPurge({
    db: storage.db,
    clock: () => new Date(),
    intervalMs: 60 * 60 * 1000,
    onError: (error) => log.error({ err: error }, 'emptying the trash failed'),
  });
  // Rolls analytics events up, deletes those past retention and yesterday's salt.
  const analyticsWork = analyticsJobs({
    db: storage.db,
    retentionDays: config.analytics.retentionDays,
    clock: () => new Date(),
    log,
  });
  analyticsWork.start();
  // Sends due editions from the durable queue; several machines share the queue without sending a row twice.
  const newsletters = startNewsletterSending(config, storage, events, secret, mailer, log);
  newsletters.catch((error) => log.error({ err: error }, 'newsletter sending could not start'));
  // Runs the imports started from the newsroom, one at a time; one stopped by a restart is taken up again.
  // The import's code (readers, body converters) is loaded with the first job, not at every start.
  // The app's own addresses, read once from an app built for it (the primary of several workers has none).
  let reservedPaths: Promise<ReservedPaths> | undefined;
  const imports = openFileStore(config.mediaStorage).then((files) =>
    startImportJobs(
      {
        db: storage.db,
        run: async (options, onProgress, job) => {
          const { serverImportRun } = await import('../import/jobs/server-import.js');
          const deps = { db: storage.db, files, events, secret, clock: () => new Date() };
          reservedPaths ??= import('./app-addresses.js')
            .then((m) => m.appReservedPaths({ config, secret }))
            .catch((error: unknown) => {
              reservedPaths = undefined; // the next job tries again; this one fails with the reason
              throw error;
            });
          return serverImportRun({
            ...deps,
            maxImagePixels: config.images.maxPixels,
            reservedPaths: await reservedPaths,
          })(options, onProgress, job);
        },
        clock: () => new Date(),
        log,
      },
      { intervalMs: 5000 },
    ),
  );
  imports.catch((error) => log.error({ err: error }, 'the import jobs could not start'));
  return {
    async stop() {
      await (await newsletters.catch(() => null))?.stop();
      await (await imports.catch(() => null))?.stop();
      await Promise.all([scheduler.stop(), webhooks.stop()]);
      commentWork.stop();
      await expiries.stop();
      await purging?.stop();
      await searchCatchUp.stop();
      await trashPurge.stop();
      await analyticsWork.stop();
    },
  };
}
