// The SQL of revisions: every save is one row holding the whole field set, never changed afterwards.
import type { Insertable, Kysely } from 'kysely';
import { insertRows } from '../../storage/row-insert.js';
import type { ArticleRevisionsTable, Database } from '../../storage/schema.js';

type Db = Kysely<Database>;

export async function insertRevision(db: Db, values: Insertable<ArticleRevisionsTable>): Promise<void> {
  await insertRows(db, 'article_revisions', [values]);
}

export function selectRevisions(db: Db, articleId: number) {
  return db
    .selectFrom('article_revisions')
    .select(['version', 'kind', 'created_by', 'created_at', 'via'])
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .execute();
}

export function selectRevision(db: Db, articleId: number, version: number) {
  return db
    .selectFrom('article_revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('version', '=', version)
    .executeTakeFirst();
}
