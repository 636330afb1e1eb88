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
  /** Rows written in the open transaction: they count only once it commits (`settle`). */
  private pending = new Map<string, LedgerEntry>();

  private constructor(
    readonly site: string,
    private readonly entries: Map<string, LedgerEntry>,
  ) {}

  /** The open transaction committed (true) or rolled back (false): keep or forget what it wrote. */
  settle(committed: boolean): void {
    if (committed) for (const [key, entry] of this.pending) this.entries.set(key, entry);
    this.pending = new Map();
  }

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
    const key = `${kind}:${sourceId}`;
    return this.pending.get(key) ?? this.entries.get(key);
  }

  /** Notes an item written (or, in a dry run, that would be) so later items of this run find it. */
  remember(kind: SourceKind, sourceId: string, entry: LedgerEntry): void {
    this.entries.set(`${kind}:${sourceId}`, entry);
  }

  /**
   * Records the item as written by the open transaction; `flush` writes the rows in that transaction (many
   * in one statement), and `settle` once it ends.
   */
  async write(
    _trx: Kysely<Database>,
    kind: SourceKind,
    sourceId: string,
    entry: LedgerEntry,
    _now: string,
  ): Promise<void> {
    this.pending.set(`${kind}:${sourceId}`, entry);
  }

  /** Writes the open transaction's rows; call it last in that transaction. */
  async flush(trx: Kysely<Database>, now: string): Promise<void> {
    const rows = [...this.pending].map(([key, entry]) => {
      const colon = key.indexOf(':');
      return {
        source_site: this.site,
        source_kind: key.slice(0, colon),
        source_id: key.slice(colon + 1),
        local_kind: entry.localKind,
        local_id: entry.localId,
        source_hash: entry.hash,
        local_version: entry.localVersion,
        created_at: now,
        updated_at: now,
      };
    });
    for (let i = 0; i < rows.length; i += FLUSH_ROWS) {
      await trx
        .insertInto('import_items')
        .values(rows.slice(i, i + FLUSH_ROWS))
        .onConflict((oc) =>
          oc.columns(['source_site', 'source_kind', 'source_id']).doUpdateSet((eb) => ({
            local_kind: eb.ref('excluded.local_kind'),
            local_id: eb.ref('excluded.local_id'),
            source_hash: eb.ref('excluded.source_hash'),
            local_version: eb.ref('excluded.local_version'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }
}

// Nine values a row: a hundred rows stay well under SQLite's limit of 32,766 parameters a statement.
const FLUSH_ROWS = 100;

/** The fingerprint of a source record as read: the same record gives the same hash in any run. */
export function recordHash(record: unknown): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('base64url');
}
