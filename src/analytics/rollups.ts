// Raw events rolled up by hour and by UTC day, per article, section, author, source, campaign and device
// class (and the whole site), in SQL on either database. Every run recomputes the buckets from the start
// of the day it last reached, so a run is idempotent and an event written late (a buffer flushed a few
// seconds after its time) is counted by the next run. Roll-ups are kept forever; events go after retention.
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { AnalyticsRollupsTable, Database } from '../storage/schema.js';

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

// One SELECT per granularity and dimension: the roll-up rows of every bucket from `from` on.
function aggregates(postgres: boolean, from: string) {
  const selects = [];
  for (const granularity of ['hour', 'day'] as const) {
    const bucket = sql.raw(bucketExpression(postgres, granularity));
    for (const dimension of DIMENSIONS) {
      const value = sql.raw(DIMENSION_VALUE[dimension]);
      selects.push(sql<AnalyticsRollupsTable>`
        select cast(${granularity} as text) as granularity, ${bucket} as bucket,
          cast(${dimension} as text) as dimension, ${value} as dimension_value,
          sum(case when kind = 'pageview' then 1 else 0 end) as views,
          count(distinct case when kind = 'pageview' then visitor end) as visitors,
          sum(case when kind = 'engaged' then value else 0 end) as engaged_seconds,
          sum(case when kind = 'depth' and value = 25 then 1 else 0 end) as depth_25,
          sum(case when kind = 'depth' and value = 50 then 1 else 0 end) as depth_50,
          sum(case when kind = 'depth' and value = 75 then 1 else 0 end) as depth_75,
          sum(case when kind = 'depth' and value = 100 then 1 else 0 end) as depth_100,
          sum(case when kind = 'expand' then 1 else 0 end) as expands,
          sum(case when kind = 'app' then 1 else 0 end) as app_clicks,
          sum(case when kind = 'support' then 1 else 0 end) as support_clicks
        from analytics_events
        where occurred_at >= ${from} and ${value} is not null
        -- by position: the site's constant '' cannot be named in a PostgreSQL GROUP BY
        group by 2, 4`);
    }
  }
  return selects;
}

const COLUMNS = sql.raw(
  'granularity, bucket, dimension, dimension_value, views, visitors, engaged_seconds, depth_25, depth_50, depth_75, depth_100, expands, app_clicks, support_clicks',
);
// SQLite binds at most 32,766 values a statement: 14 a row.
const ROWS_PER_INSERT = 2000;

export interface RollupOutcome {
  /** False when another instance held the lock (PostgreSQL): it is doing the same work. */
  ran: boolean;
  from: string | null;
  rolledUntil: string;
}

/**
 * One run: the buckets from the day the last run reached, replaced in one transaction, so readers of the
 * dashboard never see a day half recomputed. On PostgreSQL an advisory lock lets one instance run at a time;
 * on SQLite (one machine) the jobs run once per machine, one run at a time.
 */
export async function runRollups(db: Kysely<Database>, now: Date): Promise<RollupOutcome> {
  const rolledUntil = new Date(now.getTime() - LATE_EVENTS_MS).toISOString();
  if (isPostgres(db)) {
    return db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_xact_lock(hashtext('broadsheet:analytics-rollups')) as locked`.execute(trx);
      if (!rows[0]?.locked) return { ran: false, from: null, rolledUntil };
      const from = await firstDayToCount(trx, rolledUntil);
      await trx.deleteFrom('analytics_rollups').where('bucket', '>=', from).execute();
      for (const select of aggregates(true, from)) {
        await sql`insert into analytics_rollups (${COLUMNS}) ${select}`.execute(trx);
      }
      await saveRolledUntil(trx, rolledUntil);
      return { ran: true, from, rolledUntil };
    });
  }
  // SQLite has one writer for the whole database: the aggregation (seconds on a busy day) is read outside the
  // write transaction, since a WAL reader blocks no writer, and only its rows are written inside it. Events
  // written in between are counted by the next run, which starts from the same day.
  const from = await firstDayToCount(db, rolledUntil);
  const computed: AnalyticsRollupsTable[] = [];
  for (const select of aggregates(false, from)) computed.push(...(await select.execute(db)).rows);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('analytics_rollups').where('bucket', '>=', from).execute();
    for (let i = 0; i < computed.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('analytics_rollups')
        .values(computed.slice(i, i + ROWS_PER_INSERT))
        .execute();
    }
    await saveRolledUntil(trx, rolledUntil);
  });
  return { ran: true, from, rolledUntil };
}

/** The start of the day the last run reached (or of the oldest event, the first time). */
async function firstDayToCount(db: Kysely<Database>, rolledUntil: string): Promise<string> {
  const state = await db
    .selectFrom('analytics_rollup_state')
    .select('rolled_until')
    .where('name', '=', STATE)
    .executeTakeFirst();
  const oldest = state
    ? null
    : await db
        .selectFrom('analytics_events')
        .select((eb) => eb.fn.min('occurred_at').as('at'))
        .executeTakeFirst();
  const since = state?.rolled_until ?? (oldest?.at as string | null | undefined) ?? rolledUntil;
  return startOfUtcDay(new Date(since).toISOString());
}

async function saveRolledUntil(db: Kysely<Database>, rolledUntil: string): Promise<void> {
  await db
    .insertInto('analytics_rollup_state')
    .values({ name: STATE, rolled_until: rolledUntil })
    .onConflict((oc) => oc.column('name').doUpdateSet({ rolled_until: rolledUntil }))
    .execute();
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
