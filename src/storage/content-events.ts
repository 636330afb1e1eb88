// Tells every part of every app instance which content changed, by the tags pages and fragments carry
// (an article, a section's list, the site's settings …), so each drops exactly what shows it. One
// instance: an in-process emitter; worker processes and several machines relay it (cluster-, redis-).

export type ChangeListener = (tags: readonly string[]) => void;

export interface ContentEvents {
  /** Announce a change; local listeners run before this resolves. */
  changed(tags: readonly string[]): Promise<void>;
  onChange(listener: ChangeListener): void;
  close(): Promise<void>;
}

export function localContentEvents(): ContentEvents {
  const listeners: ChangeListener[] = [];
  return {
    async changed(tags) {
      for (const listener of listeners) listener(tags);
    },
    onChange(listener) {
      listeners.push(listener);
    },
    async close() {},
  };
}
