// Installations to restore into: on SQLite a file path (absent, or a migrated empty file no one holds open);
// on PostgreSQL a schema of its own (empty, or migrated and empty), named so the run's teardown drops it.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openStorage } from '../../src/storage/db.js';
import { migrateToLatest, migrateUpTo } from '../../src/storage/migrate.js';
import { postgresUrl } from './databases.js';

export type TargetState = 'absent' | 'migrated' | { upTo: string };

function runId(): string {
  try {
    return inject('testRunId');
  } catch {
    return 'x';
  }
}

async function newSchemaUrl(): Promise<string> {
  const schema = `bt_${runId()}_bk_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  const joiner = postgresUrl.includes('?') ? '&' : '?';
  return `${postgresUrl}${joiner}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/** A database URL for a new installation in `dir` (SQLite) or a new schema (PostgreSQL), in `state`. */
export async function newInstallation(
  dialect: 'sqlite' | 'postgres',
  dir: string,
  state: TargetState,
): Promise<string> {
  const url =
    dialect === 'sqlite'
      ? `sqlite:${join(dir, `${randomBytes(4).toString('hex')}.db`)}`
      : await newSchemaUrl();
  if (state === 'absent') return url;
  const storage = openStorage(url, { poolSize: 2 });
  try {
    if (state === 'migrated') await migrateToLatest(storage.db);
    else await migrateUpTo(storage.db, state.upTo);
  } finally {
    await storage.close();
  }
  return url;
}
