// A WordPress import writes each new row under its old WordPress id when our table has no row of that id, so
// that apps holding old ids (`/wp-json/wp/v2/posts/123`) keep naming the same story: wordpress-api/ids.ts maps
// a WordPress id to ours as the same number. A row whose id is taken here gets a fresh one, and the report says
// how many of each kind did. Which ids are free is read a batch at a time, one query per table.
//
// A table's id counter (storage/id-counters.ts) is moved past the ids a batch may keep *before* asking which
// are free and writing them: a fresh id handed out between two kept ones could
// otherwise be the very id a later row of the batch keeps, a newsroom insert meanwhile could take one found
// free, and after the run the newsroom's next article would collide with an imported one on PostgreSQL, whose
// sequence never sees explicit ids. Moving it forward early costs only unused numbers, so it need not wait for
// the batch to commit. Other sources' ids (Ghost's are hex) are never kept.
import type { Kysely } from 'kysely';
import { moveIdCounterPast } from '../storage/id-counters.js';
import type { Database } from '../storage/schema.js';
import type { ImportKind } from './import-contract.js';
import type { ReportBuilder } from './report.js';
import type { SourceSystem } from './source-model.js';

export type KeptIdTable = 'articles' | 'pages' | 'sections' | 'tags' | 'authors' | 'media' | 'comments';

const REPORTED_AS: Record<KeptIdTable, ImportKind> = {
  articles: 'articles',
  pages: 'pages',
  sections: 'sections',
  tags: 'tags',
  authors: 'people',
  media: 'media',
  comments: 'comments',
};

// Our ids are 32-bit on both databases (wordpress-api/ids.ts answers nothing above this).
const MAX_ID = 2_147_483_647;
/** Ids a query asks about at once: well under SQLite's limit of parameters a statement. */
const CHECK_IDS = 5000;

export class KeptIds {
  /** Per table, the ids asked about in the batch at hand that no row here has. */
  private readonly free = new Map<KeptIdTable, Set<number>>();
  constructor(
    private readonly system: SourceSystem,
    private readonly report: ReportBuilder,
    /** False in a dry run: ids are only checked, no counter moved. */
    private readonly write: boolean,
  ) {}

  /** The id a source id asks to keep: a WordPress id that fits ours, else undefined. */
  wanted(sourceId: string | undefined): number | undefined {
    if (this.system !== 'wordpress' || !sourceId || !/^[1-9][0-9]{0,9}$/.test(sourceId)) return undefined;
    const id = Number(sourceId);
    return id <= MAX_ID ? id : undefined;
  }

  /** Moves `table`'s id counter past the ids these source ids may keep, so no fresh id is one of them. */
  async reserve(db: Kysely<Database>, table: KeptIdTable, sourceIds: ReadonlyArray<string | undefined>) {
    let highest = 0;
    for (const sourceId of sourceIds) highest = Math.max(highest, this.wanted(sourceId) ?? 0);
    if (this.write) await moveIdCounterPast(db, table, highest);
  }

  /** Reserves these source ids' ids, then reads which are free in `table` for `keep` (one query per table). */
  async check(db: Kysely<Database>, table: KeptIdTable, sourceIds: ReadonlyArray<string | undefined>) {
    await this.reserve(db, table, sourceIds);
    const wanted = [...new Set(sourceIds.map((s) => this.wanted(s)).filter((id) => id !== undefined))];
    const free = new Set(wanted);
    for (let i = 0; i < wanted.length; i += CHECK_IDS) {
      const taken = await db
        .selectFrom(table)
        .select('id')
        .where('id', 'in', wanted.slice(i, i + CHECK_IDS))
        .execute();
      for (const row of taken) free.delete(Number(row.id));
    }
    this.free.set(table, free);
  }

  /**
   * The id a new row of `table` is written under: its WordPress id when `check` found it free, else undefined
   * (the database gives a fresh one), counted for the report when it asked for one.
   */
  keep(table: KeptIdTable, sourceId: string | undefined): number | undefined {
    const id = this.wanted(sourceId);
    if (id === undefined) return undefined;
    if (this.free.get(table)?.has(id)) return id;
    this.report.idNotKept(REPORTED_AS[table]);
    return undefined;
  }
}
