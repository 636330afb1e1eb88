// Audience analytics as the reader site sees it: the collecting endpoint and its buffer, flushed when the
// app closes. Nothing here reaches the newsroom's code (the dashboard is analytics/admin/).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { AnalyticsConfig } from '../config.js';
import type { Database } from '../storage/schema.js';
import { collectRoute } from './collect-route.js';
import { DailySalt } from './daily-salt.js';
import { eventBuffer } from './event-buffer.js';
import { visitorRateLimit } from './visitor-rate-limit.js';

export interface AnalyticsForReadersOptions extends Pick<AnalyticsConfig, 'batchSize' | 'flushMs'> {
  db: Kysely<Database>;
  publicUrl: string;
  clock: () => Date;
  log: { error(details: object, message: string): void };
}

export function analyticsForReaders(options: AnalyticsForReadersOptions) {
  return async function register(app: FastifyInstance): Promise<void> {
    const buffer = eventBuffer({
      db: options.db,
      batchSize: options.batchSize,
      flushMs: options.flushMs,
      onError: (error) =>
        options.log.error({ err: error }, 'writing analytics events failed; kept to try again'),
    });
    // A graceful stop writes what waits; only a crash loses it (see event-buffer.ts for the bound).
    app.addHook('onClose', () => buffer.close());
    await app.register(
      collectRoute({
        salt: new DailySalt(options.db),
        buffer,
        limit: visitorRateLimit(),
        publicUrl: options.publicUrl,
        clock: options.clock,
      }),
    );
  };
}
