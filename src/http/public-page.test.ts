import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.js';
import { publicPages } from './public-page.js';

async function app(
  renders: { count: number; body?: string },
  clock = { now: Date.parse('2026-11-19T00:00:00Z') },
  staleMs = 0,
) {
  const a = Fastify();
  const cache = new PageCache({ maxBytes: 1_000_000, ttlMs: 60 * 60_000, staleMs }, () => clock.now);
  const serve = publicPages({
    cache,
    cdnMaxAgeSeconds: 120,
    cdnStaleSeconds: 3600,
    staleIfErrorSeconds: 86400,
  });
  a.get('/page', (req, reply) =>
    serve(req, reply, '/page', async () => {
      renders.count++;
      return {
        body: renders.body ?? `<p>${'hello '.repeat(400)}</p>`,
        lastModified: '2026-11-20T10:00:00.000Z',
        tags: ['page'],
      };
    }),
  );
  return { a, cache };
}

describe('public pages', () => {
  it('renders once, then serves the cached bytes with validators and CDN cache headers', async () => {
    const renders = { count: 0 };
    const { a, cache } = await app(renders);
    const first = await a.inject('/page');
    const second = await a.inject('/page');
    expect(renders.count).toBe(1);
    expect(second.body).toBe(first.body);
    expect(first.headers.etag).toMatch(/^W\/".+"$/);
    expect(first.headers['last-modified']).toBe('Fri, 20 Nov 2026 10:00:00 GMT');
    expect(first.headers['cache-control']).toBe('public, max-age=0, s-maxage=120, stale-if-error=86400');
    // Browsers revalidate every time; only CDNs may serve a page while fetching it again.
    expect(first.headers['cdn-cache-control']).toBe(
      'max-age=120, stale-while-revalidate=3600, stale-if-error=86400',
    );
    const revalidated = await a.inject({
      url: '/page',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
    expect(renders.count).toBe(1);
    cache.invalidate(['page']);
    await a.inject('/page');
    expect(renders.count).toBe(2);
  });

  it('dates a re-render that changed the page (a comment, a setting) by its render, and one that did not by the content', async () => {
    const renders: { count: number; body?: string } = { count: 0 };
    const clock = { now: Date.parse('2026-11-19T00:00:00Z') };
    const { a, cache } = await app(renders, clock);
    const first = await a.inject('/page');
    expect(first.headers['last-modified']).toBe('Fri, 20 Nov 2026 10:00:00 GMT');
    clock.now = Date.parse('2026-11-25T08:00:00Z');
    cache.invalidate(['page']);
    const same = await a.inject('/page');
    expect(renders.count).toBe(2);
    expect(same.headers['last-modified']).toBe('Fri, 20 Nov 2026 10:00:00 GMT');
    renders.body = '<p>now with a comment</p>';
    cache.invalidate(['page']);
    const changed = await a.inject({
      url: '/page',
      headers: { 'if-modified-since': 'Fri, 20 Nov 2026 10:00:00 GMT' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers['last-modified']).toBe('Wed, 25 Nov 2026 08:00:00 GMT');
  });

  it('dates a re-render of an expired page kept for stale-if-error by its render when it changed', async () => {
    const renders: { count: number; body?: string } = { count: 0 };
    const clock = { now: Date.parse('2026-11-19T00:00:00Z') };
    const { a, cache } = await app(renders, clock, 7 * 24 * 60 * 60_000);
    expect((await a.inject('/page')).headers['last-modified']).toBe('Fri, 20 Nov 2026 10:00:00 GMT');
    clock.now = Date.parse('2026-11-20T12:00:00Z');
    expect(cache.has('/page')).toBe(false);
    expect(cache.getStale('/page')).toBeDefined();
    renders.body = '<p>changed since</p>';
    const changed = await a.inject({
      url: '/page',
      headers: { 'if-modified-since': 'Fri, 20 Nov 2026 10:00:00 GMT' },
    });
    expect(renders.count).toBe(2);
    expect(changed.statusCode).toBe(200);
    expect(changed.headers['last-modified']).toBe('Fri, 20 Nov 2026 12:00:00 GMT');
  });

  it('dates a page first seen after the start no earlier than the start', async () => {
    const { a } = await app({ count: 0 }, { now: Date.parse('2026-12-01T00:00:00Z') });
    expect((await a.inject('/page')).headers['last-modified']).toBe('Tue, 01 Dec 2026 00:00:00 GMT');
  });

  it('answers 304 to a matching ETag or a later If-Modified-Since, and 200 otherwise', async () => {
    const { a } = await app({ count: 0 });
    const { etag } = (await a.inject('/page')).headers;
    expect((await a.inject({ url: '/page', headers: { 'if-none-match': String(etag) } })).statusCode).toBe(
      304,
    );
    expect((await a.inject({ url: '/page', headers: { 'if-none-match': 'W/"other"' } })).statusCode).toBe(
      200,
    );
    const later = 'Sat, 21 Nov 2026 10:00:00 GMT';
    const earlier = 'Thu, 19 Nov 2026 10:00:00 GMT';
    expect((await a.inject({ url: '/page', headers: { 'if-modified-since': later } })).statusCode).toBe(304);
    expect((await a.inject({ url: '/page', headers: { 'if-modified-since': earlier } })).statusCode).toBe(
      200,
    );
  });

  it('compresses for clients that accept it, and the bytes inflate to the page', async () => {
    const { a } = await app({ count: 0 });
    const plain = await a.inject('/page');
    const br = await a.inject({ url: '/page', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    const { brotliDecompressSync } = await import('node:zlib');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await a.inject({ url: '/page', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
  });
});
