// Sharing per article: a description and an image written for social cards. Null means the defaults: the
// meta description (else the dek) and the hero. An image removed from the library leaves the hero to serve.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('social_description', 'text').execute();
  await db.schema
    .alterTable('articles')
    .addColumn('social_image_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .execute();
  // The library asks "is this image used?" by this column as it does by the hero's.
  await db.schema.createIndex('articles_social_image').on('articles').column('social_image_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_social_image').execute();
  for (const column of ['social_image_id', 'social_description']) {
    await db.schema.alterTable('articles').dropColumn(column).execute();
  }
}
