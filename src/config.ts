// Every setting Broadsheet reads, validated once at start; nothing else reads process.env.
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { booleanSetting } from './config/boolean-setting.js';
import { type CdnPurgeConfig, cdnPurgeConfig, cdnPurgeSchema } from './config/cdn-purge.js';
import { ConfigError } from './config/config-error.js';
import { type MediaStorageConfig, mediaStorageConfig, mediaStorageSchema } from './config/media-storage.js';
import { type ProxyTrust, trustProxySetting } from './config/proxy-trust.js';
import { redactSetting } from './config/redact-setting.js';

export type { CdnPurgeConfig, MediaStorageConfig, ProxyTrust };
export { ConfigError };

// Settings of an area with its own parsing and shape (media storage, CDN purging) are parts kept beside that
// parsing in src/config/, spread here where they belong in the order the settings are checked.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // The address readers use; canonical URLs, feeds and sitemaps are built from it.
  PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
    .optional(),
  // sqlite:<path> (the default, a file under ./data) or postgres://user@host/db.
  DATABASE_URL: z
    .string()
    .refine((u) => /^(sqlite:|postgres(ql)?:\/\/)/.test(u), 'must start with sqlite: or postgres://')
    .default('sqlite:./data/broadsheet.sqlite'),
  // PostgreSQL: connections per instance (the server's max_connections is shared by every instance), and
  // how long one statement may run before the server cancels it, so a stalled database cannot hold requests.
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // A few seconds: readers get a 503 with Retry-After (or a cached page) rather than a request held for long.
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  // How long a request waits for a database connection (a new one, or a free one from the pool); past it
  // the request is answered 503 with Retry-After. SQLite: how long a query waits for a write lock.
  DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  // Uploaded originals and their generated variants: this folder, unless MEDIA_STORAGE names a bucket.
  MEDIA_DIR: z.string().min(1).default('./data/media'),
  // Exports uploaded to the newsroom's import screen wait here until their job has read them (then they go).
  // With several servers it must be a folder they share, since any of them may run the job.
  IMPORT_DIR: z.string().min(1).default('./data/imports'),
  // The largest export the import screen takes: WordPress exports of large archives run to hundreds of MB.
  IMPORT_MAX_MB: z.coerce.number().int().min(1).max(10_000).default(1024),
  // MEDIA_STORAGE, MEDIA_PUBLIC_URL, S3_* and AWS_*: where media files live (config/media-storage.ts).
  ...mediaStorageSchema.shape,
  // Images decoded and encoded at once per process. Each takes a core while it runs and, for a 50-megapixel
  // upload, a few hundred MB; one leaves the other cores of a small server to its readers.
  IMAGE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  // Uploads that may wait for their turn, each holding its file (up to 40 MB) in memory meanwhile; one more
  // is refused with 503 and Retry-After, its form kept.
  IMAGE_QUEUE_LENGTH: z.coerce.number().int().min(0).max(100).default(4),
  // The largest image an upload may be, in megapixels (width × height); a larger one is refused, naming the
  // limit, before any pixel is decoded. 50 takes any newsroom camera; decoding one takes some 150 MB.
  IMAGE_MAX_MEGAPIXELS: z.coerce.number().int().min(1).max(250).default(50),
  // Shared cache invalidation and rate limits across instances; optional for one instance.
  REDIS_URL: z
    .string()
    .refine((u) => /^rediss?:\/\//.test(u), 'must start with redis:// or rediss://')
    .optional(),
  // Names this site on a shared Redis (its change channel); the public address when unset. Two sites on
  // one Redis must differ in one or the other.
  SITE_ID: z
    .string()
    .regex(/^[\w.:-]{1,100}$/, 'letters, digits, and . : _ - only')
    .optional(),
  // How often each instance reads the shared record of content changes: the longest a change announced while
  // Redis was unreachable takes to reach every instance.
  INVALIDATION_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  // The proxies in front of the app that may say who the client is (X-Forwarded-For), by their addresses and
  // networks; see config/proxy-trust.ts.
  TRUST_PROXY: trustProxySetting,
  // Mail: an SMTP server when set (smtp://user:pass@host:587); otherwise mail goes to the outbox in the newsroom.
  SMTP_URL: z
    .string()
    .refine((u) => /^smtps?:\/\//.test(u), 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Broadsheet <newsroom@localhost>'),
  // Newsletter editions: their own SMTP server (a bulk-sending service) when set, else SMTP_URL, else the outbox.
  NEWSLETTER_SMTP_URL: z
    .string()
    .refine((u) => /^smtps?:\/\//.test(u), 'must start with smtp:// or smtps://')
    .optional(),
  // Messages a second per instance: most SMTP services and their receivers throttle senders that go faster
  // than their plan allows; 10 a second sends 36,000 an hour.
  NEWSLETTER_RATE: z.coerce.number().min(0.1).max(10_000).default(10),
  // SMTP connections kept open per instance; a few is what most servers accept from one client.
  NEWSLETTER_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(3),
  // How long a recipient claimed by an instance is its own; after a crash its rows wait this long.
  NEWSLETTER_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  // Amazon SES bounce/complaint topics (comma-separated ARNs) whose SNS messages are taken; unset: any topic
  // whose message verifies against AWS's certificate.
  NEWSLETTER_SNS_TOPICS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .optional(),
  // The password in Postmark's webhook URL (https://postmark:<this>@site/newsletters/webhooks/postmark);
  // without it the Postmark webhook does not exist.
  NEWSLETTER_POSTMARK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  // Signs sessions, unsubscribe and donor links. Several instances must share one; if unset, one is
  // generated into the data folder on first start.
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The bearer token /metrics asks for; without it there is no /metrics (404). Long enough not to be guessed.
  METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .regex(/^[\x21-\x7e]+$/, 'printable characters without spaces only')
    .optional(),
  // Requests per minute one admin API token may make: far above a script syncing a newsroom, and a stop
  // for one that loops.
  ADMIN_API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(300),
  // Webhook endpoints may only be on the public internet; these hosts (names or IP addresses, comma
  // separated) are allowed anyway, for a receiver on this machine or network during development.
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/^\[|\]$/g, ''),
        )
        .filter((h) => h !== ''),
    ),
  // How often each machine looks for webhook deliveries that are due; a few seconds keeps receivers current.
  WEBHOOK_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  // Seeds the demo newsroom on first start of an empty database; never over existing content.
  SEED_DEMO: booleanSetting.default(true),
  // Worker processes sharing the port on this machine: a number, or "auto" for one per CPU core.
  WEB_CONCURRENCY: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  // Memory for rendered pages per instance, in MB; rendered stories and comment threads get half and a
  // quarter as much again. 0 renders every request (for measuring, or when a CDN caches everything).
  PAGE_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  // How long a CDN may serve a page before asking again, and how long it may serve it stale meanwhile.
  CDN_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(60),
  CDN_STALE_SECONDS: z.coerce.number().int().min(0).default(86400),
  // How long a page past its freshness may still be served (by the CDN, and from this instance's cache)
  // when it cannot be rendered again because the database is unavailable.
  STALE_IF_ERROR_SECONDS: z.coerce.number().int().min(0).default(86400),
  // Reader donations through Stripe. Set here, they win over the newsroom's choice; without them an admin
  // chooses at /admin/donations/payments (Stripe keys stored sealed, an external donation page, or off).
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_live_… or sk_test_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)')
    .optional(),
  // Another server speaking Stripe's API (a local stand-in in tests); Stripe's own when unset.
  STRIPE_API_HOST: z.string().min(1).optional(),
  STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STRIPE_API_PROTOCOL: z.enum(['http', 'https']).default('https'),
  // CDN_PURGE and the CDN's own settings (config/cdn-purge.ts).
  ...cdnPurgeSchema.shape,
  // First-party audience analytics (src/analytics/): off, no beacon on pages and /a/event answers 404.
  ANALYTICS_ENABLED: booleanSetting.default(true),
  // Raw events are what can be re-counted; the hourly and daily roll-ups are kept forever.
  ANALYTICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Events are written in batches: at most this many wait in memory (a crash loses at most twice it)…
  ANALYTICS_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  // …and no event waits longer than this before its batch is written.
  ANALYTICS_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string;
  databasePoolSize: number;
  databaseStatementTimeoutMs: number;
  /** Waiting for a connection (PostgreSQL) or a lock (SQLite). */
  databaseTimeoutMs: number;
  mediaDir: string;
  /** The import screen's uploads: where they wait, and the largest taken. */
  imports: { dir: string; maxBytes: number };
  /** Where media files live: the folder MEDIA_DIR, or a bucket. */
  mediaStorage: MediaStorageConfig;
  /** The address readers fetch media from, without a trailing slash; null: this app's /media/. */
  mediaPublicUrl: string | null;
  /** Image work per process: how many images at once, how many may wait, and how large one may be. */
  images: { concurrency: number; maxWaiting: number; maxPixels: number };
  redisUrl: string | undefined;
  /** What names this site on a shared Redis: SITE_ID, else the public address. */
  siteId: string;
  invalidationPollMs: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Editions: the SMTP server (NEWSLETTER_SMTP_URL, else SMTP_URL), rate, connections and claim lease. */
  newsletters: {
    smtpUrl: string | undefined;
    ratePerSecond: number;
    connections: number;
    leaseMs: number;
    snsTopics: string[];
    postmarkSecret: string | undefined;
  };
  appSecret: string | undefined;
  /** Fastify's trustProxy: no proxy, or the proxies at these addresses and networks. */
  trustProxy: ProxyTrust;
  logLevel: string;
  /** Serves /metrics to the bearer of this token; no /metrics when unset. */
  metricsToken: string | undefined;
  /** Requests per minute per admin API token. */
  adminApiRequestsPerMinute: number;
  seedDemo: boolean;
  webhooks: {
    /** Hosts webhook endpoints may be on although they are not public (development). */
    allowedHosts: string[];
    pollMs: number;
  };
  /** Worker processes; 1 serves from the main process itself. */
  workers: number;
  /** Bytes of rendered pages kept per instance; 0 keeps none (nor stories, nor comment threads). */
  pageCacheBytes: number;
  cdnMaxAgeSeconds: number;
  cdnStaleSeconds: number;
  staleIfErrorSeconds: number;
  /** The CDN purged by surrogate key when content changes; null: none (CDN_PURGE=off). */
  cdnPurge: CdnPurgeConfig | null;
  analytics: AnalyticsConfig;
  stripe: {
    secretKey: string;
    webhookSecret: string;
    api: { host: string; port: number; protocol: 'http' | 'https' } | undefined;
  } | null;
};

