// What a 50,000-address sitemap reads, made cheap to read: each image's fallback file named in its own column
// (not parsed out of the JSON list of every variant, 0.9 KB a row), and an index that holds every column the
// sitemap lists, so its rows come from the index without touching the articles' bodies.
import type { Kysely } from 'kysely';

// The fallback as media/media.ts chose it when this ran: the widest JPEG, PNG or GIF at most 1,600 pixels
// wide, else the narrowest.
interface StoredVariant {
  format: string;
  width: number;
  key: string;
}

function fallbackKey(variants: StoredVariant[]): string | null {
  const legacy = variants.filter((v) => v.format === 'jpeg' || v.format === 'png' || v.format === 'gif');
  const fitting = legacy.filter((v) => v.width <= 1600).sort((a, b) => b.width - a.width);
  return (fitting[0] ?? legacy.sort((a, b) => a.width - b.width)[0])?.key ?? null;
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').addColumn('fallback_key', 'text').execute();
  const rows: Array<{ id: number; variants: string }> = await db
    .selectFrom('media')
    .select(['id', 'variants'])
    .execute();
  for (const row of rows) {
    await db
      .updateTable('media')
      .set({ fallback_key: fallbackKey(JSON.parse(row.variants) as StoredVariant[]) })
      .where('id', '=', row.id)
      .execute();
  }
  await db.schema
    .createIndex('articles_sitemap')
    .on('articles')
    .columns(['status', 'published_at desc', 'id desc', 'slug', 'modified_at', 'hero_media_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_sitemap').execute();
  await db.schema.alterTable('media').dropColumn('fallback_key').execute();
}
