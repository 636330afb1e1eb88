// Runs indexStaleArticles when the process starts and then at an interval, once per machine: articles written
// without going through a save (a restore, an import, the first start after search was added) are found
// within one interval. One run at a time; stop() waits for the one in progress.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { indexStaleArticles } from './search-index.js';

export interface SearchIndexCatchUpOptions {
  db: Kysely<Database>;
  intervalMs: number;
  onError: (error: unknown) => void;
}

export function startSearchIndexCatchUp(options: SearchIndexCatchUpOptions) {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = indexStaleArticles(options.db)
      .then(() => undefined, options.onError)
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
