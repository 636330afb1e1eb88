// /metrics in Prometheus's text format (prom-client), for whoever runs the site: requests per route pattern
// with their latency, the caches, the database's pool and query times, the image queue, and the process
// (event-loop lag, memory, CPU). Served only to a bearer of METRICS_TOKEN; without the setting there is no
// such address (404). Never cached. Numbers the app already keeps (cache hits, replayed pages) are read when
// scraped, so serving a reader costs nothing more than the route's one histogram observation.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats } from '../storage/db.js';
import type { QueryTimings } from '../storage/query-timing.js';
import { withDeadline } from '../storage/readiness.js';

interface CacheStats {
  readonly stats: { hits: number; misses: number };
}

export interface MetricsSources {
  pageCache: CacheStats & { readonly size: number; readonly bytes: number };
  stories: CacheStats;
  /** Requests answered by the fast path before Fastify (http/cached-page-replay.ts). */
  replayed: () => number;
  queries?: QueryTimings;
  pool?: () => PoolStats;
  images: { readonly running: number; readonly waiting: number };
  /** Scheduled articles whose time has come and which are not published yet (one indexed count). */
  scheduledDue?: () => Promise<number>;
  /** With CDN purging: changes not purged yet, and failed purge attempts so far (src/cdn/purge-queue.ts). */
  cdnPurge?: () => Promise<{ waiting: number; failures: number }>;
  /** Durable queues other domains keep in the database (webhook deliveries…), by name: their depth. */
  queues?: Record<string, () => Promise<number>>;
}

/** The route label of a request that matched no route (a 404, or the router refused the URL). */
export const NO_ROUTE = '(no route)';

export interface Metrics {
  registry: Registry;
  /** Stops listening to the database's query timings. */
  close(): void;
}

// What a scrape waits for the one query it runs.
const SCRAPE_QUERY_MS = 1000;
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUERY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5];

/** A counter that follows a number kept elsewhere (which only grows, or starts again from zero). */
function followingCounter(registry: Registry, name: string, help: string, read: () => number): void {
  let seen = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const now = read();
      if (now > seen) this.inc(now - seen);
      seen = now;
    },
  });
}

