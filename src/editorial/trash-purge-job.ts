// Deletes trashed articles whose 30 days are up, once per machine (server/background-jobs.ts): at start and
// then every interval. Each article is claimed under its row's lock in its own transaction (trash.ts), so
// machines running it at once delete each article, and queue its `article.deleted`, exactly once.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { purgeExpiredTrash } from './trash.js';

export interface TrashPurgeOptions {
  db: Kysely<Database>;
  clock: () => Date;
  intervalMs: number;
  onError: (error: unknown) => void;
}

export function startTrashPurge(options: TrashPurgeOptions) {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = purgeExpiredTrash(options.db, options.clock())
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
