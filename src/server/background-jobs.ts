// Work that runs once per machine, not once per worker: scheduled publishing, the comment digests, sending
// webhooks, newsletter editions and owed donation receipts, the search index's catch-up, the analytics
// roll-ups, emptying the trash of articles past their 30 days, purging the CDN of what changed (with
// CDN_PURGE), and the imports started from the newsroom. Each domain exports what one pass does; here each
// is given its interval and its log line, and run in the one loop of periodic-job.ts. The newsletter sender
// and the CDN purge queue keep loops of their own (see their files): they pace themselves, and hand back
// their connections or their lease when they stop.
import { runAnalyticsJobs } from '../analytics/jobs.js';
import { commentJobs } from '../comments/jobs.js';
import type { Config } from '../config.js';
import { publishDueArticles } from '../editorial/scheduler.js';
import { purgeExpiredTrash } from '../editorial/trash.js';
import { announceExpiries } from '../fronts/expiry-job.js';
import { systemResolver } from '../http/checked-lookup.js';
import type { ReservedPaths } from '../http/reserved-paths.js';
import { type ImportJobDeps, runNextImportJob } from '../import/jobs/import-job-runner.js';
import { loggableFailure, type Mailer } from '../mail/mailer.js';
import { openFileStore } from '../media/open-file-store.js';
import { startNewsletterSending } from '../newsletters/sending-job.js';
import { sendDueReceipts } from '../revenue/receipt-mail.js';
import { indexStaleArticles } from '../search/search-index.js';
import { readSiteSettings } from '../site/settings.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Storage } from '../storage/db.js';
import { webhookDeliveryPass } from '../webhooks/delivery-job.js';
import { startCdnPurge } from './cdn-purge.js';
import { type PeriodicJob, type PeriodicJobOptions, startPeriodicJob } from './periodic-job.js';

export interface BackgroundJobs {
  /** Resolves once the work in progress (a scheduled publication being claimed) has finished. */
  stop(): Promise<void>;
}

const MINUTE_MS = 60 * 1000;

