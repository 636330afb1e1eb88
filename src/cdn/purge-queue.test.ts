// The CDN purge queue on both databases against stand-ins of Cloudflare's and Fastly's purge APIs: what a
// newsroom change announces is purged there exactly, in requests the API accepts, once however many
// machines run the queue, again after a failure (later each time, or when the CDN said), and still after
// the process that announced it died. Time is a clock the test moves; nothing sleeps.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCloudflareStandin } from '../../test/support/cloudflare-standin.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { countingEvents, fieldsFor, minutesAfter, newsroom, T0 } from '../../test/support/editorial.js';
import { startFastlyStandin } from '../../test/support/fastly-standin.js';
import { PASS } from '../../test/support/purge-standin.js';
import { createArticle, saveArticle } from '../editorial/drafts.js';
import { publishArticle } from '../editorial/workflow.js';
import { EVERYTHING } from '../http/tagged-cache.js';
import { localContentEvents } from '../storage/content-events.js';
import { durableContentEvents } from '../storage/durable-content-events.js';
import { recordChange } from '../storage/invalidation-log.js';
import { cloudflarePurge } from './cloudflare-purge.js';
import { fastlyPurge } from './fastly-purge.js';
import { cdnPurgeQueue, type PurgeQueue, purgeStatus } from './purge-queue.js';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const CF_TOKEN = 'cf-token-Y3J5cHRpYy1zZWNyZXQtdG9rZW4';
const SERVICE = 'SU1Z0isxPaozGVKXdv0eY';
const FASTLY_TOKEN = 'fastly-token-c2VjcmV0LWZhc3RseS1rZXk';

interface Logged {
  obj: object;
  msg: string;
}

