// Tells every app instance that published content changed, so each drops its cached pages.
// One instance: an in-process emitter. Several (REDIS_URL set): Redis pub/sub carries the news.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

const CHANNEL = 'broadsheet:content-changed';

export interface ContentEvents {
  /** Announce a change; local listeners run before this resolves. */
  changed(reason: string): Promise<void>;
  onChange(listener: (reason: string) => void): void;
  close(): Promise<void>;
}

export function localContentEvents(): ContentEvents {
  const listeners: Array<(reason: string) => void> = [];
  return {
    async changed(reason) {
      for (const l of listeners) l(reason);
    },
    onChange(listener) {
      listeners.push(listener);
    },
    async close() {},
  };
}

export async function redisContentEvents(url: string): Promise<ContentEvents> {
  const instance = randomUUID();
  const local = localContentEvents();
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const subscriber = new Redis(url, { lazyConnect: true });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(CHANNEL);
  subscriber.on('message', (_channel, message: string) => {
    const { from, reason } = JSON.parse(message) as { from: string; reason: string };
    if (from !== instance) void local.changed(reason);
  });
  return {
    async changed(reason) {
      await local.changed(reason);
      await publisher.publish(CHANNEL, JSON.stringify({ from: instance, reason }));
    },
    onChange: local.onChange,
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