export function createMetrics(sources: MetricsSources): Metrics & { requests: Histogram<string> } {
  const registry = new Registry();
  // Event-loop lag, heap and resident memory, CPU, handles, garbage collection.
  collectDefaultMetrics({ register: registry });

  const requests = new Histogram({
    name: 'broadsheet_http_request_duration_seconds',
    help: 'Requests answered by the app, by route pattern, method and status class',
    labelNames: ['route', 'method', 'status_class'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  // Their latency is not measured (timing each would cost a good part of what the fast path saves).
  followingCounter(
    registry,
    'broadsheet_http_replayed_requests_total',
    'Plain GETs of cached pages answered before Fastify; not in the request histogram',
    sources.replayed,
  );

  followingCounter(
    registry,
    'broadsheet_page_cache_hits_total',
    'Page cache hits',
    () => sources.pageCache.stats.hits,
  );
  followingCounter(
    registry,
    'broadsheet_page_cache_misses_total',
    'Page cache misses',
    () => sources.pageCache.stats.misses,
  );
  new Gauge({
    name: 'broadsheet_page_cache_bytes',
    help: 'Bytes the page cache holds (its own estimate, compressed copies included)',
    registers: [registry],
    collect() {
      this.set(sources.pageCache.bytes);
    },
  });
  new Gauge({
    name: 'broadsheet_page_cache_entries',
    help: 'Pages the page cache holds',
    registers: [registry],
    collect() {
      this.set(sources.pageCache.size);
    },
  });
  followingCounter(
    registry,
    'broadsheet_story_cache_hits_total',
    'Rendered-story cache hits',
    () => sources.stories.stats.hits,
  );
  followingCounter(
    registry,
    'broadsheet_story_cache_misses_total',
    'Rendered-story cache misses',
    () => sources.stories.stats.misses,
  );

  // One series without labels: observing it costs about a microsecond, within the noise of a 10 µs query
  // (bench/query-timing.ts); failures are counted beside it.
  const queries = new Histogram({
    name: 'broadsheet_db_query_duration_seconds',
    help: 'Database queries, failed ones included',
    buckets: QUERY_BUCKETS,
    registers: [registry],
  });
  const failures = new Counter({
    name: 'broadsheet_db_query_errors_total',
    help: 'Database queries that failed (refused, timed out, or the connection lost)',
    registers: [registry],
  });
  const unlisten = sources.queries?.listen((seconds, failed) => {
    queries.observe(seconds);
    if (failed) failures.inc();
  });

  if (sources.pool) {
    const pool = sources.pool;
    new Gauge({
      name: 'broadsheet_db_pool_connections',
      help: 'PostgreSQL pool connections, by state (total, idle) and requests waiting for one (waiting)',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const now = pool();
        this.set({ state: 'total' }, now.total);
        this.set({ state: 'idle' }, now.idle);
        this.set({ state: 'waiting' }, now.waiting);
      },
    });
  }

  new Gauge({
    name: 'broadsheet_image_queue',
    help: 'Image uploads of this process being rendered (running) and waiting their turn (waiting)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'running' }, sources.images.running);
      this.set({ state: 'waiting' }, sources.images.waiting);
    },
  });
  const scheduledDue = sources.scheduledDue;
  if (scheduledDue) {
    new Gauge({
      name: 'broadsheet_scheduled_articles_due',
      help: 'Scheduled articles whose time has come and which are not published yet (NaN: no answer in time)',
      registers: [registry],
      // The same count in every worker: summing them would multiply it.
      aggregator: 'max',
      async collect() {
        // A database that does not answer must neither fail nor hold the whole scrape.
        this.set(await withDeadline(scheduledDue(), SCRAPE_QUERY_MS, 'no answer').catch(() => Number.NaN));
      },
    });
  }

  const cdnPurge = sources.cdnPurge;
  if (cdnPurge) {
    // Read from the database: the queue runs in one process of one machine, the scrape reaches any worker.
    let reading: Promise<{ waiting: number; failures: number } | null> | null = null;
    const status = () => {
      reading ??= withDeadline(cdnPurge(), SCRAPE_QUERY_MS, 'no answer')
        .catch(() => null)
        .finally(() => setImmediate(() => (reading = null)));
      return reading;
    };
    new Gauge({
      name: 'broadsheet_cdn_purge_queue',
      help: 'Content changes not purged at the CDN yet (NaN: no answer in time)',
      registers: [registry],
      aggregator: 'max',
      async collect() {
        this.set((await status())?.waiting ?? Number.NaN);
      },
    });
    new Gauge({
      name: 'broadsheet_cdn_purge_failures',
      help: 'CDN purge attempts that failed, since purging was first turned on (every one is tried again)',
      registers: [registry],
      aggregator: 'max',
      async collect() {
        this.set((await status())?.failures ?? Number.NaN);
      },
    });
  }

  const queues = Object.entries(sources.queues ?? {});
  if (queues.length > 0) {
    new Gauge({
      name: 'broadsheet_queue_depth',
      help: 'Work waiting in a durable queue, by queue (NaN: no answer in time)',
      labelNames: ['queue'],
      registers: [registry],
      // Every worker reads the same table: summing them would multiply it.
      aggregator: 'max',
      async collect() {
        const depths = await Promise.all(
          queues.map(([, depth]) =>
            withDeadline(depth(), SCRAPE_QUERY_MS, 'no answer').catch(() => Number.NaN),
          ),
        );
        for (const [i, [queue]] of queues.entries()) this.set({ queue }, depths[i]!);
      },
    });
  }

  return { registry, requests, close: () => unlisten?.() };
}

/** A status as a label: its class (2xx, 4xx…), so that the series stay few. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

function sameToken(given: string, expected: Buffer): boolean {
  const buffer = Buffer.from(given);
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}

export interface MetricsRouteOptions {
  metrics: Metrics & { requests: Histogram<string> };
  token: string;
  /** In a worker process: the metrics of every worker, aggregated by the primary (server/cluster-metrics.ts). */
  collect?: () => Promise<string>;
}

/** The request histogram on every route, and GET /metrics for the bearer of the token. */
export function metricsRoutes(options: MetricsRouteOptions) {
  const expected = Buffer.from(`Bearer ${options.token}`);
  const { registry, requests } = options.metrics;
  return fp(
    async function register(app: FastifyInstance): Promise<void> {
      app.addHook('onResponse', async (request, reply) => {
        requests.observe(
          {
            route: request.routeOptions.url ?? NO_ROUTE,
            method: request.method,
            status_class: statusClass(reply.statusCode),
          },
          reply.elapsedTime / 1000,
        );
      });
      app.get('/metrics', async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const given = request.headers.authorization;
        if (typeof given !== 'string' || !sameToken(given, expected)) {
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer realm="metrics"')
            .type('text/plain; charset=utf-8')
            .send('A bearer token is required.\n');
        }
        const text = options.collect ? await options.collect() : await registry.metrics();
        return reply.type(registry.contentType).send(text);
      });
    },
    { name: 'metrics' },
  );
}