describe.each(testDatabases)('the CDN purge queue on $name', (database) => {
  let storage: TestStorage;
  let clock: number;
  const now = () => clock;
  let logged: Logged[];
  const log = { error: (obj: object, msg: string) => logged.push({ obj, msg }) };
  const queues: PurgeQueue[] = [];
  const closers: Array<() => Promise<void>> = [];

  async function cloudflare() {
    const cdn = await startCloudflareStandin(ZONE, CF_TOKEN);
    closers.push(() => cdn.close());
    const api = cloudflarePurge({ zoneId: ZONE, apiToken: CF_TOKEN, apiUrl: cdn.url, now });
    return { cdn, api };
  }
  async function fastly(softPurge = false) {
    const cdn = await startFastlyStandin(SERVICE, FASTLY_TOKEN);
    closers.push(() => cdn.close());
    const api = fastlyPurge({ serviceId: SERVICE, apiToken: FASTLY_TOKEN, softPurge, apiUrl: cdn.url, now });
    return { cdn, api };
  }
  function queue(api: Parameters<typeof cdnPurgeQueue>[0]['api']) {
    const q = cdnPurgeQueue({ db: storage.db, api, now, log });
    queues.push(q);
    return q;
  }
  /** A queue's first read purges everything (what the CDN holds is unknown to it); the records start after. */
  async function started(q: PurgeQueue, cdn: { purges: unknown[]; forget(): void }) {
    await q.poll();
    expect(cdn.purges).toEqual([{ everything: true }]);
    cdn.forget();
  }
  const record = (tags: string[]) => recordChange(storage.db, tags, 'another-instance', new Date(clock));

  beforeEach(async () => {
    storage = await database.open();
    clock = T0.getTime();
    logged = [];
  });
  afterEach(async () => {
    for (const q of queues.splice(0)) await q.stop();
    for (const close of closers.splice(0)) await close();
    await storage.cleanup();
  });

  it('purges at Cloudflare and Fastly exactly what publishing and editing an article announced', async () => {
    const room = await newsroom(storage.db);
    const events = await durableContentEvents(countingEvents(), { db: storage.db, pollMs: 60_000 });
    const deps = { db: storage.db, events };
    const cf = await cloudflare();
    const fy = await fastly(true);
    const [cfQueue, fyQueue] = [queue(cf.api), queue(fy.api)];
    // Each queue is its own site here: two bookmarks cannot share one table, so each runs alone in turn.
    await started(cfQueue, cf.cdn);

    const article = await createArticle(storage.db, room.editor, fieldsFor(room), 'manual', T0);
    await publishArticle(deps, room.editor, article.id, minutesAfter(T0, 1));
    const tagId = Number(
      (
        await storage.db
          .selectFrom('tags')
          .select('id')
          .where('slug', '=', 'ukraine')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const published = [
      `article:${article.id}`,
      `section:${room.sectionId}`,
      `tag:${tagId}`,
      `author:${room.authorId}`,
      'latest',
      'sitemaps',
      'corrections',
    ];
    await cfQueue.poll();
    expect(cf.cdn.purges).toHaveLength(1);
    expect(new Set(cf.cdn.tagsPurged())).toEqual(new Set(published));
    expect(cf.cdn.tagsPurged()).toHaveLength(published.length);

    // An edit that moves the story to a second author: the author it left is purged too.
    await saveArticle(
      deps,
      room.editor,
      article.id,
      fieldsFor(room, { dek: 'A new dek.', slug: article.fields.slug, authorIds: [room.secondAuthorId] }),
      { baseVersion: 1, kind: 'manual', now: minutesAfter(T0, 2) },
    );
    await cfQueue.poll();
    expect(cf.cdn.purges).toHaveLength(2);
    expect(new Set(cf.cdn.purges[1] && 'tags' in cf.cdn.purges[1] ? cf.cdn.purges[1].tags : [])).toEqual(
      new Set([...published, `author:${room.secondAuthorId}`]),
    );
    await cfQueue.poll();
    expect(cf.cdn.purges).toHaveLength(2);
    await cfQueue.stop();

    // Fastly, on the same record from where the Cloudflare queue stood: nothing new to purge, then a change.
    await fyQueue.poll();
    expect(fy.cdn.requests).toBe(0);
    // An edit that adds a tag: the new tag's lists are purged beside the ones the story was already on.
    await saveArticle(
      deps,
      room.editor,
      article.id,
      fieldsFor(room, {
        dek: 'A new dek.',
        slug: article.fields.slug,
        authorIds: [room.secondAuthorId],
        tags: ['Ukraine', 'NATO'],
      }),
      { baseVersion: 2, kind: 'manual', now: minutesAfter(T0, 3) },
    );
    const natoId = Number(
      (await storage.db.selectFrom('tags').select('id').where('slug', '=', 'nato').executeTakeFirstOrThrow())
        .id,
    );
    await fyQueue.poll();
    expect(fy.cdn.purges).toHaveLength(1);
    const edited = fy.cdn.purges[0]!;
    expect('soft' in edited && edited.soft).toBe(true);
    expect(new Set(fy.cdn.keysPurged())).toEqual(
      new Set([
        `article:${article.id}`,
        `section:${room.sectionId}`,
        `tag:${tagId}`,
        `tag:${natoId}`,
        `author:${room.secondAuthorId}`,
        'latest',
        'sitemaps',
        'corrections',
      ]),
    );
    expect(fy.cdn.keysPurged()).toHaveLength(8);
    expect((await purgeStatus(storage.db)).waiting).toBe(0);
    await events.close();
  });

  it('sends at most 30 tags a request to Cloudflare and 256 keys to Fastly', async () => {
    const cf = await cloudflare();
    const cfQueue = queue(cf.api);
    await started(cfQueue, cf.cdn);
    const many = Array.from({ length: 600 }, (_, i) => `article:${i + 1}`);
    await record(many.slice(0, 40));
    await record(many.slice(30, 70));
    await cfQueue.poll();
    expect(cf.cdn.purges.map((p) => ('tags' in p ? p.tags.length : 0))).toEqual([30, 30, 10]);
    expect(cf.cdn.tagsPurged()).toEqual(many.slice(0, 70));
    await cfQueue.stop();

    const fy = await fastly();
    const fyQueue = queue(fy.api);
    await record(many);
    await fyQueue.poll();
    expect(fy.cdn.purges.map((p) => ('keys' in p ? p.keys.length : 0))).toEqual([256, 256, 88]);
    expect(fy.cdn.keysPurged()).toEqual(many);
    expect(fy.cdn.purges.every((p) => 'soft' in p && !p.soft)).toBe(true);
  });

  it('goes on reading when more changes wait than one read takes', async () => {
    const fy = await fastly();
    const q = queue(fy.api);
    await started(q, fy.cdn);
    const keys = Array.from({ length: 620 }, (_, i) => `comments:${i + 1}`);
    await storage.db
      .insertInto('invalidations')
      .values(
        keys.map((k) => ({
          tags: JSON.stringify([k]),
          origin: 'elsewhere',
          created_at: new Date(clock).toISOString(),
        })),
      )
      .execute();
    expect((await purgeStatus(storage.db)).waiting).toBe(620);
    await q.poll();
    expect(fy.cdn.keysPurged()).toEqual(keys);
    expect(fy.cdn.purges.map((p) => ('keys' in p ? p.keys.length : 0))).toEqual([256, 244, 120]);
    expect((await purgeStatus(storage.db)).waiting).toBe(0);
  });

  it('purges everything for a settings change: purge_everything at Cloudflare, purge_all at Fastly', async () => {
    const cf = await cloudflare();
    const cfQueue = queue(cf.api);
    await started(cfQueue, cf.cdn);
    await record(['article:1']);
    await record([EVERYTHING]);
    await cfQueue.poll();
    expect(cf.cdn.purges).toEqual([{ everything: true }]);
    await cfQueue.stop();

    const fy = await fastly(true);
    const fyQueue = queue(fy.api);
    await record([EVERYTHING]);
    await fyQueue.poll();
    expect(fy.cdn.purges).toEqual([{ everything: true }]);
  });

  it('tries a failed purge again, later each time, and counts the failures', async () => {
    const cf = await cloudflare();
    const q = queue(cf.api);
    await started(q, cf.cdn);
    await record(['article:7', 'latest']);
    cf.cdn.answerNext({ status: 500, body: { success: false, errors: [{ code: 10001, message: 'busy' }] } });
    await q.poll();
    expect(cf.cdn.purges).toEqual([]);
    expect(await purgeStatus(storage.db)).toEqual({ waiting: 1, failures: 1 });
    expect(logged[0]?.msg).toMatch(/CDN purge failed/);
    expect((logged[0]!.obj as { err: Error }).err.message).toContain('answered 500: 10001 busy');

    // The pause is a second after the first failure: nothing is sent before it.
    clock += 500;
    await q.poll();
    expect(cf.cdn.requests).toBe(1);
    cf.cdn.answerNext({ status: 502, body: 'Bad gateway' });
    clock += 600;
    await q.poll();
    expect(cf.cdn.requests).toBe(2);
    // Two failures in a row: two seconds.
    clock += 1500;
    await q.poll();
    expect(cf.cdn.requests).toBe(2);
    clock += 600;
    await q.poll();
    expect(cf.cdn.purges).toEqual([{ tags: ['article:7', 'latest'] }]);
    expect(await purgeStatus(storage.db)).toEqual({ waiting: 0, failures: 2 });
  });

  it('waits as long as a 429 says in Retry-After, and sends again only the batches not purged', async () => {
    const fy = await fastly();
    const q = queue(fy.api);
    await started(q, fy.cdn);
    const keys = Array.from({ length: 300 }, (_, i) => `media:${i + 1}`);
    await record(keys);
    fy.cdn.answerNext(PASS, {
      status: 429,
      headers: { 'retry-after': '120' },
      body: { msg: 'Too many requests' },
    });
    await q.poll();
    expect(fy.cdn.keysPurged()).toEqual(keys.slice(0, 256));
    clock += 119_000;
    await q.poll();
    expect(fy.cdn.requests).toBe(2);
    clock += 1000;
    await q.poll();
    expect(fy.cdn.keysPurged()).toEqual(keys);
    expect(fy.cdn.requests).toBe(3);
  });

  it("reads Cloudflare's Retry-After as an HTTP date too", async () => {
    const cf = await cloudflare();
    const q = queue(cf.api);
    await started(q, cf.cdn);
    await record(['tag:4']);
    const at = new Date(clock + 90_000).toUTCString();
    cf.cdn.answerNext({
      status: 429,
      headers: { 'retry-after': at },
      body: {
        success: false,
        errors: [{ code: 971, message: 'Please wait and consider throttling your request speed' }],
      },
    });
    await q.poll();
    clock += 89_000;
    await q.poll();
    expect(cf.cdn.requests).toBe(1);
    clock += 1000;
    await q.poll();
    expect(cf.cdn.purges).toEqual([{ tags: ['tag:4'] }]);
    expect((logged[0]!.obj as { retryInMs: number }).retryInMs).toBe(90_000);
  });

  it('purges once however many machines run the queue, and another takes over from one that died', async () => {
    const cf = await cloudflare();
    const [a, b] = [queue(cf.api), queue(cf.api)];
    await started(a, cf.cdn);
    await b.poll();
    await record(['article:1']);
    await Promise.all([a.poll(), b.poll()]);
    await Promise.all([a.poll(), b.poll()]);
    expect(cf.cdn.purges).toEqual([{ tags: ['article:1'] }]);

    // `a` holds the lease and dies without handing it back: `b` purges once the lease ran out.
    await record(['article:2']);
    await b.poll();
    expect(cf.cdn.purges).toHaveLength(1);
    clock += 31_000;
    await b.poll();
    expect(cf.cdn.purges).toEqual([{ tags: ['article:1'] }, { tags: ['article:2'] }]);
  });

  it('purges a change whose announcer died before any queue ran, and everything after a gap longer than the record', async () => {
    const cf = await cloudflare();
    const first = queue(cf.api);
    await started(first, cf.cdn);
    await first.stop();
    // Committed, then the process died: the next queue to start finds it in the record.
    await record(['article:3']);
    const next = queue(cf.api);
    await next.poll();
    expect(cf.cdn.purges).toEqual([{ tags: ['article:3'] }]);

    // No queue ran for two hours: changes older than an hour may be pruned unseen.
    clock += 2 * 60 * 60 * 1000;
    await record(['article:4']);
    await next.poll();
    expect(cf.cdn.purges.at(-1)).toEqual({ everything: true });
    await record(['article:5']);
    await next.poll();
    expect(cf.cdn.purges.at(-1)).toEqual({ tags: ['article:5'] });
  });

  it('keeps its bookmark in the record without the instances reading it applying anything for it', async () => {
    const heard: string[][] = [];
    const reader = await durableContentEvents(localContentEvents(), { db: storage.db, pollMs: 60_000 });
    reader.onChange((tags) => heard.push([...tags]));
    const cf = await cloudflare();
    const q = queue(cf.api);
    await started(q, cf.cdn);
    await record(['article:1']);
    await q.poll();
    clock += 20 * 60 * 1000;
    await q.poll();
    await reader.poll();
    expect(heard).toEqual([['article:1']]);
    expect(cf.cdn.purges).toEqual([{ tags: ['article:1'] }]);
    await reader.close();
  });

  it('never writes the API token into what it logs, even when the CDN refuses it', async () => {
    const cf = await cloudflare();
    const wrong = cloudflarePurge({ zoneId: ZONE, apiToken: `${CF_TOKEN}-revoked`, apiUrl: cf.cdn.url, now });
    const q = queue(wrong);
    // The CDN (or a proxy before it) quoting the token back must not put it in the log either.
    cf.cdn.answerNext({
      status: 403,
      body: { success: false, errors: [{ code: 10000, message: `bad ${CF_TOKEN}-revoked` }] },
    });
    await q.poll();
    await record(['article:9']);
    const fy = await fastly();
    const unreachable = fastlyPurge({
      serviceId: SERVICE,
      apiToken: FASTLY_TOKEN,
      softPurge: false,
      apiUrl: 'http://127.0.0.1:9',
      now,
    });
    await q.stop();
    const q2 = queue(unreachable);
    clock += 60_000;
    await q2.poll();
    expect(fy.cdn.requests).toBe(0);
    expect(logged.length).toBe(2);
    const text = JSON.stringify(logged, (_k, v) =>
      v instanceof Error ? { message: v.message, stack: v.stack } : v,
    );
    expect(text).toContain('answered 403');
    expect(text).toContain('unreachable');
    expect(text).not.toContain(CF_TOKEN);
    expect(text).not.toContain(FASTLY_TOKEN);
  });
});
