// What earlier runs imported from a source site (import_items). People, sections, tags and media are few:
// read once at the start of a run. Posts, pages and comments are looked up a batch at a time (`lookUp`, one
// query per few hundred source ids) and let go once the batch is written (`release`), so that the run's
// memory does not grow with the file. Rows are written in each item's own transaction, so the item and its
// row here commit together or not at all.
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

/** The kinds an export holds one of per post or more: looked up per batch, never all at once. */
const PER_POST: ReadonlySet<string> = new Set<SourceKind>(['article', 'page', 'comment']);
/** Source ids a lookup query names: well under SQLite's limit of parameters a statement. */
const LOOKUP_IDS = 500;

export class Ledger {
  /** Rows written in the open transaction: they count only once it commits (`settle`). */
  private pending = new Map<string, LedgerEntry>();
  /** Posts, pages and comments of the batch at hand, read by `lookUp` or written since. */
  private atHand = new Map<string, LedgerEntry>();
  /** A dry run's posts, pages and comments that would be written: nothing in import_items to look up. */
  private readonly remembered = new Map<string, LedgerEntry>();

  private constructor(
    private readonly db: Kysely<Database>,
    readonly site: string,
    private readonly standing: Map<string, LedgerEntry>,
  ) {}

  /** The open transaction committed (true) or rolled back (false): keep or forget what it wrote. */
  settle(committed: boolean): void {
    if (committed) for (const [key, entry] of this.pending) this.mapFor(key).set(key, entry);
    this.pending = new Map();
  }

  private mapFor(key: string): Map<string, LedgerEntry> {
    return PER_POST.has(key.slice(0, key.indexOf(':'))) ? this.atHand : this.standing;
  }

  static async load(db: Kysely<Database>, site: string): Promise<Ledger> {
    const rows = await db
      .selectFrom('import_items')
      .select(['source_kind', 'source_id', 'local_kind', 'local_id', 'source_hash', 'local_version'])
      .where('source_site', '=', site)
      .where('source_kind', 'not in', [...PER_POST])
      .execute();
    return new Ledger(db, site, new Map(rows.map((r) => [`${r.source_kind}:${r.source_id}`, entryOf(r)])));
  }

  /** Reads the rows of these posts, pages or comments, for `get` to find until `release`. */
  async lookUp(kind: SourceKind, sourceIds: readonly string[]): Promise<void> {
    const unique = [...new Set(sourceIds)];
    for (let i = 0; i < unique.length; i += LOOKUP_IDS) {
      const rows = await this.db
        .selectFrom('import_items')
        .select(['source_id', 'local_kind', 'local_id', 'source_hash', 'local_version'])
        .where('source_site', '=', this.site)
        .where('source_kind', '=', kind)
        .where('source_id', 'in', unique.slice(i, i + LOOKUP_IDS))
        .execute();
      for (const r of rows) this.atHand.set(`${kind}:${r.source_id}`, entryOf(r));
    }
  }

  /** Lets go of the posts, pages and comments looked up or written: the batch is done. */
  release(): void {
    this.atHand = new Map();
  }

  get(kind: SourceKind, sourceId: string): LedgerEntry | undefined {
    const key = `${kind}:${sourceId}`;
    return (
      this.pending.get(key) ?? this.atHand.get(key) ?? this.standing.get(key) ?? this.remembered.get(key)
    );
  }

  /** Notes an item written (or, in a dry run, that would be) so later items of this run find it. */
  remember(kind: SourceKind, sourceId: string, entry: LedgerEntry): void {
    const key = `${kind}:${sourceId}`;
    (PER_POST.has(kind) ? this.remembered : this.standing).set(key, entry);
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

function entryOf(r: {
  local_kind: string;
  local_id: number;
  source_hash: string;
  local_version: number | null;
}): LedgerEntry {
  return { localKind: r.local_kind, localId: r.local_id, hash: r.source_hash, localVersion: r.local_version };
}

// Nine values a row: a hundred rows stay well under SQLite's limit of 32,766 parameters a statement.
const FLUSH_ROWS = 100;

/** The fingerprint of a source record as read: the same record gives the same hash in any run. */
export function recordHash(record: unknown): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('base64url');
}
