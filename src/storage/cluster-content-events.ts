// Content events between the worker processes of one machine (WEB_CONCURRENCY): each worker tells the
// primary, which relays the change to every other worker. With Redis configured, Redis carries them instead.
import { type ContentEvents, localContentEvents } from './content-events.js';

const IPC_TYPE = 'broadsheet:content-changed';

interface ChangeMessage {
  type: typeof IPC_TYPE;
  tags: readonly string[];
  from: number;
  /** The change's row in the shared record, so that reading the record does not apply it twice. */
  id?: number;
}

function isChangeMessage(message: unknown): message is ChangeMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as ChangeMessage).type === IPC_TYPE &&
    Array.isArray((message as ChangeMessage).tags)
  );
}

const idOf = (message: ChangeMessage) => (typeof message.id === 'number' ? { id: message.id } : undefined);

/** In a cluster worker: changes go to the primary, and changes other workers made come back from it. */
export function workerContentEvents(): ContentEvents {
  const local = localContentEvents();
  const onMessage = (message: unknown) => {
    if (isChangeMessage(message) && message.from !== process.pid)
      void local.changed(message.tags, idOf(message));
  };
  process.on('message', onMessage);
  return {
    async changed(tags, origin) {
      await local.changed(tags, origin);
      process.send?.({ type: IPC_TYPE, tags, from: process.pid, ...origin } satisfies ChangeMessage);
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
    async changed(tags, origin) {
      await local.changed(tags, origin);
      broadcast({ type: IPC_TYPE, tags, from: process.pid, ...origin });
    },
    onChange: local.onChange,
    async close() {
      workers.clear();
    },
    relay(worker) {
      workers.add(worker);
      worker.on('message', (message) => {
        if (!isChangeMessage(message)) return;
        void local.changed(message.tags, idOf(message));
        broadcast(message);
      });
    },
  };
}
