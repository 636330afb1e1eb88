// Composition root: read config, open storage, migrate, seed the demo once, build the app and listen.
import 'dotenv/config';
import { sql } from 'kysely';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { buildApp } from './app.js';
import { commentJobs } from './comments/jobs.js';
import { ConfigError, loadConfig } from './config.js';
import { redisRateLimitStore } from './http/rate-limit-store.js';
import { outboxMailer, smtpMailer } from './mail/mailer.js';
import { LocalFileStore } from './media/file-store.js';
import { startScheduler } from './newsroom/articles/scheduler.js';
import { newsroomStartNotice } from './newsroom/auth/setup.js';
import { paymentsFromConfig } from './revenue/stripe-provider.js';
import { resolveAppSecret } from './site/app-secret.js';
import { readSiteSettings } from './site/settings.js';
import { type ContentEvents, localContentEvents, redisContentEvents } from './storage/content-events.js';
import { openStorage } from './storage/db.js';
import { migrateToLatest } from './storage/migrate.js';

function fail(message: string): never {
  process.stderr.write(`broadsheet: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  const storage = openStorage(config.databaseUrl);
  try {
    await sql`select 1`.execute(storage.db);
  } catch (error) {
    fail(`cannot reach the database (${storage.dialect}): ${(error as Error).message}`);
  }
  await migrateToLatest(storage.db);

  const files = new LocalFileStore(config.mediaDir);
  if (config.seedDemo && (await seedDemoIfEmpty(storage.db, files, new Date())) === 'seeded') {
    process.stdout.write('Seeded the demo newsroom (it is never seeded again, nor over your own content).\n');
  }

  let events: ContentEvents;
  try {
    events = config.redisUrl ? await redisContentEvents(config.redisUrl) : localContentEvents();
  } catch (error) {
    fail(`cannot reach Redis at REDIS_URL: ${(error as Error).message}`);
  }

  const secret = resolveAppSecret(config.appSecret, './data/.app-secret');
  const mailer = config.smtpUrl
    ? smtpMailer({ url: config.smtpUrl, from: config.mailFrom })
    : outboxMailer(storage.db, { from: config.mailFrom });
  const payments = paymentsFromConfig(config.stripe);
  // Several instances must count rate limits together: in Redis when there is one, else in the database.
  const rateLimits = config.redisUrl ? redisRateLimitStore(config.redisUrl) : undefined;
  const { app } = await buildApp({ config, storage, files, events, mailer, secret, payments, rateLimits });
  await app.listen({ host: config.host, port: config.port });
  // Publishes scheduled articles when due, and at once those that fell due while the app was down.
  const scheduler = startScheduler({
    db: storage.db,
    events,
    onError: (error) => app.log.error({ err: error }, 'scheduled publishing failed'),
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
    { intervalMs: 10 * 60 * 1000, log: app.log },
  );
  commentWork.start();

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(
    [
      '',
      `Broadsheet is running at http://${config.host}:${port}/ (public address ${config.publicUrl})`,
      `Database: ${storage.dialect}${storage.dialect === 'sqlite' ? ` (${config.databaseUrl.slice(7)})` : ''}`,
      await newsroomStartNotice(storage.db, config.publicUrl, new Date()),
      payments.configured
        ? `Donations: Stripe; its webhook must point at ${config.publicUrl}/stripe/webhook`
        : 'Donations: payments are not configured (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET); ' +
          'the support page shows no donation form.',
      '',
    ].join('\n'),
  );

  const shutdown = async (signal: string) => {
    process.stdout.write(`\n${signal}: closing…\n`);
    await scheduler.stop();
    commentWork.stop();
    await app.close();
    await rateLimits?.close();
    await events.close();
    await storage.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  fail(error instanceof Error ? error.message : String(error));
});
