// WEB_CONCURRENCY above 1: this process becomes the primary. It prepares the database, runs the background
// jobs, relays content events between workers, and forks the workers that share the port and serve.
import cluster from 'node:cluster';
import type { Config } from '../config.js';
import { resolveAppSecret } from '../site/app-secret.js';
import { primaryContentEvents, workerContentEvents } from '../storage/cluster-content-events.js';
import { startBackgroundJobs } from './background-jobs.js';
import { banner } from './banner.js';
import { openContentEvents } from './content-events.js';
import { listen, mailerFor, onShutdown } from './listen.js';
import { fail, openReachableStorage, prepareStorage, SECRET_FILE } from './startup.js';

/** `entry` is the server's own file: workers run it directly, not the launcher that started the primary. */
export async function primary(config: Config, entry: string): Promise<void> {
  cluster.setupPrimary({ exec: entry });
  const storage = await openReachableStorage(config);
  const secret = await prepareStorage(config, storage);
  const ipc = config.redisUrl ? null : primaryContentEvents();
  const events = await openContentEvents(config, storage, { serves: false, transport: ipc ?? undefined });
  const jobs = startBackgroundJobs(config, storage, events, secret, mailerFor(config, storage), {
    error: (details, message) =>
      process.stderr.write(`broadsheet: ${message}: ${String((details as { err?: unknown }).err)}\n`),
  });

  // prom-client is loaded only with the setting.
  if (config.metricsToken) (await import('./cluster-metrics.js')).aggregateWorkerMetrics();

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
    const workers = Object.values(cluster.workers ?? {});
    const exits = workers.map(
      (w) => new Promise<void>((resolve) => (w?.isDead() ? resolve() : w?.once('exit', () => resolve()))),
    );
    for (const w of workers) w?.process.kill('SIGTERM');
    await Promise.all(exits);
    await events.close();
    await storage.close();
  });
}

export async function worker(config: Config): Promise<void> {
  const storage = await openReachableStorage(config);
  // The primary migrated and created the secret file before forking, so this only reads it.
  const secret = resolveAppSecret(config.appSecret, SECRET_FILE);
  const events = await openContentEvents(config, storage, {
    serves: true,
    transport: config.redisUrl ? undefined : workerContentEvents(),
  });
  const server = await listen(
    config,
    storage,
    events,
    secret,
    mailerFor(config, storage),
    config.metricsToken ? (await import('./cluster-metrics.js')).workerMetrics() : undefined,
  );
  process.once('SIGTERM', async () => {
    await server.close();
    await events.close();
    await storage.close();
    process.exit(0);
  });
  // Ctrl-C reaches every process of the group; the primary decides when the workers stop.
  process.on('SIGINT', () => {});
}

export const isPrimary = () => cluster.isPrimary;
