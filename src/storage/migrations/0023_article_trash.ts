// The trash for never-published articles: when one was trashed (null: not in the trash) and the slug it had.
// A trashed article's `slug` holds a placeholder no real slug can be ("trashed~<id>"), so the unique index on
// `slug` stays as it is on both databases and the address is free the moment the article is trashed.
import type { Kysely } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  await db.schema.alterTable('articles').addColumn('trashed_at', types.timestamp).execute();
  await db.schema.alterTable('articles').addColumn('trashed_slug', 'text').execute();
  // The trash screen and the purge read only trashed rows: a small partial index, empty on most sites.
  await db.schema
    .createIndex('articles_trashed')
    .on('articles')
    .column('trashed_at')
    .where('trashed_at', 'is not', null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_trashed').execute();
  // Trashed articles get their slugs back where free; the others keep the placeholder as their slug.
  await db
    .updateTable('articles')
    .set((eb) => ({ slug: eb.ref('trashed_slug') }))
    .where('trashed_at', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('articles as other')
            .select('other.id')
            .whereRef('other.slug', '=', 'articles.trashed_slug'),
        ),
      ),
    )
    .execute();
  await db.schema.alterTable('articles').dropColumn('trashed_slug').execute();
  await db.schema.alterTable('articles').dropColumn('trashed_at').execute();
}
