// What /readyz checks, each within a deadline: the database answers a reader's kind of query, its schema is
// the one this code knows, and Redis (when configured) answers. The database probe reads the content tables
// themselves, since a database that answers `select 1` while the articles table is locked still cannot serve
// a page. Probes asked for while one runs share it: a load balancer's checks do not pile up on a slow service.
import { type Kysely, sql } from 'kysely';
import { migrationStatus } from './migrate.js';
import type { Database } from './schema.js';

/** A check that did not pass, with the word /readyz reports for it. */
export class CheckFailed extends Error {
  constructor(
    readonly state: string,
    cause?: unknown,
  ) {
    super(`${state}${cause instanceof Error ? `: ${cause.message}` : ''}`, { cause });
  }
}

/** Runs `probe` once for all who ask while it runs. */
export function shared<T>(probe: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= probe().finally(() => {
      running = null;
    });
    return running;
  };
}

export function databaseProbe(db: Kysely<Database>, deadlineMs: number): () => Promise<void> {
  return shared(() =>
    withDeadline(
      sql`select id from articles order by id limit 1`.execute(db).then(() => {}),
      deadlineMs,
      `the database did not answer within ${deadlineMs} ms`,
    ),
  );
}

/**
 * 'ok', or the migrations the database has and this code does not know (a newer version ran them: this
 * instance still serves, as old code does during a rolling deploy). Fails naming the migrations this code
 * has and the database lacks: its queries may need them.
 */
export function migrationsProbe(db: Kysely<Database>, deadlineMs: number): () => Promise<string> {
  return shared(async () => {
    const status = await withDeadline(
      migrationStatus(db),
      deadlineMs,
      `the database did not answer within ${deadlineMs} ms`,
    ).catch((error: unknown) => {
      throw new CheckFailed('not answering', error);
    });
    if (status.pending.length > 0) throw new CheckFailed(`pending: ${status.pending.join(', ')}`);
    return status.unknown.length > 0 ? `newer in the database: ${status.unknown.join(', ')}` : 'ok';
  });
}

export function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
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
