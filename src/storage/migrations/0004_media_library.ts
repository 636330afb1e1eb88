// The media library in the newsroom: which articles use which image (so the library can show where an
// image appears and warn before a licence runs out), who uploaded an image and when its words last changed.
import { type Kysely, sql } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // One row per use; an image used both as hero and in the body has two.
  await db.schema
    .createTable('article_media')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('hero', 'body')`))
    .addPrimaryKeyConstraint('article_media_pkey', ['article_id', 'media_id', 'role'])
    .execute();
  await db.schema.createIndex('article_media_media').on('article_media').column('media_id').execute();

  // A contributor may change the words of the images they uploaded; editors those of any image.
  await db.schema
    .alterTable('media')
    .addColumn('uploaded_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('media').addColumn('updated_at', t.timestamp).execute();
  // The library warns about licences expiring soon on every visit.
  await db.schema.createIndex('media_license_expires').on('media').column('license_expires_at').execute();
  await db.schema.createIndex('media_created').on('media').column('created_at').execute();

  // Articles written before this migration: their hero and body images, read from the stored document
  // (image blocks sit at the top level of the body; see articles/render/document.ts).
  const articles: Array<{ id: number; hero_media_id: number | null; body: string }> = await db
    .selectFrom('articles')
    .select(['id', 'hero_media_id', 'body'])
    .execute();
  const known = new Set(
    (await db.selectFrom('media').select('id').execute()).map((r: { id: number }) => r.id),
  );
  const rows: Array<{ article_id: number; media_id: number; role: 'hero' | 'body' }> = [];
  for (const article of articles) {
    if (article.hero_media_id !== null && known.has(article.hero_media_id)) {
      rows.push({ article_id: article.id, media_id: article.hero_media_id, role: 'hero' });
    }
    for (const id of new Set(bodyImageIds(article.body))) {
      if (known.has(id)) rows.push({ article_id: article.id, media_id: id, role: 'body' });
    }
  }
  // Batches keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 300) {
    await db
      .insertInto('article_media')
      .values(rows.slice(i, i + 300))
      .execute();
  }
}

function bodyImageIds(body: string): number[] {
  try {
    const doc = JSON.parse(body) as { content?: Array<{ type?: string; attrs?: { mediaId?: unknown } }> };
    return (doc.content ?? []).flatMap((b) =>
      b.type === 'image' && Number.isSafeInteger(b.attrs?.mediaId) ? [b.attrs!.mediaId as number] : [],
    );
  } catch {
    return [];
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_media').execute();
  await db.schema.dropIndex('media_created').execute();
  await db.schema.dropIndex('media_license_expires').execute();
  for (const column of ['updated_at', 'uploaded_by']) {
    await db.schema.alterTable('media').dropColumn(column).execute();
  }
}
