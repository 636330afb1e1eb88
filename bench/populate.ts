// Fills a database for the benchmarks: the demo newsroom, then copies of its articles up to the
// requested count, spread over sections, authors and the last year, in large transactions.
import type { Kysely } from 'kysely';
import { seedDemoIfEmpty } from '../demo/seed.js';
import type { FileStore } from '../src/media/file-store.js';
import type { Database } from '../src/storage/schema.js';

export async function populate(
  db: Kysely<Database>,
  files: FileStore,
  count: number,
  now: Date,
): Promise<void> {
  await seedDemoIfEmpty(db, files, now);
  const originals = await db.selectFrom('articles').selectAll().where('status', '=', 'published').execute();
  const links = await db.selectFrom('article_authors').selectAll().execute();
  const tags = await db.selectFrom('article_tags').selectAll().execute();
  const existing = originals.length;
  const batch = 500;
  for (let start = existing; start < count; start += batch) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(count, start + batch); i++) {
        const source = originals[i % originals.length]!;
        // Older copies further back in time, so the real demo stories stay on top.
        const published = new Date(now.getTime() - (i + 1) * 45 * 60 * 1000).toISOString();
        const { id } = await trx
          .insertInto('articles')
          .values({
            ...source,
            id: undefined,
            version: undefined,
            slug: `${source.slug}-${i}`,
            headline: `${source.headline} (${i})`,
            published_at: published,
            created_at: published,
            modified_at: published,
            updated_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const l of links.filter((x) => x.article_id === source.id)) {
          await trx
            .insertInto('article_authors')
            .values({ ...l, article_id: id })
            .execute();
        }
        for (const t of tags.filter((x) => x.article_id === source.id)) {
          await trx
            .insertInto('article_tags')
            .values({ ...t, article_id: id })
            .execute();
        }
      }
    });
  }
}
