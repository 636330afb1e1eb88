// The SQL of corrections. There is no DELETE here on purpose: a correction, once published, is history.
import type { Insertable, Kysely } from 'kysely';
import type { CorrectionsTable, Database } from '../../storage/schema.js';

type Db = Kysely<Database>;

export async function insertCorrection(db: Db, values: Insertable<CorrectionsTable>): Promise<number> {
  return (await db.insertInto('corrections').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export function selectCorrection(db: Db, id: number) {
  return db.selectFrom('corrections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks a correction withdrawn unless it already is; false when someone withdrew it first. */
export async function markWithdrawn(db: Db, id: number, by: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('corrections')
    .set({ withdrawn_at: at, withdrawn_by: by })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function selectCorrectionsOf(db: Db, articleId: number) {
  return db
    .selectFrom('corrections')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('published_at')
    .orderBy('id')
    .execute();
}
