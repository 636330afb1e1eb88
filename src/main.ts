// Composition root: read config, open storage, migrate, seed the demo once, build the app and listen.
// With WEB_CONCURRENCY above 1 this process becomes the primary: it prepares the database, runs the
// background jobs and forks workers that share the port, each serving the whole app.
import 'dotenv/config';
import cluster from 'node:cluster';
import { sql } from 'kysely';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { buildApp } from './app.js';
import { commentJobs } from './comments/jobs.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { redisRateLimitStore } from './http/rate-limit-store.js';
import { type Mailer, outboxMailer, smtpMailer } from './mail/mailer.js';
import { LocalFileStore } from './media/file-store.js';
import { startScheduler } from './newsroom/articles/scheduler.js';
import { newsroomStartNotice } from './newsroom/auth/setup.js';
import { missingReceiptDetails } from './revenue/receipts.js';
import { paymentsFromConfig } from './revenue/stripe-provider.js';
import { resolveAppSecret } from './site/app-secret.js';
import { readSiteSettings } from './site/settings.js';
import {
  type ContentEvents,
  localContentEvents,
  primaryContentEvents,
  redisContentEvents,
  workerContentEvents,
} from './storage/content-events.js';
import { openStorage, type Storage } from './storage/db.js';
import { migrateToLatest } from './storage/migrate.js';

const SECRET_FILE = './data/.app-secret';

