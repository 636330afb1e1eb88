// What earlier runs imported from a source site (import_items): read once at the start of a run into a map,
// so that deciding "new, changed or the same" costs no query per item; written in each item's own
// transaction, so the item and its row here commit together or not at all.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

export type SourceKind = 'person' | 'category' | 'tag' | 'media' | 'article' | 'page' | 'comment';

export interface LedgerEntry {
  localKind: string;
  localId: number;
  hash: string;
  localVersion: number | null;
}

export class Ledger {
  private constructor(
    readonly site: string,
    private readonly entries: Map<string, LedgerEntry>,
  ) {}

  static async load(db: Kysely<Database>, site: string): Promise<Ledger> {
    const rows = await db
      .selectFrom('import_items')
      .select(['source_kind', 'source_id', 'local_kind', 'local_id', 'source_hash', 'local_version'])
      .where('source_site', '=', site)
      .execute();
    return new Ledger(
      site,
      new Map(
        rows.map((r) => [
          `${r.source_kind}:${r.source_id}`,
          {
            localKind: r.local_kind,
            localId: r.local_id,
            hash: r.source_hash,
            localVersion: r.local_version,
          },
        ]),
      ),
    );
  }

  get(kind: SourceKind, sourceId: string): LedgerEntry | undefined {
    return this.entries.get(`${kind}:${sourceId}`);
  }

  /** Notes an item written (or, in a dry run, that would be) so later items of this run find it. */
  remember(kind: SourceKind, sourceId: string, entry: LedgerEntry): void {
    this.entries.set(`${kind}:${sourceId}`, entry);
  }

  /** Records the item in the transaction that wrote it. */
  async write(
    trx: Kysely<Database>,
    kind: SourceKind,
    sourceId: string,
    entry: LedgerEntry,
    now: string,
  ): Promise<void> {
    const values = {
      local_kind: entry.localKind,
      local_id: entry.localId,
      source_hash: entry.hash,
      local_version: entry.localVersion,
      updated_at: now,
    };
    await trx
      .insertInto('import_items')
      .values({ source_site: this.site, source_kind: kind, source_id: sourceId, created_at: now, ...values })
      .onConflict((oc) => oc.columns(['source_site', 'source_kind', 'source_id']).doUpdateSet(values))
      .execute();
    this.remember(kind, sourceId, entry);
  }
}

/** The fingerprint of a source record as read: the same record gives the same hash in any run. */
export function recordHash(record: unknown): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('base64url');
}
