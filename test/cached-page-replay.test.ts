// The fast path for cached pages (src/http/cached-page-replay.ts), over a real socket: a plain GET of a
// cached page gets exactly what the app sent the first time, and anything else still goes through the app.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleTag } from '../src/articles/cache-tags.js';
import { buildTestApp, type TestApp } from './support/app.js';
import { addArticle, bodyOf } from './support/content.js';
import { freePort } from './support/free-port.js';

let t: TestApp;
let base: string;
let articleId: number;
const path = '/articles/replayed-story';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${url}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const withoutDate = ({ date: _, ...rest }: IncomingHttpHeaders) => rest;

beforeAll(async () => {
  t = await buildTestApp();
  articleId = await addArticle(t.storage.db, {
    slug: 'replayed-story',
    body: bodyOf('A paragraph long enough to be worth compressing. '.repeat(40)),
  });
  const port = await freePort();
  await t.app.listen({ host: '127.0.0.1', port });
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => t.close());

describe('a cached page over the fast path', () => {
  it('answers a plain GET with the very headers and bytes the app sent, and a change still reaches readers', async () => {
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(t.replayCachedPage.replayed).toBe(0);

    const second = await get(path);
    expect(t.replayCachedPage.replayed).toBe(1);
    expect(second.status).toBe(200);
    expect(withoutDate(second.headers)).toEqual(withoutDate(first.headers));
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers['content-security-policy']).toContain("script-src 'self'");

    await t.storage.db
      .updateTable('articles')
      .set({ headline: 'A corrected headline', modified_at: '2026-11-21T10:00:00.000Z' })
      .where('id', '=', articleId)
      .execute();
    await t.deps.events.changed([articleTag(articleId)]);
    const after = await get(path);
    expect(t.replayCachedPage.replayed).toBe(1);
    expect(after.body.toString()).toContain('A corrected headline');
  });

  it('replays a compressed copy only once the app has made it, with the same encoding headers', async () => {
    const before = t.replayCachedPage.replayed;
    const made = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(made.headers['content-encoding']).toBe('br');
    expect(t.replayCachedPage.replayed).toBe(before);
    const replayed = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(t.replayCachedPage.replayed).toBe(before + 1);
    expect(withoutDate(replayed.headers)).toEqual(withoutDate(made.headers));
    expect(replayed.body.equals(made.body)).toBe(true);
  });

  it('leaves conditional requests, query strings, other methods and unknown pages to the app', async () => {
    await get(path);
    const before = t.replayCachedPage.replayed;
    const etag = (await get(path)).headers.etag!;
    expect(t.replayCachedPage.replayed).toBe(before + 1);

    const conditional = await get(path, { 'if-none-match': etag });
    expect(conditional.status).toBe(304);
    const query = await get(`${path}?utm_source=newsletter`);
    expect(query.status).toBe(200);
    const head = await get(path, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const missing = await get('/articles/no-such-story');
    expect(missing.status).toBe(404);
    expect(t.replayCachedPage.replayed).toBe(before + 1);
  });
});
