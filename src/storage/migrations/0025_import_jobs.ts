// The newsroom's imports from WordPress and Ghost: one row per uploaded export, run on the server by a
// background job that holds a lease on it, so a restart finds the job and runs it again (the import itself
// skips what it already wrote).
import type { Kysely } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('import_jobs')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('system', 'text', (c) => c.notNull()) // wordpress, ghost
    .addColumn('file_path', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull()) // as the browser sent it, for the list
    .addColumn('options', 'text', (c) => c.notNull()) // JSON: dry run, media address
    .addColumn('status', 'text', (c) => c.notNull()) // queued, running, done, failed
    .addColumn('progress', 'text') // JSON: the run's last progress
    .addColumn('report', 'text') // JSON: the run's report, once done
    .addColumn('error', 'text')
    // The instance running it, and until when: a crashed or restarted instance's lease runs out.
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', t.timestamp)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('started_at', t.timestamp)
    .addColumn('finished_at', t.timestamp)
    .execute();
  await db.schema.createIndex('import_jobs_status').on('import_jobs').columns(['status', 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_jobs').execute();
}
