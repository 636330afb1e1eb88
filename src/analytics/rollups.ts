// Raw events rolled up by hour and by UTC day, per article, section, author, source, campaign and device
// class (and the whole site), in SQL on either database. Every run recomputes the buckets from the start
// of the day it last reached, so a run is idempotent and an event written late (a buffer flushed a few
// seconds after its time) is counted by the next run. Roll-ups are kept forever; events go after retention.
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../storage/schema.js';

export const DIMENSIONS = ['site', 'article', 'section', 'author', 'source', 'campaign', 'device'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

// What names a row of each dimension; rows where it is null do not belong to that dimension.
const DIMENSION_VALUE: Record<Dimension, string> = {
  site: "''",
  article: 'cast(article_id as text)',
  section: 'cast(section_id as text)',
  author: 'cast(author_id as text)',
  source: "coalesce(source, '(direct)')",
  campaign: 'campaign',
  device: 'device',
};

// Events stamped this long before a run may still sit in an instance's buffer: the next run starts from
// their day again.
export const LATE_EVENTS_MS = 5 * 60 * 1000;

const STATE = 'rollups';

const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

function bucketExpression(postgres: boolean, granularity: 'hour' | 'day'): string {
  if (postgres) return `(date_trunc('${granularity}', occurred_at at time zone 'UTC') at time zone 'UTC')`;
  return granularity === 'hour'
    ? "(substr(occurred_at, 1, 13) || ':00:00.000Z')"
    : "(substr(occurred_at, 1, 10) || 'T00:00:00.000Z')";
}

export const startOfUtcDay = (iso: string): string => `${iso.slice(0, 10)}T00:00:00.000Z`;

/** Recomputes every roll-up from `from` (a UTC day's start) on, from the raw events still kept. */
export async function rollUpFrom(db: Kysely<Database>, from: string): Promise<void> {
  const postgres = isPostgres(db);
  await db.deleteFrom('analytics_rollups').where('bucket', '>=', from).execute();
  for (const granularity of ['hour', 'day'] as const) {
    const bucket = sql.raw(bucketExpression(postgres, granularity));
    for (const dimension of DIMENSIONS) {
      const value = sql.raw(DIMENSION_VALUE[dimension]);
      await sql`
        insert into analytics_rollups (granularity, bucket, dimension, dimension_value, views, visitors,
          engaged_seconds, depth_25, depth_50, depth_75, depth_100, expands, app_clicks, support_clicks)
        select cast(${granularity} as text), ${bucket}, cast(${dimension} as text), ${value},
          sum(case when kind = 'pageview' then 1 else 0 end),
          count(distinct case when kind = 'pageview' then visitor end),
          sum(case when kind = 'engaged' then value else 0 end),
          sum(case when kind = 'depth' and value = 25 then 1 else 0 end),
          sum(case when kind = 'depth' and value = 50 then 1 else 0 end),
          sum(case when kind = 'depth' and value = 75 then 1 else 0 end),
          sum(case when kind = 'depth' and value = 100 then 1 else 0 end),
          sum(case when kind = 'expand' then 1 else 0 end),
          sum(case when kind = 'app' then 1 else 0 end),
          sum(case when kind = 'support' then 1 else 0 end)
        from analytics_events
        where occurred_at >= ${from} and ${value} is not null
        -- by position: the site's constant '' cannot be named in a PostgreSQL GROUP BY
        group by 2, 4`.execute(db);
    }
  }
}

export interface RollupOutcome {
  /** False when another instance held the lock (PostgreSQL): it is doing the same work. */
  ran: boolean;
  from: string | null;
  rolledUntil: string;
}

/**
 * One run: the buckets from the day the last run reached, in one transaction, so readers of the dashboard
 * never see a day half recomputed. On PostgreSQL an advisory lock lets one instance run at a time; SQLite
 * has one writer anyway.
 */
export async function runRollups(db: Kysely<Database>, now: Date): Promise<RollupOutcome> {
  const rolledUntil = new Date(now.getTime() - LATE_EVENTS_MS).toISOString();
  return db.transaction().execute(async (trx) => {
    if (isPostgres(db)) {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_xact_lock(hashtext('broadsheet:analytics-rollups')) as locked`.execute(trx);
      if (!rows[0]?.locked) return { ran: false, from: null, rolledUntil };
    }
    const state = await trx
      .selectFrom('analytics_rollup_state')
      .select('rolled_until')
      .where('name', '=', STATE)
      .executeTakeFirst();
    const oldest = state
      ? null
      : await trx
          .selectFrom('analytics_events')
          .select((eb) => eb.fn.min('occurred_at').as('at'))
          .executeTakeFirst();
    const since = state?.rolled_until ?? (oldest?.at as string | null | undefined) ?? rolledUntil;
    const from = startOfUtcDay(new Date(since).toISOString());
    await rollUpFrom(trx, from);
    await trx
      .insertInto('analytics_rollup_state')
      .values({ name: STATE, rolled_until: rolledUntil })
      .onConflict((oc) => oc.column('name').doUpdateSet({ rolled_until: rolledUntil }))
      .execute();
    return { ran: true, from, rolledUntil };
  });
}

/** How far the roll-ups have counted (null: never ran). */
export async function rolledUntil(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('analytics_rollup_state')
    .select('rolled_until')
    .where('name', '=', STATE)
    .executeTakeFirst();
  return row?.rolled_until ?? null;
}

/**
 * Deletes raw events past retention, but never one the roll-ups have not yet counted: their day is kept
 * until a run has moved past it.
 */
export async function pruneEvents(db: Kysely<Database>, now: Date, retentionDays: number): Promise<number> {
  const retained = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const counted = await rolledUntil(db);
  if (!counted) return 0;
  const before = [retained, startOfUtcDay(counted)].sort()[0]!;
  const result = await db.deleteFrom('analytics_events').where('occurred_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
