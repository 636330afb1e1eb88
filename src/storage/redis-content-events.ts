// Content events between machines: Redis pub/sub carries each change to every other instance.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { type ContentEvents, localContentEvents } from './content-events.js';

const CHANNEL = 'broadsheet:content-changed';

export async function redisContentEvents(url: string): Promise<ContentEvents> {
  const instance = randomUUID();
  const local = localContentEvents();
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const subscriber = new Redis(url, { lazyConnect: true });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(CHANNEL);
  subscriber.on('message', (_channel, message: string) => {
    const { from, tags } = JSON.parse(message) as { from: string; tags: string[] };
    if (from !== instance && Array.isArray(tags)) void local.changed(tags);
  });
  return {
    async changed(tags) {
      await local.changed(tags);
      await publisher.publish(CHANNEL, JSON.stringify({ from: instance, tags }));
    },
    onChange: local.onChange,
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
