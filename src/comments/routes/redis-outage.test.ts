// Posting a comment while the Redis that counts rate limits is gone (nothing listening on its port) or
// stalled (a real redis-server stopped with SIGSTOP): the post answers within a second or two, is stored,
// and the rate limits keep counting, in the database, until Redis answers again.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { commentFields, sendComment, setSettings } from '../../../test/support/comments.js';
import { addArticle } from '../../../test/support/content.js';
import { freePort } from '../../../test/support/free-port.js';
import { type App, buildApp } from '../../app.js';
import { databaseRateLimitStore } from '../../http/rate-limit-store.js';
import { redisRateLimitStore } from '../../http/redis-rate-limit-store.js';

async function startRedis(port: number): Promise<ChildProcess> {
  const server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve();
    });
  });
  return server;
}

let counter = 0;
const freshIp = () => `198.18.7.${++counter}`;

describe('comments while Redis is down', () => {
  let site: TestApp;
  let slug: string;
  let articleId: number;
  const logged: string[] = [];

  /** A second instance of the app on the same database, counting rate limits in Redis at this port. */
  async function instanceWithRedisAt(port: number): Promise<{ app: App; close(): Promise<void> }> {
    const rateLimits = redisRateLimitStore(`redis://127.0.0.1:${port}`, `test:${randomUUID()}:`, {
      fallback: databaseRateLimitStore(site.storage.db),
      log: (message) => logged.push(message),
    });
    const app = await buildApp({ ...site.deps, rateLimits });
    return {
      app,
      async close() {
        await app.app.close();
        await rateLimits.close();
      },
    };
  }

  async function timedPost(app: App, fields: Record<string, string>, ip = freshIp()) {
    const started = performance.now();
    const response = await sendComment(app.app, slug, commentFields(articleId, fields), { ip });
    return { response, ms: performance.now() - started };
  }

  const stored = (body: string) =>
    site.storage.db.selectFrom('comments').select(['id', 'status']).where('body', '=', body).execute();

  beforeAll(async () => {
    site = await buildTestApp();
    slug = `story-${randomUUID().slice(0, 8)}`;
    articleId = await addArticle(site.storage.db, { slug, publishedAt: '2026-11-20T10:00:00.000Z' });
    await setSettings(site.storage.db, { mode: 'approve_all' });
  });
  afterAll(async () => site?.close());

  it('with nothing listening at REDIS_URL: posts are answered at once, stored, and still rate-limited', async () => {
    const instance = await instanceWithRedisAt(await freePort());
    try {
      const ip = freshIp();
      for (let i = 0; i < 6; i++) {
        const { response, ms } = await timedPost(instance.app, { comment: `Nothing lost ${i}.` }, ip);
        expect(response.statusCode).toBe(303);
        expect(ms).toBeLessThan(2000);
        expect(await stored(`Nothing lost ${i}.`)).toEqual([{ id: expect.any(Number), status: 'approved' }]);
      }
      // The seventh from one network in a minute: the fallback counted the six before it.
      const { response, ms } = await timedPost(instance.app, { comment: 'The seventh, kept.' }, ip);
      expect(ms).toBeLessThan(2000);
      expect(response.statusCode).toBe(429);
      expect(response.body).toContain('The seventh, kept.</textarea>');
      expect(logged.join('\n')).toMatch(/Redis rate limits unavailable/);
      expect(logged.join('\n')).not.toMatch(/comment-ip|198\.18/);
    } finally {
      await instance.close();
    }
  });

  describe('with a real redis-server', () => {
    let redis: ChildProcess;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      redis = await startRedis(port);
    });
    afterAll(() => {
      redis.kill('SIGCONT');
      redis.kill('SIGKILL');
    });

    it('that stalls (SIGSTOP): each post answers within two seconds, is stored, and Redis counts again when it is back', async () => {
      const instance = await instanceWithRedisAt(port);
      try {
        // Connected and counting in Redis first.
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect((await timedPost(instance.app, { comment: 'Before the stall.' })).response.statusCode).toBe(
          303,
        );
        const before = logged.length;

        redis.kill('SIGSTOP');
        const during: number[] = [];
        for (let i = 0; i < 3; i++) {
          const { response, ms } = await timedPost(instance.app, { comment: `During the stall ${i}.` });
          expect(response.statusCode).toBe(303);
          during.push(ms);
          expect(await stored(`During the stall ${i}.`)).toHaveLength(1);
        }
        expect(Math.max(...during)).toBeLessThan(2000);
        expect(logged.slice(before).join('\n')).toMatch(/unavailable \(Redis did not answer in time\)/);

        redis.kill('SIGCONT');
        // After the retry pause the store asks Redis again, and says so.
        await new Promise((resolve) => setTimeout(resolve, 5200));
        expect((await timedPost(instance.app, { comment: 'After the stall.' })).response.statusCode).toBe(
          303,
        );
        expect(logged.at(-1)).toBe('Redis rate limits are back');
      } finally {
        redis.kill('SIGCONT');
        await instance.close();
      }
    }, 20_000);
  });
});
