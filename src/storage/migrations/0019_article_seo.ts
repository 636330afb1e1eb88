// Search and sharing per article: the meta description, a canonical address for a story first published
// elsewhere (syndication), and whether search engines may index it. Empty means "from the dek" and "here".
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('meta_description', 'text').execute();
  await db.schema.alterTable('articles').addColumn('canonical_url', 'text').execute();
  await db.schema
    .alterTable('articles')
    .addColumn('noindex', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['noindex', 'canonical_url', 'meta_description']) {
    await db.schema.alterTable('articles').dropColumn(column).execute();
  }
}
