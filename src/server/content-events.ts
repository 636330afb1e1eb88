// The content events of one process, as every process of the server opens them: the fast path (Redis with
// REDIS_URL, on this site's own channel; else IPC between workers, or nothing for one process) under the
// shared record in the database that every serving instance reads (storage/durable-content-events.ts).
import type { Config } from '../config.js';
import { type ContentEvents, localContentEvents } from '../storage/content-events.js';
import type { Storage } from '../storage/db.js';
import { durableContentEvents } from '../storage/durable-content-events.js';

export interface ContentEventsOptions {
  /** False for the cluster's primary: it announces (the scheduler) but caches no pages. */
  serves: boolean;
  /** The fast path without Redis; one process by itself when not given. */
  transport?: ContentEvents;
  onError?: (error: unknown, what: string) => void;
}

const warnOnStderr = (error: unknown, what: string) =>
  process.stderr.write(
    `broadsheet: ${what} failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );

export async function openContentEvents(
  config: Config,
  storage: Storage,
  options: ContentEventsOptions,
): Promise<ContentEvents> {
  const onError = options.onError ?? warnOnStderr;
  const fastPath = config.redisUrl
    ? await redisEvents(config, onError)
    : (options.transport ?? localContentEvents());
  return durableContentEvents(fastPath, {
    db: storage.db,
    pollMs: config.invalidationPollMs,
    serves: options.serves,
    onError,
  });
}

async function redisEvents(config: Config, onError: ContentEventsOptions['onError']): Promise<ContentEvents> {
  // Loaded only with REDIS_URL: an instance on its own never loads the Redis client.
  const { contentChannel, redisContentEvents } = await import('../storage/redis-content-events.js');
  return redisContentEvents(config.redisUrl!, { channel: contentChannel(config.siteId), onError });
}
