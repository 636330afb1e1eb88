// Review: an editor returns a submitted article to its writer with notes. The notes go on the workflow step
// itself (article_activity.note, null for every other step), and each writer told of it gets a notice row,
// so the newsroom can list what came back to them and count what they have not opened yet.
import type { Kysely } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('article_activity').addColumn('note', 'text').execute();
  await db.schema
    .createTable('review_notices')
    .addColumn('activity_id', 'integer', (c) =>
      c.notNull().references('article_activity.id').onDelete('cascade'),
    )
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    // When this writer opened the returned article; null while the notice is unread.
    .addColumn('seen_at', t.timestamp)
    .addPrimaryKeyConstraint('review_notices_pk', ['activity_id', 'staff_id'])
    .execute();
  await db.schema.createIndex('review_notices_staff').on('review_notices').column('staff_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_notices').execute();
  await db.schema.alterTable('article_activity').dropColumn('note').execute();
}
