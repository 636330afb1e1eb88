// The background work on both databases: roll-ups by hour and day per dimension (idempotent, late events
// counted by the next run, safe beside another instance), pruning that never drops an uncounted event, and
// the daily salt (one per day for every instance, yesterday's deleted and its visitors unlinkable).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { DailySalt, deleteOldSalts, visitorHash } from './daily-salt.js';
import type { EventRow } from './event-buffer.js';
import { runAnalyticsJobs } from './jobs.js';
import { pruneEvents, rolledUntil, runRollups } from './rollups.js';

const event = (at: string, over: Partial<EventRow> = {}): EventRow => ({
  occurred_at: at,
  kind: 'pageview',
  path: '/articles/one',
  article_id: 1,
  section_id: 10,
  author_id: 100,
  visitor: 'v1',
  source: null,
  campaign: null,
  medium: null,
  device: 'desktop',
  value: 0,
  ...over,
});

describe.each(testDatabases)('roll-ups, pruning and salts on $name', (database) => {
  let storage: TestStorage;
  beforeEach(async () => {
    storage = await database.open();
  });
  afterEach(() => storage.cleanup());

  const insert = (rows: EventRow[]) => storage.db.insertInto('analytics_events').values(rows).execute();
  const rollups = (granularity: 'hour' | 'day', dimension: string) =>
    storage.db
      .selectFrom('analytics_rollups')
      .selectAll()
      .where('granularity', '=', granularity)
      .where('dimension', '=', dimension)
      .orderBy('bucket')
      .orderBy('dimension_value')
      .execute();

  it('counts views, visitors, engaged time, read depth and clicks per hour and day, per dimension', async () => {
    await insert([
      event('2026-12-01T09:10:00.000Z', { source: 'example.org', campaign: 'winter' }),
      event('2026-12-01T09:20:00.000Z', { kind: 'depth', value: 25 }),
      event('2026-12-01T09:21:00.000Z', { kind: 'depth', value: 50 }),
      event('2026-12-01T09:22:00.000Z', { kind: 'engaged', value: 15 }),
      event('2026-12-01T09:23:00.000Z', { kind: 'engaged', value: 7 }),
      event('2026-12-01T10:05:00.000Z', { visitor: 'v2', device: 'mobile' }),
      event('2026-12-01T10:06:00.000Z', { visitor: null }),
      event('2026-12-01T10:07:00.000Z', { kind: 'support' }),
      event('2026-12-01T10:08:00.000Z', { kind: 'expand' }),
      event('2026-12-01T10:09:00.000Z', { kind: 'app' }),
      event('2026-12-01T11:00:00.000Z', { article_id: 2, visitor: 'v1' }),
      event('2026-12-02T08:00:00.000Z', { visitor: 'v1' }),
    ]);
    const outcome = await runRollups(storage.db, new Date('2026-12-02T12:00:00Z'));
    expect(outcome).toMatchObject({ ran: true, from: '2026-12-01T00:00:00.000Z' });

    const site = await rollups('day', 'site');
    expect(site.map((r) => [r.bucket, r.views, r.visitors])).toEqual([
      ['2026-12-01T00:00:00.000Z', 4, 2],
      ['2026-12-02T00:00:00.000Z', 1, 1],
    ]);
    expect(site[0]).toMatchObject({
      engaged_seconds: 22,
      depth_25: 1,
      depth_50: 1,
      depth_75: 0,
      support_clicks: 1,
      expands: 1,
      app_clicks: 1,
    });
    const articles = await rollups('day', 'article');
    expect(articles.map((r) => [r.bucket.slice(0, 10), r.dimension_value, r.views])).toEqual([
      ['2026-12-01', '1', 3],
      ['2026-12-01', '2', 1],
      ['2026-12-02', '1', 1],
    ]);
    const hours = await rollups('hour', 'site');
    expect(hours.map((r) => [r.bucket, r.views])).toEqual([
      ['2026-12-01T09:00:00.000Z', 1],
      ['2026-12-01T10:00:00.000Z', 2],
      ['2026-12-01T11:00:00.000Z', 1],
      ['2026-12-02T08:00:00.000Z', 1],
    ]);
    expect((await rollups('day', 'source')).map((r) => [r.dimension_value, r.views])).toEqual([
      ['(direct)', 3],
      ['example.org', 1],
      ['(direct)', 1],
    ]);
    expect((await rollups('day', 'campaign')).map((r) => [r.dimension_value, r.views])).toEqual([
      ['winter', 1],
    ]);
    expect((await rollups('day', 'device')).map((r) => [r.dimension_value, r.views])).toEqual([
      ['desktop', 3],
      ['mobile', 1],
      ['desktop', 1],
    ]);
    expect((await rollups('day', 'section'))[0]).toMatchObject({ dimension_value: '10', views: 4 });
    expect((await rollups('day', 'author'))[0]).toMatchObject({ dimension_value: '100', views: 4 });
  });

  it('is idempotent, and counts late events on the next run without counting anything twice', async () => {
    await insert([event('2026-12-02T08:00:00.000Z'), event('2026-12-02T08:30:00.000Z', { visitor: 'v2' })]);
    await runRollups(storage.db, new Date('2026-12-02T12:00:00Z'));
    await runRollups(storage.db, new Date('2026-12-02T12:01:00Z'));
    expect((await rollups('day', 'site'))[0]).toMatchObject({ views: 2, visitors: 2 });
    // Written late, stamped before the last run reached: still counted, once.
    await insert([event('2026-12-02T11:58:00.000Z', { visitor: 'v3' })]);
    await runRollups(storage.db, new Date('2026-12-03T00:02:00Z'));
    expect(await rollups('day', 'site')).toHaveLength(1);
    expect((await rollups('day', 'site'))[0]).toMatchObject({ views: 3, visitors: 3 });
  });

  it('runs once at a time beside other instances', async () => {
    await insert([event('2026-12-02T08:00:00.000Z')]);
    const now = new Date('2026-12-02T12:00:00Z');
    const outcomes = await Promise.all([
      runRollups(storage.db, now),
      runRollups(storage.db, now),
      runRollups(storage.db, now),
    ]);
    expect(outcomes.some((o) => o.ran)).toBe(true);
    expect((await rollups('day', 'site'))[0]).toMatchObject({ views: 1 });
  });

  it('prunes events past retention, never one the roll-ups have not counted, and keeps the roll-ups', async () => {
    await insert([event('2026-10-01T08:00:00.000Z'), event('2026-11-30T08:00:00.000Z')]);
    // Nothing rolled up yet: nothing is pruned, however old.
    expect(await pruneEvents(storage.db, new Date('2026-12-02T12:00:00Z'), 30)).toBe(0);
    await runRollups(storage.db, new Date('2026-12-02T12:00:00Z'));
    expect(await pruneEvents(storage.db, new Date('2026-12-02T12:00:00Z'), 30)).toBe(1);
    const left = await storage.db.selectFrom('analytics_events').select('occurred_at').execute();
    expect(left.map((r) => r.occurred_at)).toEqual(['2026-11-30T08:00:00.000Z']);
    expect((await rollups('day', 'site')).map((r) => r.bucket.slice(0, 10))).toEqual([
      '2026-10-01',
      '2026-11-30',
    ]);
    // The next run starts from its last day: the pruned October day keeps its roll-up.
    await runRollups(storage.db, new Date('2026-12-02T13:00:00Z'));
    expect(await rollups('day', 'site')).toHaveLength(2);
    expect(await rolledUntil(storage.db)).toBe('2026-12-02T12:55:00.000Z');
  });

  it('shares one salt a day between instances, and forgets yesterday’s so its visitors cannot be linked', async () => {
    const day1 = new Date('2026-12-01T23:59:00Z');
    const day2 = new Date('2026-12-02T00:01:00Z');
    const [a, b] = [new DailySalt(storage.db), new DailySalt(storage.db)];
    const [salt1a, salt1b] = await Promise.all([a.saltFor(day1), b.saltFor(day1)]);
    expect(salt1a).toBe(salt1b);
    const salt2 = await a.saltFor(day2);
    expect(salt2).not.toBe(salt1a);
    const yesterday = visitorHash(salt1a, 'news.example', '203.0.113.7', 'Firefox');
    const today = visitorHash(salt2, 'news.example', '203.0.113.7', 'Firefox');
    expect(today).not.toBe(yesterday);

    const outcome = await runAnalyticsJobs({ db: storage.db, retentionDays: 30, clock: () => day2 });
    expect(outcome.saltsDeleted).toBe(1);
    const kept = await storage.db.selectFrom('analytics_salts').select('day').execute();
    expect(kept.map((r) => r.day)).toEqual(['2026-12-02']);
    // Yesterday's salt is gone: asking for that day again makes a new one, and the old hash cannot be made.
    const remade = await new DailySalt(storage.db).saltFor(day1);
    expect(visitorHash(remade, 'news.example', '203.0.113.7', 'Firefox')).not.toBe(yesterday);
    expect(await deleteOldSalts(storage.db, day2)).toBe(1);
  });
});
