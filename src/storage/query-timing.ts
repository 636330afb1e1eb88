// How long each query takes, for /metrics: one listener per database, fed by Kysely's own timing of every
// query it runs (prepared ones included, since they run through the same executor). Without a listener the
// cost is Kysely measuring the time and calling a function that does nothing.
import type { LogEvent } from 'kysely';

export type QueryListener = (seconds: number, failed: boolean) => void;

export interface QueryTimings {
  /** Kysely's `log` option for this database. */
  log(event: LogEvent): void;
  /** Sets the one listener (a later call replaces it); returns a function that removes it. */
  listen(listener: QueryListener): () => void;
}

export function queryTimings(): QueryTimings {
  let listener: QueryListener | null = null;
  return {
    log(event) {
      listener?.(event.queryDurationMillis / 1000, event.level === 'error');
    },
    listen(next) {
      listener = next;
      return () => {
        if (listener === next) listener = null;
      };
    },
  };
}
