// A table's id counter moved forward by hand, for rows written under ids of their own (an archive's, a
// WordPress import's): PostgreSQL's serial sequence never sees explicit ids, so without this the next new row
// would collide; SQLite's AUTOINCREMENT follows explicit ids by itself, but a counter moved before the rows
// are written keeps a fresh id from landing on one a later row of the same run means to keep. Only ever
// forward: a counter already past (rows made and deleted since) must not hand an id out again.
import { type Kysely, sql } from 'kysely';
import { dialectOf } from './prepared.js';
import type { Database } from './schema.js';

/** After this, `table`'s next fresh id is above `id` (nothing to do for an id below 1). */
export async function moveIdCounterPast(db: Kysely<Database>, table: string, id: number): Promise<void> {
  if (id < 1) return;
  if (dialectOf(db) === 'postgres') {
    await sql`select setval(s.seq, greatest(coalesce(pg_sequence_last_value(s.seq), 0), ${id}))
      from (select pg_get_serial_sequence(${table}, 'id')::regclass as seq) s`.execute(db);
    return;
  }
  // AUTOINCREMENT takes one more than the greater of this row's seq and the table's highest id.
  const updated = await sql`update sqlite_sequence set seq = max(seq, ${id}) where name = ${table}`.execute(
    db,
  );
  if (Number(updated.numAffectedRows ?? 0) === 0)
    await sql`insert into sqlite_sequence (name, seq) values (${table}, ${id})`.execute(db);
}

/** Moves each table's counter past the highest id it holds now (after rows were written under their own ids). */
export async function moveIdCountersPastRows(db: Kysely<Database>, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const { rows } = await sql<{
      highest: number | string | null;
    }>`select max(id) as highest from ${sql.table(table)}`.execute(db);
    await moveIdCounterPast(db, table, Number(rows[0]?.highest ?? 0));
  }
}