function fail(message: string): never {
  process.stderr.write(`broadsheet: ${message}\n`);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

async function openReachableStorage(config: Config): Promise<Storage> {
  let storage: Storage;
  try {
    storage = openStorage(config.databaseUrl);
  } catch (error) {
    // An SQLite file fails here: a folder that cannot be made, a file that is not a database.
    fail(`cannot open the database at DATABASE_URL: ${(error as Error).message}`);
  }
  try {
    await sql`select 1`.execute(storage.db);
  } catch (error) {
    fail(`cannot reach the database (${storage.dialect}): ${(error as Error).message}`);
  }
  return storage;
}

async function redisEvents(url: string): Promise<ContentEvents> {
  try {
    return await redisContentEvents(url);
  } catch (error) {
    fail(`cannot reach Redis at REDIS_URL: ${(error as Error).message}`);
  }
}

function mailerFor(config: Config, storage: Storage): Mailer {
  return config.smtpUrl
    ? smtpMailer({ url: config.smtpUrl, from: config.mailFrom })
    : outboxMailer(storage.db, { from: config.mailFrom });
}

/** Migrates, seeds the demo into an empty database, and makes sure the shared secret exists. */
async function prepare(config: Config, storage: Storage): Promise<string> {
  await migrateToLatest(storage.db);
  const files = new LocalFileStore(config.mediaDir);
  if (config.seedDemo && (await seedDemoIfEmpty(storage.db, files, new Date())) === 'seeded') {
    process.stdout.write('Seeded the demo newsroom (it is never seeded again, nor over your own content).\n');
  }
  return resolveAppSecret(config.appSecret, SECRET_FILE);
}

/** Work that must run once per machine, not once per worker: scheduled publishing and comment digests. */
function startBackgroundJobs(
  config: Config,
  storage: Storage,
  events: ContentEvents,
  secret: string,
  mailer: Mailer,
  log: { error(obj: object, msg: string): void },
) {
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
  return {
    async stop() {
      await scheduler.stop();
      commentWork.stop();
    },
  };
}

async function banner(config: Config, storage: Storage, port: number, workers: number): Promise<string> {
  const payments = paymentsFromConfig(config.stripe);
  return [
    '',
    `Broadsheet is running at http://${config.host}:${port}/ (public address ${config.publicUrl})`,
    `Database: ${storage.dialect}${storage.dialect === 'sqlite' ? ` (${config.databaseUrl.slice(7)})` : ''}` +
      (workers > 1 ? `; ${workers} worker processes` : ''),
    await newsroomStartNotice(storage.db, config.publicUrl, new Date()),
    payments.configured
      ? `Donations: Stripe; its webhook must point at ${config.publicUrl}/stripe/webhook`
      : 'Donations: payments are not configured (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET); ' +
        'the support page shows no donation form.',
    ...(payments.configured ? await missingReceiptDetails(storage.db) : []).map((m) => `Donations: ${m}`),
    '',
  ].join('\n');
}

/** Builds the app and listens; the caller owns the events and the storage. */
async function serve(
  config: Config,
  storage: Storage,
  events: ContentEvents,
  secret: string,
  mailer: Mailer,
) {
  const files = new LocalFileStore(config.mediaDir);
  // Several instances must count rate limits together: in Redis when there is one, else in the database.
  const rateLimits = config.redisUrl ? redisRateLimitStore(config.redisUrl) : undefined;
  const { app } = await buildApp({
    config,
    storage,
    files,
    events,
    mailer,
    secret,
    payments: paymentsFromConfig(config.stripe),
    rateLimits,
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app,
    port,
    async close() {
      await app.close();
      await rateLimits?.close();
    },
  };
}

function onShutdown(close: () => Promise<void>): void {
  const shutdown = async (signal: string) => {
    process.stdout.write(`\n${signal}: closing…\n`);
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

async function single(config: Config): Promise<void> {
  const storage = await openReachableStorage(config);
  const secret = await prepare(config, storage);
  const events = config.redisUrl ? await redisEvents(config.redisUrl) : localContentEvents();
  const mailer = mailerFor(config, storage);
  const server = await serve(config, storage, events, secret, mailer);
  const jobs = startBackgroundJobs(config, storage, events, secret, mailer, server.app.log);
  process.stdout.write(await banner(config, storage, server.port, 1));
  onShutdown(async () => {
    await jobs.stop();
    await server.close();
    await events.close();
    await storage.close();
  });
}

async function primary(config: Config): Promise<void> {
  const storage = await openReachableStorage(config);
  const secret = await prepare(config, storage);
  const ipc = config.redisUrl ? null : primaryContentEvents();
  const events = ipc ?? (await redisEvents(config.redisUrl!));
  const jobs = startBackgroundJobs(config, storage, events, secret, mailerFor(config, storage), {
    error: (details, message) =>
      process.stderr.write(`broadsheet: ${message}: ${String((details as { err?: unknown }).err)}\n`),
  });

  let stopping = false;
  let listening = 0;
  const fork = () => {
    const worker = cluster.fork();
    ipc?.relay(worker);
    return worker;
  };
  // A worker that dies is replaced; one that cannot start at all (a bad port) stops the whole process.
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    if (listening < config.workers) fail(`a worker exited with ${code} while starting`);
    process.stderr.write(`broadsheet: worker ${worker.process.pid} exited with ${code}; starting another\n`);
    fork();
  });
  const ready = new Promise<number>((resolve) => {
    cluster.on('listening', (_worker, address) => {
      listening++;
      if (listening === config.workers) resolve(address.port);
    });
  });
  for (let i = 0; i < config.workers; i++) fork();
  process.stdout.write(await banner(config, storage, await ready, config.workers));

  onShutdown(async () => {
    stopping = true;
    await jobs.stop();
    const exits = Object.values(cluster.workers ?? {}).map(
      (w) => new Promise<void>((resolve) => (w?.isDead() ? resolve() : w?.once('exit', () => resolve()))),
    );
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    await Promise.all(exits);
    await events.close();
    await storage.close();
  });
}

async function worker(config: Config): Promise<void> {
  const storage = await openReachableStorage(config);
  // The primary created the secret file before forking, so this only reads it.
  const secret = resolveAppSecret(config.appSecret, SECRET_FILE);
  const events = config.redisUrl ? await redisEvents(config.redisUrl) : workerContentEvents();
  const server = await serve(config, storage, events, secret, mailerFor(config, storage));
  const close = async () => {
    await server.close();
    await events.close();
    await storage.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close());
  // Ctrl-C reaches every process of the group; the primary decides when the workers stop.
  process.on('SIGINT', () => {});
}

async function main(): Promise<void> {
  const config = readConfig();
  if (config.workers <= 1) return single(config);
  return cluster.isPrimary ? primary(config) : worker(config);
}

main().catch((error) => {
  fail(error instanceof Error ? error.message : String(error));
});
