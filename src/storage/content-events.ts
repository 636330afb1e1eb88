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

// Worker processes on one machine (WEB_CONCURRENCY) hear each other through the primary process, which
// relays each message to every other worker. With Redis configured, Redis carries the news instead.
const IPC_TYPE = 'broadsheet:content-changed';

interface ChangeMessage {
  type: typeof IPC_TYPE;
  reason: string;
  from: number;
}

function isChangeMessage(message: unknown): message is ChangeMessage {
  return typeof message === 'object' && message !== null && (message as ChangeMessage).type === IPC_TYPE;
}

/** In a cluster worker: changes go to the primary, and changes other workers made come back from it. */
export function workerContentEvents(): ContentEvents {
  const local = localContentEvents();
  const onMessage = (message: unknown) => {
    if (isChangeMessage(message) && message.from !== process.pid) void local.changed(message.reason);
  };
  process.on('message', onMessage);
  return {
    async changed(reason) {
      await local.changed(reason);
      process.send?.({ type: IPC_TYPE, reason, from: process.pid } satisfies ChangeMessage);
    },
    onChange: local.onChange,
    async close() {
      process.off('message', onMessage);
    },
  };
}

interface WorkerChannel {
  process: { pid?: number };
  send(message: ChangeMessage): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  isConnected(): boolean;
}

/** In the primary: its own changes (the scheduler's) go to every worker; a worker's go to all the others. */
export function primaryContentEvents(): ContentEvents & { relay(worker: WorkerChannel): void } {
  const local = localContentEvents();
  const workers = new Set<WorkerChannel>();
  const broadcast = (message: ChangeMessage) => {
    for (const w of workers) {
      if (w.isConnected() && w.process.pid !== message.from) w.send(message);
      else if (!w.isConnected()) workers.delete(w);
    }
  };
  return {
    async changed(reason) {
      await local.changed(reason);
      broadcast({ type: IPC_TYPE, reason, from: process.pid });
    },
    onChange: local.onChange,
    async close() {
      workers.clear();
    },
    relay(worker) {
      workers.add(worker);
      worker.on('message', (message) => {
        if (!isChangeMessage(message)) return;
        void local.changed(message.reason);
        broadcast(message);
      });
    },
  };
}
