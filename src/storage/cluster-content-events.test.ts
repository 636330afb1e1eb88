// Content events between the worker processes of one machine: the primary relays each change to the others.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { primaryContentEvents } from './cluster-content-events.js';

/** Stands in for a cluster worker as the primary sees it: messages in, messages out. */
function fakeWorker(pid: number) {
  const emitter = new EventEmitter();
  const received: unknown[] = [];
  return {
    process: { pid },
    received,
    connected: true,
    send(message: unknown) {
      received.push(message);
      return true;
    },
    on(event: 'message', listener: (message: unknown) => void) {
      emitter.on(event, listener);
      return this;
    },
    isConnected() {
      return this.connected;
    },
    /** What the worker sends to the primary. */
    emit(message: unknown) {
      emitter.emit('message', message);
    },
  };
}

describe('primaryContentEvents', () => {
  it("relays a worker's change to every other worker and to the primary's listeners, not back to it", () => {
    const events = primaryContentEvents();
    const a = fakeWorker(101);
    const b = fakeWorker(102);
    events.relay(a);
    events.relay(b);
    const heard: string[][] = [];
    events.onChange((tags) => heard.push([...tags]));

    a.emit({ type: 'broadsheet:content-changed', tags: ['article:7'], from: 101 });
    expect(heard).toEqual([['article:7']]);
    expect(b.received).toEqual([{ type: 'broadsheet:content-changed', tags: ['article:7'], from: 101 }]);
    expect(a.received).toEqual([]);

    // Anything else on the channel is not a change.
    a.emit({ type: 'something-else' });
    expect(b.received).toHaveLength(1);
  });

  it("sends the primary's own changes (the scheduler's) to every worker still connected", async () => {
    const events = primaryContentEvents();
    const a = fakeWorker(201);
    const b = fakeWorker(202);
    events.relay(a);
    events.relay(b);
    b.connected = false;
    await events.changed(['article:8']);
    expect(a.received).toHaveLength(1);
    expect(b.received).toHaveLength(0);
  });
});
