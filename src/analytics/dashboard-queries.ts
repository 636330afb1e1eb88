// The dashboard's reads: the roll-ups (by day, or by hour for one day) summed per dimension for a period, and
// the last minutes straight from the raw events. Each reads one index range of analytics_rollups.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { Dimension } from './rollups.js';

type Db = Kysely<Database>;

export interface Totals {
  views: number;
  /** Summed per day: a visitor is recognised for one day only, by design. */
  visitors: number;
  engagedSeconds: number;
  depth25: number;
  depth50: number;
  depth75: number;
  depth100: number;
  expands: number;
  appClicks: number;
  supportClicks: number;
}

export interface DimensionRow extends Totals {
  value: string;
}

const sums = [
  sql<number>`coalesce(sum(views), 0)`.as('views'),
  sql<number>`coalesce(sum(visitors), 0)`.as('visitors'),
  sql<number>`coalesce(sum(engaged_seconds), 0)`.as('engaged_seconds'),
  sql<number>`coalesce(sum(depth_25), 0)`.as('depth_25'),
  sql<number>`coalesce(sum(depth_50), 0)`.as('depth_50'),
  sql<number>`coalesce(sum(depth_75), 0)`.as('depth_75'),
  sql<number>`coalesce(sum(depth_100), 0)`.as('depth_100'),
  sql<number>`coalesce(sum(expands), 0)`.as('expands'),
  sql<number>`coalesce(sum(app_clicks), 0)`.as('app_clicks'),
  sql<number>`coalesce(sum(support_clicks), 0)`.as('support_clicks'),
] as const;

function totalsOf(r: Record<string, unknown>): Totals {
  return {
    views: Number(r.views),
    visitors: Number(r.visitors),
    engagedSeconds: Number(r.engaged_seconds),
    depth25: Number(r.depth_25),
    depth50: Number(r.depth_50),
    depth75: Number(r.depth_75),
    depth100: Number(r.depth_100),
    expands: Number(r.expands),
    appClicks: Number(r.app_clicks),
    supportClicks: Number(r.support_clicks),
  };
}

/** A dimension's values in [from, to), the most viewed first. */
export async function topByDimension(
  db: Db,
  dimension: Dimension,
  from: string,
  to: string,
  limit: number,
): Promise<DimensionRow[]> {
  const rows = await db
    .selectFrom('analytics_rollups')
    .select(['dimension_value', ...sums])
    .where('granularity', '=', 'day')
    .where('dimension', '=', dimension)
    .where('bucket', '>=', from)
    .where('bucket', '<', to)
    .groupBy('dimension_value')
    .orderBy('views', 'desc')
    .orderBy('dimension_value')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ value: r.dimension_value, ...totalsOf(r) }));
}

/** The whole site's buckets in [from, to), by day or by hour. */
export async function siteSeries(
  db: Db,
  granularity: 'hour' | 'day',
  from: string,
  to: string,
): Promise<Array<Totals & { bucket: string }>> {
  const rows = await db
    .selectFrom('analytics_rollups')
    .select(['bucket', ...sums])
    .where('granularity', '=', granularity)
    .where('dimension', '=', 'site')
    .where('dimension_value', '=', '')
    .where('bucket', '>=', from)
    .where('bucket', '<', to)
    .groupBy('bucket')
    .orderBy('bucket')
    .execute();
  return rows.map((r) => ({ bucket: new Date(r.bucket).toISOString(), ...totalsOf(r) }));
}

/** One value of a dimension over all time (an article's whole life, for the editor's panel). */
export async function dimensionTotals(db: Db, dimension: Dimension, value: string): Promise<Totals> {
  const row = await db
    .selectFrom('analytics_rollups')
    .select(sums)
    .where('granularity', '=', 'day')
    .where('dimension', '=', dimension)
    .where('dimension_value', '=', value)
    .executeTakeFirstOrThrow();
  return totalsOf(row);
}

export interface LiveNow {
  views: number;
  visitors: number;
  pages: Array<{ path: string; views: number }>;
}

/** Page views since `since` from the raw events (minutes old, not yet rolled up). */
export async function liveSince(db: Db, since: string): Promise<LiveNow> {
  const [total, pages] = await Promise.all([
    db
      .selectFrom('analytics_events')
      .select((eb) => [
        eb.fn.countAll<number>().as('views'),
        eb.fn.count<number>('visitor').distinct().as('visitors'),
      ])
      .where('occurred_at', '>=', since)
      .where('kind', '=', 'pageview')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('analytics_events')
      .select((eb) => ['path', eb.fn.countAll<number>().as('views')])
      .where('occurred_at', '>=', since)
      .where('kind', '=', 'pageview')
      .groupBy('path')
      .orderBy('views', 'desc')
      .orderBy('path')
      .limit(10)
      .execute(),
  ]);
  return {
    views: Number(total.views),
    visitors: Number(total.visitors),
    pages: pages.map((p) => ({ path: p.path, views: Number(p.views) })),
  };
}