export interface AnalyticsConfig {
  enabled: boolean;
  retentionDays: number;
  /** Events waiting in memory before their batch is written. */
  batchSize: number;
  flushMs: number;
}

/** Reads the environment; throws ConfigError naming the first wrong setting and why. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? 'environment');
    const given = cleaned[key] === undefined ? '' : ` (got "${redactSetting(key, String(cleaned[key]))}")`;
    throw new ConfigError(`Setting ${key} is invalid: ${issue.message}${given}`);
  }
  const c = parsed.data;
  // One without the other would take payments it cannot confirm, or confirm payments it cannot take.
  if (Boolean(c.STRIPE_SECRET_KEY) !== Boolean(c.STRIPE_WEBHOOK_SECRET)) {
    throw new ConfigError(
      'Settings STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together, or neither.',
    );
  }
  const mediaStorage = mediaStorageConfig(c, c.MEDIA_DIR);
  const cdnPurge = cdnPurgeConfig(c);
  const publicUrl = (
    c.PUBLIC_URL ?? `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.PORT}`
  ).replace(/\/+$/, '');
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    publicUrl,
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    databaseStatementTimeoutMs: c.DATABASE_STATEMENT_TIMEOUT_MS,
    databaseTimeoutMs: c.DATABASE_TIMEOUT_MS,
    mediaDir: c.MEDIA_DIR,
    imports: { dir: c.IMPORT_DIR, maxBytes: c.IMPORT_MAX_MB * 1024 * 1024 },
    mediaStorage,
    mediaPublicUrl: c.MEDIA_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    images: {
      concurrency: c.IMAGE_CONCURRENCY,
      maxWaiting: c.IMAGE_QUEUE_LENGTH,
      maxPixels: c.IMAGE_MAX_MEGAPIXELS * 1_000_000,
    },
    redisUrl: c.REDIS_URL,
    siteId: c.SITE_ID ?? publicUrl,
    invalidationPollMs: c.INVALIDATION_POLL_MS,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    newsletters: {
      smtpUrl: c.NEWSLETTER_SMTP_URL ?? c.SMTP_URL,
      ratePerSecond: c.NEWSLETTER_RATE,
      connections: c.NEWSLETTER_CONNECTIONS,
      leaseMs: c.NEWSLETTER_LEASE_SECONDS * 1000,
      snsTopics: c.NEWSLETTER_SNS_TOPICS ?? [],
      postmarkSecret: c.NEWSLETTER_POSTMARK_SECRET,
    },
    appSecret: c.APP_SECRET,
    trustProxy: c.TRUST_PROXY,
    logLevel: c.LOG_LEVEL,
    metricsToken: c.METRICS_TOKEN,
    adminApiRequestsPerMinute: c.ADMIN_API_REQUESTS_PER_MINUTE,
    seedDemo: c.SEED_DEMO,
    webhooks: { allowedHosts: c.WEBHOOK_ALLOWED_HOSTS, pollMs: c.WEBHOOK_POLL_MS },
    workers: c.WEB_CONCURRENCY === 'auto' ? availableParallelism() : c.WEB_CONCURRENCY,
    pageCacheBytes: Math.round(c.PAGE_CACHE_MB * 1024 * 1024),
    cdnMaxAgeSeconds: c.CDN_MAX_AGE_SECONDS,
    cdnStaleSeconds: c.CDN_STALE_SECONDS,
    staleIfErrorSeconds: c.STALE_IF_ERROR_SECONDS,
    cdnPurge,
    analytics: {
      enabled: c.ANALYTICS_ENABLED,
      retentionDays: c.ANALYTICS_RETENTION_DAYS,
      batchSize: c.ANALYTICS_BATCH_SIZE,
      flushMs: c.ANALYTICS_FLUSH_MS,
    },
    stripe:
      c.STRIPE_SECRET_KEY && c.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: c.STRIPE_SECRET_KEY,
            webhookSecret: c.STRIPE_WEBHOOK_SECRET,
            api: c.STRIPE_API_HOST
              ? {
                  host: c.STRIPE_API_HOST,
                  port: c.STRIPE_API_PORT ?? (c.STRIPE_API_PROTOCOL === 'http' ? 80 : 443),
                  protocol: c.STRIPE_API_PROTOCOL,
                }
              : undefined,
          }
        : null,
  };
}
