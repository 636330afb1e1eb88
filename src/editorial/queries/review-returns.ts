// The SQL of review returns: the step with its notes, the writers told of it, and what each writer still has
// to act on. A return is "open" while its article is a draft nobody has submitted again since.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';

type Db = Kysely<Database>;

export async function insertReturnStep(
  db: Db,
  values: { articleId: number; staffId: number; via: string | null; note: string; at: string },
): Promise<number> {
  const row = await db
    .insertInto('article_activity')
    .values({
      article_id: values.articleId,
      action: 'returned',
      staff_id: values.staffId,
      via: values.via,
      note: values.note,
      created_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertNotices(db: Db, activityId: number, staffIds: number[]): Promise<void> {
  if (staffIds.length === 0) return;
  await db
    .insertInto('review_notices')
    .values(staffIds.map((staff_id) => ({ activity_id: activityId, staff_id, seen_at: null })))
    .execute();
}

/** Returns whose article has not been submitted again since (a later 'submitted' step closes them). */
function openReturns(db: Db) {
  return db
    .selectFrom('article_activity as r')
    .innerJoin('articles', 'articles.id', 'r.article_id')
    .where('r.action', '=', 'returned')
    .where('r.note', 'is not', null)
    .where('articles.status', '=', 'draft')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('article_activity as later')
            .select('later.id')
            .whereRef('later.article_id', '=', 'r.article_id')
            .where('later.action', '=', 'submitted')
            .whereRef('later.id', '>', 'r.id'),
        ),
      ),
    );
}

/** The latest open return of one article, with its notes: the notice at the top of its editor. */
export function selectOpenReturn(db: Db, articleId: number) {
  return openReturns(db)
    .select(['r.id', 'r.staff_id', 'r.note', 'r.created_at'])
    .where('r.article_id', '=', articleId)
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Every open return this writer was told of, newest first, with whether they have opened it. */
export function selectOpenReturnsFor(db: Db, staffId: number, limit: number) {
  return openReturns(db)
    .innerJoin('review_notices as n', 'n.activity_id', 'r.id')
    .select(['r.id', 'r.article_id', 'r.staff_id', 'r.created_at', 'articles.headline', 'n.seen_at'])
    .where('n.staff_id', '=', staffId)
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}

/** How many open returns this writer was told of and has not opened: one indexed count. */
export async function countUnreadReturnsFor(db: Db, staffId: number): Promise<number> {
  const row = await openReturns(db)
    .innerJoin('review_notices as n', 'n.activity_id', 'r.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('n.staff_id', '=', staffId)
    .where('n.seen_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks this writer's notices about the article as read (they opened it). */
export async function markNoticesSeen(db: Db, staffId: number, articleId: number, at: string) {
  const activityIds = db
    .selectFrom('article_activity')
    .select('id')
    .where('article_id', '=', articleId)
    .where('action', '=', 'returned');
  await db
    .updateTable('review_notices')
    .set({ seen_at: at })
    .where('staff_id', '=', staffId)
    .where('seen_at', 'is', null)
    .where('activity_id', 'in', activityIds)
    .execute();
}

/** When the article was last submitted for review; null if no step recorded it. */
export async function selectLastSubmittedAt(db: Db, articleId: number): Promise<string | null> {
  const row = await db
    .selectFrom('article_activity')
    .select('created_at')
    .where('article_id', '=', articleId)
    .where('action', '=', 'submitted')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at ?? null;
}
