// Moving an article to the trash and restoring it are workflow steps like the others, so its history says who
// did them and when: article_activity's CHECK on `action` gains 'trashed' and 'restored'. PostgreSQL swaps the
// constraint. SQLite cannot alter a CHECK, so the table is rebuilt (the migration run is one transaction there,
// migrate.ts); review_notices' rows, which dropping the old table deletes by cascade, are kept aside and put
// back.
import { type Kysely, sql } from 'kysely';
import { columnTypes } from './types.js';

const BEFORE = ['submitted', 'returned', 'published', 'scheduled', 'unpublished'];
const AFTER = [...BEFORE, 'trashed', 'restored'];

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
async function allowActions(db: Kysely<any>, actions: string[]): Promise<void> {
  const allowed = sql.join(actions.map((a) => sql.lit(a)));
  if (columnTypes(db).postgres) {
    await sql`alter table article_activity drop constraint if exists article_activity_action_check`.execute(
      db,
    );
    await sql`alter table article_activity add constraint article_activity_action_check check (action in (${allowed}))`.execute(
      db,
    );
    return;
  }
  await sql`create table article_activity_next (
    id integer primary key autoincrement,
    article_id integer not null references articles (id) on delete cascade,
    action text not null check (action in (${allowed})),
    staff_id integer references staff (id) on delete set null,
    via text,
    created_at text not null,
    note text
  )`.execute(db);
  await sql`insert into article_activity_next (id, article_id, action, staff_id, via, created_at, note)
    select id, article_id, action, staff_id, via, created_at, note from article_activity`.execute(db);
  await sql`create temp table review_notices_kept as select * from review_notices`.execute(db);
  await sql`drop table article_activity`.execute(db);
  await sql`alter table article_activity_next rename to article_activity`.execute(db);
  await sql`insert into review_notices (activity_id, staff_id, seen_at)
    select activity_id, staff_id, seen_at from review_notices_kept`.execute(db);
  await sql`drop table review_notices_kept`.execute(db);
  await db.schema
    .createIndex('article_activity_article')
    .on('article_activity')
    .columns(['article_id', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  await allowActions(db, AFTER);
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('article_activity').where('action', 'in', ['trashed', 'restored']).execute();
  await allowActions(db, BEFORE);
}
