// imports.jsonl: the rows of import_items whose row here still exists (an article deleted since its import
// leaves its ledger row behind, and an archive must not name what it lacks). Read in batches by the table's
// key, each batch's local rows looked up with one query per kind.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { ImportItemLine } from './format.js';
import type { LineWriter } from './line-writer.js';

const BATCH = 500;

type LocalKind = ImportItemLine['localKind'];

const TABLE_OF = {
  author: 'authors',
  section: 'sections',
  tag: 'tags',
  media: 'media',
  article: 'articles',
  page: 'pages',
  comment: 'comments',
} as const satisfies Record<LocalKind, keyof Database>;

const isLocalKind = (kind: string): kind is LocalKind => Object.hasOwn(TABLE_OF, kind);

async function existing(db: Kysely<Database>, kind: LocalKind, ids: number[]): Promise<Set<number>> {
  const rows = await db.selectFrom(TABLE_OF[kind]).select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => Number(r.id)));
}

export async function writeImportItems(db: Kysely<Database>, out: LineWriter): Promise<void> {
  let after: [string, string, string] = ['', '', ''];
  for (;;) {
    const rows = await db
      .selectFrom('import_items')
      .selectAll()
      .where((eb) => eb(eb.refTuple('source_site', 'source_kind', 'source_id'), '>', eb.tuple(...after)))
      .orderBy('source_site')
      .orderBy('source_kind')
      .orderBy('source_id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    after = [last.source_site, last.source_kind, last.source_id];
    const found = new Map<LocalKind, Set<number>>();
    for (const kind of new Set(rows.map((r) => r.local_kind)))
      if (isLocalKind(kind))
        found.set(
          kind,
          await existing(
            db,
            kind,
            rows.filter((r) => r.local_kind === kind).map((r) => Number(r.local_id)),
          ),
        );
    for (const r of rows) {
      const kind = r.local_kind;
      if (!isLocalKind(kind) || !found.get(kind)?.has(Number(r.local_id))) continue;
      const line: ImportItemLine = {
        sourceSite: r.source_site,
        sourceKind: r.source_kind as ImportItemLine['sourceKind'],
        sourceId: r.source_id,
        localKind: kind,
        localId: Number(r.local_id),
        sourceHash: r.source_hash,
        localVersion: r.local_version === null ? null : Number(r.local_version),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
      await out.write(line);
    }
  }
}
