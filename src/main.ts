// Composition root: read the settings, open and migrate the database, build the app and listen; then run
// the background jobs and, on SIGTERM, close gracefully. Seeding the demo is not done here (scripts/prepare).
// With WEB_CONCURRENCY above 1 the work is shared out to worker processes (server/cluster.ts).
import 'dotenv/config';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { startBackgroundJobs } from './server/background-jobs.js';
import { banner } from './server/banner.js';
import { isPrimary, primary, worker } from './server/cluster.js';
import { openContentEvents } from './server/content-events.js';
import { listen, mailerFor, onShutdown } from './server/listen.js';
import { fail, openReachableStorage, prepareStorage, readConfig } from './server/startup.js';

async function single(config: Config): Promise<void> {
  const storage = await openReachableStorage(config);
  const secret = await prepareStorage(config, storage);
  const events = await openContentEvents(config, storage, { serves: true });
  const mailer = mailerFor(config, storage);
  const server = await listen(config, storage, events, secret, mailer);
  const jobs = startBackgroundJobs(config, storage, events, secret, mailer, server.app.log);
  process.stdout.write(await banner(config, storage, server.port, 1));
  onShutdown(async () => {
    // Stop taking requests and let those in flight finish; a scheduled publication being claimed finishes too.
    await Promise.all([server.close(), jobs.stop()]);
    await events.close();
    await storage.close();
  });
}

async function main(): Promise<void> {
  const config = readConfig();
  if (config.workers <= 1) return single(config);
  return isPrimary() ? primary(config, fileURLToPath(import.meta.url)) : worker(config);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
