// /metrics through the real app on both databases: only for the bearer of METRICS_TOKEN (404 without the
// setting), never cached, and counting what readers did: requests by route pattern (not the address), the
// caches, pages the fast path replayed over a real socket, the database's queries and pool, the queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { addArticle, addSection } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { ConfigError, loadConfig } from '../config.js';

const TOKEN = 'metrics-token-0123456789';
const bearer = { authorization: `Bearer ${TOKEN}` };

/** The value of one series in Prometheus's text format; undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('METRICS_TOKEN', () => {
  it('must be long enough not to be guessed, and is never quoted back', () => {
    for (const value of ['too-short', 'sixteen chars!! with spaces']) {
      const error = (() => {
        try {
          loadConfig({ METRICS_TOKEN: value });
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('METRICS_TOKEN');
      expect((error as Error).message).not.toContain(value);
    }
    expect(loadConfig({ METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
  });
});

describe('without METRICS_TOKEN', () => {
  it('has no /metrics', async () => {
    const t = await buildTestApp();
    try {
      const response = await t.app.inject({ url: '/metrics', headers: bearer });
      expect(response.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});

describe.each(testDatabases)('/metrics ($name)', (database) => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await buildTestApp({ database, env: { METRICS_TOKEN: TOKEN } });
    const sectionId = await addSection(t.storage.db, 'city', 'City');
    for (const slug of ['first-story', 'second-story'])
      await addArticle(t.storage.db, { slug, headline: `Headline of ${slug}`, sectionId });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  });
  afterAll(() => t?.close());

  it('answers only the bearer of the token, and is never cached', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: TOKEN },
    ]) {
      const refused = await t.app.inject({ url: '/metrics', headers });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toContain('Bearer');
      expect(refused.body).not.toContain('broadsheet_');
    }
    const first = await fetch(`${base}/metrics`, { headers: bearer });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/plain');
    expect(first.headers.get('cache-control')).toBe('no-store');
    await first.text();
    // Asked again over the socket: still the app answering (the fast path replays cached pages only).
    const before = t.replayCachedPage.replayed;
    expect((await fetch(`${base}/metrics`, { headers: bearer })).status).toBe(200);
    expect(t.replayCachedPage.replayed).toBe(before);
    expect(t.pageCache.has('/metrics')).toBe(false);
  });

  it('counts requests by route pattern, the caches, replayed pages, queries, pool and queues', async () => {
    // Over the socket: the first GET renders and caches, the next two are replayed before Fastify.
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}/articles/first-story`)).status).toBe(200);
    expect((await fetch(`${base}/articles/second-story`)).status).toBe(200);
    expect((await fetch(`${base}/articles/no-such-story`)).status).toBe(404);
    expect((await fetch(`${base}/no/such/page?token=secret`)).status).toBe(404);

    const text = await (await fetch(`${base}/metrics`, { headers: bearer })).text();
    const route = (pattern: string, status: string) =>
      `broadsheet_http_request_duration_seconds_count{route="${pattern}",method="GET",status_class="${status}"}`;
    // Two renders of the pattern answered 2xx, one 4xx; never the address itself.
    expect(sample(text, route('/articles/:slug', '2xx'))).toBe(2);
    expect(sample(text, route('/articles/:slug', '4xx'))).toBe(1);
    expect(sample(text, route('(no route)', '4xx'))).toBe(1);
    expect(text).not.toContain('first-story');
    expect(text).not.toContain('secret');
    expect(sample(text, 'broadsheet_http_replayed_requests_total')).toBe(2);

    expect(sample(text, 'broadsheet_page_cache_hits_total')).toBe(2);
    expect(sample(text, 'broadsheet_page_cache_misses_total')).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'broadsheet_page_cache_entries')).toBe(2);
    expect(sample(text, 'broadsheet_page_cache_bytes')).toBeGreaterThan(1000);
    expect(sample(text, 'broadsheet_story_cache_misses_total')).toBe(2);

    expect(sample(text, 'broadsheet_db_query_duration_seconds_count')).toBeGreaterThan(3);
    expect(sample(text, 'broadsheet_db_query_errors_total')).toBe(0);
    expect(sample(text, 'broadsheet_image_queue{state="waiting"}')).toBe(0);
    expect(sample(text, 'broadsheet_image_queue{state="running"}')).toBe(0);
    expect(sample(text, 'broadsheet_scheduled_articles_due')).toBe(0);
    if (database.name === 'postgres') {
      expect(sample(text, 'broadsheet_db_pool_connections{state="total"}')).toBeGreaterThan(0);
      expect(sample(text, 'broadsheet_db_pool_connections{state="waiting"}')).toBe(0);
    } else {
      expect(text).not.toContain('broadsheet_db_pool_connections');
    }
    // prom-client's process metrics: event-loop lag and memory.
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counts a scheduled article that is due and not yet published', async () => {
    const id = await addArticle(t.storage.db, { slug: 'due-story', status: 'scheduled' });
    await t.storage.db
      .updateTable('articles')
      .set({ scheduled_at: new Date(Date.now() - 60_000).toISOString(), published_at: null })
      .where('id', '=', id)
      .execute();
    const text = (await t.app.inject({ url: '/metrics', headers: bearer })).body;
    expect(sample(text, 'broadsheet_scheduled_articles_due')).toBe(1);
  });

  it('reports the webhook queue: deliveries not finished yet', async () => {
    const db = t.storage.db;
    const at = new Date().toISOString();
    const before = (await t.app.inject({ url: '/metrics', headers: bearer })).body;
    expect(sample(before, 'broadsheet_queue_depth{queue="webhooks"}')).toBe(0);
    const endpoint = await db
      .insertInto('webhook_endpoints')
      .values({
        url: 'https://hooks.example.org/in',
        events: '["article.published"]',
        secret: 'whsec_x',
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = await db
      .insertInto('webhook_events')
      .values({ message_id: 'msg_metrics', type: 'article.published', data: '{}', created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('webhook_deliveries')
      .values([
        {
          event_id: event.id,
          endpoint_id: endpoint.id,
          status: 'pending',
          next_attempt_at: at,
          created_at: at,
        },
      ])
      .execute();
    const text = (await t.app.inject({ url: '/metrics', headers: bearer })).body;
    expect(sample(text, 'broadsheet_queue_depth{queue="webhooks"}')).toBe(1);
  });
});
