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
import * as search from './migrations/0009_search.js';
import * as contentApiKeys from './migrations/0010_content_api_keys.js';
import * as adminApiTokens from './migrations/0011_admin_api_tokens.js';
import * as webhooks from './migrations/0012_webhooks.js';
import * as analytics from './migrations/0013_analytics.js';
import * as newsletters from './migrations/0015_newsletters.js';
import * as readerAccounts from './migrations/0016_reader_accounts.js';
import * as pagesMenusIdentity from './migrations/0017_pages_menus_identity.js';
import * as curatedFronts from './migrations/0018_curated_fronts.js';
import * as articleSeo from './migrations/0019_article_seo.js';
import * as articleSocial from './migrations/0020_article_social.js';
import * as imports from './migrations/0021_imports.js';
import * as searchSpeed from './migrations/0022_search_speed.js';
import * as articleTrash from './migrations/0023_article_trash.js';
import * as reviewNotes from './migrations/0024_review_notes.js';
import * as importJobs from './migrations/0025_import_jobs.js';
import * as trashInHistory from './migrations/0026_trash_in_history.js';
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
  '0009_search': search,
  '0010_content_api_keys': contentApiKeys,
  '0011_admin_api_tokens': adminApiTokens,
  '0012_webhooks': webhooks,
  '0013_analytics': analytics,
  '0015_newsletters': newsletters,
  '0016_reader_accounts': readerAccounts,
  '0017_pages_menus_identity': pagesMenusIdentity,
  '0018_curated_fronts': curatedFronts,
  '0019_article_seo': articleSeo,
  '0020_article_social': articleSocial,
  '0021_imports': imports,
  '0022_search_speed': searchSpeed,
  '0023_article_trash': articleTrash,
  '0024_review_notes': reviewNotes,
  '0025_import_jobs': importJobs,
  '0026_trash_in_history': trashInHistory,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Every migration this version knows, in the order they run (a backup names the ones it was made at). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations);

export class MigrationFailed extends Error {
  override name = 'MigrationFailed';
}

/** The database holds migrations this code does not know: a newer version migrated it. */
export class DatabaseFromTheFuture extends Error {
  override name = 'DatabaseFromTheFuture';
  constructor(readonly unknown: string[]) {
    super(
      `the database was migrated by a newer version of Broadsheet: it has ${unknown.length === 1 ? 'migration' : 'migrations'} ` +
        `${unknown.join(', ')}, which this version does not know; run that version or a newer one, ` +
        'or restore a backup taken before it',
    );
  }
}

export interface MigrationStatus {
  /** Migrations this code has that the database has not run. */
  pending: string[];
  /** Migrations the database has run that this code does not know (a newer version ran them). */
  unknown: string[];
}

const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Compares the migrations the database has run with those this code knows: one small read. */
export async function migrationStatus(db: Kysely<Database>): Promise<MigrationStatus> {
  const executed = new Set(await executedMigrations(db));
  const known = Object.keys(migrations);
  return {
    pending: known.filter((name) => !executed.has(name)),
    unknown: [...executed].filter((name) => !(name in migrations)).sort(),
  };
}

async function executedMigrations(db: Kysely<Database>): Promise<string[]> {
  // The bookkeeping table is made by the first migration run; before it, nothing has run. Unqualified, its
  // name is looked up in the connection's own schema first (see migrationTableSchema below).
  const present = isPostgres(db)
    ? (
        await sql<{
          n: number;
        }>`select count(*) as n from pg_tables where schemaname = current_schema() and tablename = 'kysely_migration'`.execute(
          db,
        )
      ).rows[0]?.n
    : (
        await sql<{
          n: number;
        }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(
          db,
        )
      ).rows[0]?.n;
  if (!Number(present)) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return rows.map((row) => row.name);
}

/**
 * Brings the schema up to date; safe to run from several instances at once: on PostgreSQL Kysely holds an
 * advisory lock; on SQLite (where Kysely takes none) the whole run is one `BEGIN IMMEDIATE` transaction, so
 * a second process waits for the first and then finds nothing to do. Refuses a database from the future.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return migrate(db, (migrator) => migrator.migrateToLatest());
}

/** Brings the schema up to the named migration and no further (a restore of an older backup starts there). */
export async function migrateUpTo(db: Kysely<Database>, name: string): Promise<string[]> {
  return migrate(db, (migrator) => migrator.migrateTo(name));
}

type MigratorRun = (migrator: Migrator) => Promise<MigrationResultSet>;

async function migrate(db: Kysely<Database>, run: MigratorRun): Promise<string[]> {
  const { unknown } = await migrationStatus(db);
  if (unknown.length > 0) throw new DatabaseFromTheFuture(unknown);
  if (isPostgres(db)) {
    return db.connection().execute(async (connection) => {
      // A long migration may take longer than the statement timeout every request gets: none on this connection.
      await sql`set statement_timeout = 0`.execute(connection);
      try {
        // Kysely's own lock is one statement that waits as long as another instance migrates, longer than a
        // query may wait for its answer on a busy machine: wait here instead, asking again, each question short.
        const lock = sql`hashtext('broadsheet-migrate:' || current_schema())`;
        while (
          !(await sql<{ held: boolean }>`select pg_try_advisory_lock(${lock}) as held`.execute(connection))
            .rows[0]?.held
        ) {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        try {
          return await runMigrator(connection, run);
        } finally {
          await sql`select pg_advisory_unlock(${lock})`.execute(connection);
        }
      } finally {
        await sql`reset statement_timeout`.execute(connection);
      }
    });
  }
  return db.connection().execute(async (connection) => {
    const [before] = (await sql<{ timeout: number }>`pragma busy_timeout`.execute(connection)).rows;
    // Another process's migration may take a while: wait for it as long as a migration may take.
    await sql`pragma busy_timeout = ${sql.lit(MIGRATION_WAIT_MS)}`.execute(connection);
    try {
      await sql`begin immediate`.execute(connection);
      try {
        // Read again under the lock: the process that held it may have run newer migrations meanwhile.
        const { unknown: now } = await migrationStatus(connection);
        if (now.length > 0) throw new DatabaseFromTheFuture(now);
        const done = await runMigrator(connection, run);
        await sql`commit`.execute(connection);
        return done;
      } catch (error) {
        await sql`rollback`.execute(connection).catch(() => {});
        throw error;
      }
    } finally {
      await sql`pragma busy_timeout = ${sql.lit(Number(before?.timeout ?? 5000))}`.execute(connection);
    }
  });
}

// How long a process waits on SQLite for another's migration to finish. better-sqlite3 waits synchronously,
// so two migrations of one file must be in two processes (as instances are), never two connections of one.
const MIGRATION_WAIT_MS = 600_000;

async function runMigrator(db: Kysely<Database>, run: MigratorRun): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema it can see unless told which one; with several
  // schemas in one PostgreSQL database (one per newsroom, or per test run) it would find another's.
  const migrationTableSchema = isPostgres(db)
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
