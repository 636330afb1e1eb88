// The CDN purge queue as the real server runs it, with two worker processes: the primary's background jobs
// purge a change another instance recorded, once (not once per worker), again after the CDN failed, with the
// failure logged without the API token and counted by /metrics, whichever worker is scraped.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBookmark } from '../src/cdn/purge-bookmark.js';
import { openStorage, type Storage } from '../src/storage/db.js';
import { recordChange } from '../src/storage/invalidation-log.js';
import { type FastlyStandin, startFastlyStandin } from './support/fastly-standin.js';
import { freePort } from './support/free-port.js';
import { running, runServer, type ServerProcess } from './support/server-process.js';

const SERVICE = 'SU1Z0isxPaozGVKXdv0eY';
const TOKEN = 'fastly-token-process-0123456789abcdef';
const METRICS_TOKEN = 'cdn-metrics-token-0123';

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('CDN purging in the running server', () => {
  let dir: string;
  let server: ServerProcess;
  let cdn: FastlyStandin;
  let storage: Storage;
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-cdn-'));
    cdn = await startFastlyStandin(SERVICE, TOKEN);
    const port = await freePort();
    const database = `sqlite:${join(dir, 'site.sqlite')}`;
    server = runServer({
      WEB_CONCURRENCY: '2',
      PORT: String(port),
      DATABASE_URL: database,
      MEDIA_DIR: join(dir, 'media'),
      METRICS_TOKEN,
      CDN_PURGE: 'fastly',
      FASTLY_SERVICE_ID: SERVICE,
      FASTLY_API_TOKEN: TOKEN,
      CDN_PURGE_API_URL: cdn.url,
    });
    await running(server);
    base = `http://127.0.0.1:${port}`;
    storage = openStorage(database);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await storage?.close();
    await cdn?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('purges a recorded change once, after a failure, and reports it without the token', async () => {
    // Its first read purges everything: what the CDN holds from before is unknown to it.
    await until('the queue starting', () => cdn.purges.length === 1);
    expect(cdn.purges).toEqual([{ everything: true }]);
    expect((await readBookmark(storage.db))?.state.through).toBe(0);
    cdn.forget();
    cdn.answerNext({ status: 500, body: { msg: `Internal error for key ${TOKEN}` } });
    await recordChange(storage.db, ['article:1', 'latest'], 'another-machine', new Date());
    await until('the purge', () => cdn.purges.length > 0);
    // Time for a second queue, were there one per worker, to purge it again.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(cdn.purges).toEqual([{ keys: ['article:1', 'latest'], soft: false }]);
    expect(cdn.requests).toBe(2);

    expect(server.output()).toContain('CDN purge failed');
    expect(server.output()).toContain('Fastly purge API answered 500');
    expect(server.output()).not.toContain(TOKEN);

    const metrics = await (
      await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(metrics).toMatch(/^broadsheet_cdn_purge_failures 1$/m);
    expect(metrics).toMatch(/^broadsheet_cdn_purge_queue 0$/m);
  });
});
