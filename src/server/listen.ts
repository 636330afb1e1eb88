// One serving process: the app built on this process's storage and events, listening on the port, and
// closed gracefully: stop accepting, finish the requests in flight, then let go of the connections.
import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import { databaseRateLimitStore } from '../http/rate-limit-store.js';
import { type Mailer, outboxMailer, smtpMailer } from '../mail/mailer.js';
import { openFileStore } from '../media/open-file-store.js';
import { paymentsFromConfig } from '../revenue/stripe-provider.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Storage } from '../storage/db.js';
import type { WorkerMetrics } from './cluster-metrics.js';

export function mailerFor(config: Config, storage: Storage): Mailer {
  return config.smtpUrl
    ? smtpMailer({ url: config.smtpUrl, from: config.mailFrom })
    : outboxMailer(storage.db, { from: config.mailFrom });
}

export async function listen(
  config: Config,
  storage: Storage,
  events: ContentEvents,
  secret: string,
  mailer: Mailer,
  /** In a worker process: /metrics gathers every worker's (server/cluster-metrics.ts). */
  clusterMetrics?: WorkerMetrics,
) {
  // Several instances must count rate limits together: in Redis when there is one, else in the database,
  // which also counts while Redis is down. Keys carry the site's id: two sites may share one Redis.
  let warn: (message: string) => void = () => {};
  const rateLimits = config.redisUrl
    ? (await import('../http/redis-rate-limit-store.js')).redisRateLimitStore(
        config.redisUrl,
        `broadsheet:${config.siteId}:rate:`,
        {
          fallback: databaseRateLimitStore(storage.db),
          log: (message) => warn(message),
        },
      )
    : undefined;
  const files = await openFileStore(config.mediaStorage);
  const { app, metrics } = await buildApp({
    config,
    storage,
    files,
    events,
    mailer,
    secret,
    payments: paymentsFromConfig(config.stripe),
    rateLimits,
    clusterMetrics: clusterMetrics?.collect,
  });
  if (metrics) clusterMetrics?.share(metrics);
  warn = (message) => app.log.warn(message);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app,
    port,
    async close() {
      await app.close();
      await rateLimits?.close();
      await files.close();
    },
  };
}

/** Runs `close` once on SIGINT or SIGTERM, then exits; a second signal exits at once. */
export function onShutdown(close: () => Promise<void>): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    process.stdout.write(`\n${signal}: finishing the requests in flight, then closing…\n`);
    try {
      await close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
