// What /readyz checks (http/health-routes.ts) for the app buildApp makes: the database, its migrations, the
// media store, and Redis when there is one. Apart from app.ts because it is one question (can this instance
// serve now?) answered from the settings and what the process opened, not part of composing the routes.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { HealthCheck } from '../http/health-routes.js';
import type { FileStore } from '../media/file-store.js';
import type { Storage } from '../storage/db.js';
import { databaseProbe, migrationsProbe } from '../storage/readiness.js';

// Redis answers in a millisecond when it answers at all.
const REDIS_PROBE_MS = 1000;

export interface ReadinessDeps {
  config: Pick<Config, 'databaseTimeoutMs' | 'redisUrl'>;
  storage: Storage;
  files: FileStore;
}

/** The checks, in the order /readyz reports them; a Redis probe opened by a check is closed with the app. */
export function readinessChecks(app: FastifyInstance, deps: ReadinessDeps): HealthCheck[] {
  const { config, storage, files } = deps;
  const checks: HealthCheck[] = [
    {
      name: 'database',
      run: databaseProbe(storage.db, config.databaseTimeoutMs),
      failed: 'not answering',
      required: true,
    },
    {
      name: 'migrations',
      run: migrationsProbe(storage.db, config.databaseTimeoutMs),
      failed: 'unknown',
      required: true,
    },
    {
      name: 'media',
      run: async () => (files.check ? files.check().then(() => 'ok') : 'not checked'),
      failed: 'unreachable',
      required: true,
    },
  ];
  const redisUrl = config.redisUrl;
  if (redisUrl) {
    // Loaded on the first check: an instance without Redis never loads the client.
    let probe: Promise<{ check(): Promise<void>; close(): void }> | null = null;
    checks.push({
      name: 'redis',
      run: async () => {
        probe ??= import('../storage/redis-readiness.js').then((m) => m.redisProbe(redisUrl, REDIS_PROBE_MS));
        await (await probe).check();
        return 'ok';
      },
      failed: 'unreachable',
      required: false,
    });
    app.addHook('onClose', async () => (await probe)?.close());
  }
  return checks;
}
