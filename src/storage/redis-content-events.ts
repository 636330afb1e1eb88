// Content events between machines, the fast path: Redis pub/sub carries each change to every other instance
// of the same site at once. Redis may be away: an instance starts without it, a change it cannot publish is
// still in the shared record (durable-content-events.ts), and an instance that lost its subscription drops
// everything it cached when it is back, since it cannot know what it missed.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { EVERYTHING } from '../http/tagged-cache.js';
import { type ContentEvents, localContentEvents } from './content-events.js';

export interface RedisContentEventsOptions {
  /** One per site: two sites sharing a Redis must not hear each other's changes. */
  channel: string;
  /** How long start-up waits for Redis before going on without it. */
  connectWaitMs?: number;
  onError?: (error: unknown, what: string) => void;
}

/** The channel of one site, from SITE_ID when set, else from its public address. */
export function contentChannel(site: string): string {
  return `broadsheet:content-changed:${site}`;
}

export async function redisContentEvents(
  url: string,
  options: RedisContentEventsOptions,
): Promise<ContentEvents> {
  const instance = randomUUID();
  const local = localContentEvents();
  const onError = options.onError ?? (() => {});
  // A change that cannot be published now is not queued, nor waited on: the shared record carries it.
  const publisher = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
  });
  // The subscriber reconnects for ever and subscribes again by itself after each reconnection.
  const subscriber = new Redis(url, { maxRetriesPerRequest: null });
  let reported = false;
  const report = (what: string) => (error: unknown) => {
    // A Redis that is down reports every retry; one line per outage is enough.
    if (!reported) onError(error, what);
    reported = true;
  };
  publisher.on('error', report('Redis (publishing changes)'));
  subscriber.on('error', report('Redis (hearing changes)'));

  let subscribed = false;
  let cutOff = false;
  subscriber.on('close', () => {
    if (subscribed) cutOff = true;
  });
  subscriber.on('ready', () => {
    reported = false;
    if (!cutOff) return;
    cutOff = false;
    void local.changed([EVERYTHING]);
  });
  subscriber.on('message', (_channel, message: string) => {
    try {
      const { from, tags, id } = JSON.parse(message) as { from: string; tags: string[]; id?: number };
      if (from !== instance && Array.isArray(tags))
        void local.changed(tags, typeof id === 'number' ? { id } : undefined);
    } catch (error) {
      onError(error, 'Redis (a change message that is not JSON)');
    }
  });
  const subscribing = subscriber.subscribe(options.channel).then(() => {
    subscribed = true;
  });
  subscribing.catch(report('Redis (subscribing)'));
  // Redis away at start: serve anyway; the subscription is made when Redis answers.
  await Promise.race([subscribing.catch(() => {}), delay(options.connectWaitMs ?? 2000)]);

  return {
    async changed(tags, origin) {
      await local.changed(tags, origin);
      await publisher.publish(options.channel, JSON.stringify({ from: instance, tags, id: origin?.id }));
    },
    onChange: local.onChange,
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
