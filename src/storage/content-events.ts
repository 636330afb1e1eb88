// Tells every part of every app instance which content changed, by the tags pages and fragments carry
// (an article, a section's list, the site's settings …), so each drops exactly what shows it. One
// instance: an in-process emitter; worker processes and several machines relay it (cluster-, redis-), and
// every change is also recorded in the database, which every instance reads (durable-content-events.ts).

/** Where a change came from: its row in the shared record, once it has one. */
export interface ChangeOrigin {
  id?: number;
}

export type ChangeListener = (tags: readonly string[], origin?: ChangeOrigin) => void;

export interface ContentEvents {
  /** Announce a change; local listeners run before this resolves. */
  changed(tags: readonly string[], origin?: ChangeOrigin): Promise<void>;
  onChange(listener: ChangeListener): void;
  close(): Promise<void>;
}

export function localContentEvents(): ContentEvents {
  const listeners: ChangeListener[] = [];
  return {
    async changed(tags, origin) {
      for (const listener of listeners) listener(tags, origin);
    },
    onChange(listener) {
      listeners.push(listener);
    },
    async close() {},
  };
}
