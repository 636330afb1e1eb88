// What every process of the server does first: read the settings, open the database (one clear line when
// it cannot), bring its schema up to date, and find the shared secret.
import { sql } from 'kysely';
import { type Config, ConfigError, loadConfig } from '../config.js';
import { resolveAppSecret } from '../site/app-secret.js';
import { openStorage, type Storage } from '../storage/db.js';
import { DatabaseFromTheFuture, MigrationFailed, migrateToLatest } from '../storage/migrate.js';

export const SECRET_FILE = './data/.app-secret';

export function fail(message: string): never {
  process.stderr.write(`broadsheet: ${message}\n`);
  process.exit(1);
}

export function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

export async function openReachableStorage(config: Config): Promise<Storage> {
  let storage: Storage;
  try {
    storage = openStorage(config.databaseUrl, {
      poolSize: config.databasePoolSize,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      connectTimeoutMs: config.databaseTimeoutMs,
    });
  } catch (error) {
    // An SQLite file fails here: a folder that cannot be made, a file that is not a database.
    fail(`cannot open the database at DATABASE_URL: ${(error as Error).message}`);
  }
  try {
    await sql`select 1`.execute(storage.db);
  } catch (error) {
    fail(`cannot reach the database (${storage.dialect}): ${(error as Error).message}`);
  }
  return storage;
}

// A migration may rightly run far longer than a reader's query may wait (an index on a large table).
const MIGRATION_STATEMENT_TIMEOUT_MS = 600_000;

/**
 * Migrates (safe from several instances at once: see migrateToLatest) and returns the app secret; stops with
 * one line when the database was migrated by a newer version of the code.
 */
export async function prepareStorage(config: Config, storage: Storage): Promise<string> {
  // PostgreSQL: on a connection of its own without the readers' short statement timeout.
  const migrating =
    storage.dialect === 'postgres'
      ? openStorage(config.databaseUrl, {
          poolSize: 1,
          statementTimeoutMs: MIGRATION_STATEMENT_TIMEOUT_MS,
          connectTimeoutMs: config.databaseTimeoutMs,
        })
      : storage;
  try {
    await migrateToLatest(migrating.db);
  } catch (error) {
    // One line naming the migration: this code must not serve a schema it does not know, nor a half-made one.
    if (error instanceof DatabaseFromTheFuture || error instanceof MigrationFailed) fail(error.message);
    throw error;
  } finally {
    if (migrating !== storage) await migrating.close();
  }
  return resolveAppSecret(config.appSecret, SECRET_FILE);
}
