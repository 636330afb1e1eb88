// Versioned migrations, listed here in order (no folder scanning: what runs is what this file names).
import {
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
  PostgresAdapter,
  sql,
} from 'kysely';
import * as foundation from './migrations/0001_foundation.js';
import * as newsroomAccounts from './migrations/0002_newsroom_accounts.js';
import * as editorial from './migrations/0003_editorial.js';
import * as mediaLibrary from './migrations/0004_media_library.js';
import * as comments from './migrations/0005_comments.js';
import * as revenue from './migrations/0006_revenue.js';
import * as sitemapReading from './migrations/0007_sitemap_reading.js';
import * as invalidations from './migrations/0008_invalidations.js';
import type { Database } from './schema.js';

const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_newsroom_accounts': newsroomAccounts,
  '0003_editorial': editorial,
  '0004_media_library': mediaLibrary,
  '0005_comments': comments,
  '0006_revenue': revenue,
  '0007_sitemap_reading': sitemapReading,
  '0008_invalidations': invalidations,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Every migration this version knows, in the order they run (a backup names the ones it was made at). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations);

export class MigrationFailed extends Error {
  override name = 'MigrationFailed';
}

/** Brings the schema up to date; safe to run from several instances at once (Kysely takes a lock). */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return migrate(db, (migrator) => migrator.migrateToLatest());
}

/** Brings the schema up to the named migration and no further (a restore of an older backup starts there). */
export async function migrateUpTo(db: Kysely<Database>, name: string): Promise<string[]> {
  return migrate(db, (migrator) => migrator.migrateTo(name));
}

async function migrate(
  db: Kysely<Database>,
  run: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema it can see unless told which one; with several
  // schemas in one PostgreSQL database (one per newsroom, or per test run) it would find another's.
  const migrationTableSchema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({ db, provider, migrationTableSchema });
  const { error, results } = await run(migrator);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationFailed(
      `Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
