// Fills a database for the benchmarks: the demo newsroom, then copies of its published articles up to the
// requested count, spread back in time so the demo's own stories stay on top. Copies go in as multi-row
// inserts, many batches to a transaction, so 50,000 articles take seconds on SQLite and on PostgreSQL.
import type { Kysely, Transaction } from 'kysely';
import { seedDemoIfEmpty } from '../demo/seed.js';
import type { FileStore } from '../src/media/file-store.js';
import type { Database } from '../src/storage/schema.js';

// Rows per insert: about 20 columns each stays far below SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const ROWS_PER_INSERT = 500;
const INSERTS_PER_TRANSACTION = 10;
const COPY_SPACING_MS = 45 * 60 * 1000;

/** The published articles, `count` in all, and the demo behind them (seeded when the database is empty). */
export async function populate(
  db: Kysely<Database>,
  files: FileStore,
  count: number,
  now: Date,
): Promise<void> {
  await seedDemoIfEmpty(db, files, now);
  const originals = await db
    .selectFrom('articles')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();
  const [authors, tags, media] = await Promise.all([
    db.selectFrom('article_authors').selectAll().execute(),
    db.selectFrom('article_tags').selectAll().execute(),
    db.selectFrom('article_media').selectAll().execute(),
  ]);
  const perTransaction = ROWS_PER_INSERT * INSERTS_PER_TRANSACTION;
  for (let start = originals.length; start < count; start += perTransaction) {
    const end = Math.min(count, start + perTransaction);
    await db.transaction().execute(async (trx) => {
      for (let first = start; first < end; first += ROWS_PER_INSERT) {
        const last = Math.min(end, first + ROWS_PER_INSERT);
        const copies = Array.from({ length: last - first }, (_, k) => {
          const i = first + k;
          const source = originals[i % originals.length]!;
          const published = new Date(now.getTime() - (i + 1) * COPY_SPACING_MS).toISOString();
          const { id: _id, version: _version, ...columns } = source;
          return {
            source: source.id,
            row: {
              ...columns,
              slug: `${source.slug}-${i}`,
              headline: `${source.headline} (${i})`,
              published_at: published,
              created_at: published,
              modified_at: published,
              updated_at: null,
            },
          };
        });
        const inserted = await trx
          .insertInto('articles')
          .values(copies.map((c) => c.row))
          .returning(['id', 'slug'])
          .execute();
        // Matched by slug: neither dialect promises RETURNING rows in the order of VALUES.
        const idOf = new Map(inserted.map((r) => [r.slug, r.id]));
        const copyOf = copies.map((c) => ({ source: c.source, id: idOf.get(c.row.slug)! }));
        await insertLinks(trx, 'article_authors', authors, copyOf);
        await insertLinks(trx, 'article_tags', tags, copyOf);
        await insertLinks(trx, 'article_media', media, copyOf);
      }
    });
  }
}

type LinkTable = 'article_authors' | 'article_tags' | 'article_media';
// A link table's rows as read back from it, to go in again with another article_id.
type LinkRows = Record<LinkTable, { article_id: number } & Record<string, unknown>>;

/** The source articles' rows of a link table, once more for each copy. */
async function insertLinks(
  trx: Transaction<Database>,
  table: LinkTable,
  links: ReadonlyArray<{ article_id: number }>,
  copies: ReadonlyArray<{ source: number; id: number }>,
): Promise<void> {
  const bySource = new Map<number, Array<{ article_id: number }>>();
  for (const l of links) bySource.set(l.article_id, [...(bySource.get(l.article_id) ?? []), l]);
  const rows = copies.flatMap((c) => (bySource.get(c.source) ?? []).map((l) => ({ ...l, article_id: c.id })));
  const untyped = trx as unknown as Transaction<LinkRows>;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await untyped
      .insertInto(table)
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute();
  }
}