export function startBackgroundJobs(
  config: Config,
  storage: Storage,
  events: ContentEvents,
  secret: string,
  mailer: Mailer,
  log: { error(obj: object, msg: string): void },
): BackgroundJobs {
  const { db } = storage;
  const clock = () => new Date();
  const jobs: PeriodicJob[] = [];
  const run = (job: PeriodicJobOptions) => jobs.push(startPeriodicJob(job));
  const logged = (message: string) => (error: unknown) => log.error({ err: error }, message);

  // Publishes scheduled articles when due, and at once those that fell due while the app was down. An
  // article that could not be checked stays scheduled for the next tick.
  run({
    intervalMs: 15 * 1000,
    firstRunAfterMs: 0,
    pass: async () => {
      const { failed } = await publishDueArticles({ db, events }, clock());
      for (const { error } of failed) log.error({ err: error }, 'scheduled publishing failed');
    },
    onError: logged('scheduled publishing failed'),
  });
  // Mails moderators one digest of held comments per interval, and forgets old network hashes. The first
  // run, soon after the start (out of the way of migrations and the first requests), only forgets: a
  // process restarted more often than the interval would otherwise never purge, and the digest waits for
  // the interval, which is what batches it. Mail errors quote addresses: the log gets the failure's kind.
  const comments = commentJobs({
    db,
    mailer,
    secret,
    publicUrl: config.publicUrl,
    clock,
    siteName: async () => (await readSiteSettings(db)).siteName,
  });
  let purgedAfterStart = false;
  run({
    intervalMs: 10 * MINUTE_MS,
    firstRunAfterMs: 30 * 1000,
    pass: async () => {
      if (purgedAfterStart) {
        await comments.runOnce();
        return;
      }
      purgedAfterStart = true;
      await comments
        .purgeNetworkHashes()
        .catch((error) => log.error({ failure: loggableFailure(error) }, 'purging network hashes failed'));
    },
    onError: (error) => log.error({ failure: loggableFailure(error) }, 'comment jobs failed'),
  });
  // Expired pins and banners drop off the cached pages within this interval of their time.
  run({
    intervalMs: 15 * 1000,
    pass: () => announceExpiries(db, events, clock()),
    onError: logged('announcing expired pins failed'),
  });
  const purging = config.cdnPurge ? startCdnPurge(config.cdnPurge, storage, log) : undefined;
  // Sends the queued webhooks, retries failed ones when due, and disables endpoints failing for days. The
  // database away for a moment: the next pass tries again, and nothing claimed is lost.
  run({
    intervalMs: config.webhooks.pollMs,
    firstRunAfterMs: 0,
    pass: webhookDeliveryPass({
      db,
      clock,
      resolveHost: systemResolver,
      allowedHosts: config.webhooks.allowedHosts,
      publicUrl: config.publicUrl,
      mailer,
    }),
    onError: logged('webhook delivery pass failed'),
  });
  // Indexes what was written without the index (the first start with search, a restore, an import).
  run({
    intervalMs: 10 * MINUTE_MS,
    firstRunAfterMs: 0,
    pass: () => indexStaleArticles(db),
    onError: logged('search index catch-up failed'),
  });
  // Deletes for good the articles trashed more than 30 days ago (an hour late at most).
  run({
    intervalMs: 60 * MINUTE_MS,
    firstRunAfterMs: 0,
    pass: () => purgeExpiredTrash(db, clock()),
    onError: logged('emptying the trash failed'),
  });
  // Rolls analytics events up, deletes those past retention and yesterday's salt; the first run out of the
  // way of the start itself, but soon: a process restarted often must still roll up.
  run({
    intervalMs: 5 * MINUTE_MS,
    firstRunAfterMs: 20 * 1000,
    pass: () => runAnalyticsJobs({ db, retentionDays: config.analytics.retentionDays, clock }),
    onError: logged('analytics roll-up failed; tried again next run'),
  });
  // Receipts also go out after every recorded payment; this sends those owed when no payment followed a
  // mail outage. Mail errors quote the recipient: the log gets the error's code only.
  run({
    intervalMs: 5 * MINUTE_MS,
    pass: () => sendDueReceipts({ db, mailer, publicUrl: config.publicUrl, now: clock() }),
    onError: (error) =>
      log.error(
        { code: (error as { code?: string }).code },
        'donation receipts could not be sent; will retry',
      ),
  });
  // Sends due editions from the durable queue; several machines share the queue without sending a row twice.
  const newsletters = startNewsletterSending(config, storage, events, secret, mailer, log);
  newsletters.catch((error) => log.error({ err: error }, 'newsletter sending could not start'));
  const imports = openFileStore(config.mediaStorage).then((files) =>
    startImportJobs(config, storage, events, secret, files, log),
  );
  imports.catch((error) => log.error({ err: error }, 'the import jobs could not start'));
  return {
    async stop() {
      await (await newsletters.catch(() => null))?.stop();
      // Not waited for: an import in progress is left to its lease and runs again at the next start.
      void (await imports.catch(() => null))?.stop();
      await Promise.all(jobs.map((job) => job.stop()));
      await purging?.stop();
    },
  };
}

/**
 * Runs the imports started from the newsroom, one at a time, the next at once after one ran; one stopped by
 * a restart is taken up again. The import's code (readers, body converters) is loaded with the first job,
 * not at every start, and the app's own addresses are read once, from an app built for it (the primary of
 * several workers has none).
 */
function startImportJobs(
  config: Config,
  storage: Storage,
  events: ContentEvents,
  secret: string,
  files: Awaited<ReturnType<typeof openFileStore>>,
  log: ImportJobDeps['log'],
): PeriodicJob {
  let reservedPaths: Promise<ReservedPaths> | undefined;
  const deps: ImportJobDeps = {
    db: storage.db,
    run: async (options, onProgress, job) => {
      const { serverImportRun } = await import('../import/jobs/server-import.js');
      const runDeps = { db: storage.db, files, events, secret, clock: () => new Date() };
      reservedPaths ??= import('./app-addresses.js')
        .then((m) => m.appReservedPaths({ config, secret }))
        .catch((error: unknown) => {
          reservedPaths = undefined; // the next job tries again; this one fails with the reason
          throw error;
        });
      return serverImportRun({
        ...runDeps,
        maxImagePixels: config.images.maxPixels,
        reservedPaths: await reservedPaths,
      })(options, onProgress, job);
    },
    clock: () => new Date(),
    log,
  };
  return startPeriodicJob({
    pass: (signal) => runNextImportJob(deps, () => signal.stopped),
    intervalMs: 5000,
    firstRunAfterMs: 0,
    onError: (error) => log.error({ err: error }, 'import job pass failed'),
  });
}
