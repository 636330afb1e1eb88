// Whether the database answers a reader's kind of query now, within a deadline: what /readyz reports. It
// reads the content tables themselves, since a database that answers `select 1` while the articles table
// is locked still cannot serve a page.
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

export function databaseProbe(db: Kysely<Database>, deadlineMs: number): () => Promise<void> {
  // Probes asked for while one runs share it: a load balancer's checks do not pile up on a slow database.
  let running: Promise<void> | null = null;
  return () => {
    running ??= withDeadline(
      sql`select id from articles order by id limit 1`.execute(db).then(() => {}),
      deadlineMs,
    ).finally(() => {
      running = null;
    });
    return running;
  };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the database did not answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
