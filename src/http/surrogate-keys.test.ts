// A page's tags as the CDNs' purge keys: both headers name the same keys, stay within the size the CDNs
// (and proxies) take, keep the list-level keys of a page listing very many stories, and a page that could
// not carry all of its keys is not held long at the edge.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.js';
import { publicPages } from './public-page.js';
import { SURROGATE_KEYS_MAX_BYTES, surrogateKeys } from './surrogate-keys.js';

describe('surrogate keys', () => {
  it('names each tag once, space-separated for Fastly and comma-separated for Cloudflare', () => {
    const keys = surrogateKeys(['article:1', 'media:4', 'section:2', 'article:1', 'latest']);
    expect(keys.headers).toEqual({
      'surrogate-key': 'section:2 latest article:1 media:4',
      'cache-tag': 'section:2,latest,article:1,media:4',
    });
    expect(keys.complete).toBe(true);
    expect(surrogateKeys([])).toEqual({ headers: {}, complete: true });
  });

  it('keeps the list keys of a very long list and as many item keys as fit, and says some are missing', () => {
    const items = Array.from({ length: 2000 }, (_, i) => [`article:${i}`, `media:${i}`]).flat();
    const keys = surrogateKeys([...items, 'sitemaps', 'latest', 'section:3', 'feed']);
    const fastly = keys.headers['surrogate-key']!;
    const cloudflare = keys.headers['cache-tag']!;
    expect(Buffer.byteLength(fastly)).toBeLessThanOrEqual(SURROGATE_KEYS_MAX_BYTES);
    expect(Buffer.byteLength(cloudflare)).toBeLessThanOrEqual(SURROGATE_KEYS_MAX_BYTES);
    expect(fastly.split(' ').slice(0, 4)).toEqual(['sitemaps', 'latest', 'section:3', 'feed']);
    // The first items shown are the ones kept.
    expect(fastly.split(' ')[4]).toBe('article:0');
    expect(fastly.split(' ').length).toBeGreaterThan(200);
    expect(fastly.split(' ').length).toBeLessThan(items.length);
    expect(cloudflare.split(',')).toEqual(fastly.split(' '));
    expect(keys.complete).toBe(false);
  });

  it('leaves out a key either CDN would misread (a space, a comma, over 1,024 bytes)', () => {
    const keys = surrogateKeys(['latest', 'a b', 'c,d', `x${'y'.repeat(1024)}`]);
    expect(keys.headers).toEqual({ 'surrogate-key': 'latest', 'cache-tag': 'latest' });
    expect(keys.complete).toBe(false);
  });
});

describe('a public page with a CDN purged on change', () => {
  async function app(tags: string[]) {
    const a = Fastify();
    const cache = new PageCache({ maxBytes: 1_000_000, ttlMs: 60_000, staleMs: 0 });
    const serve = publicPages({
      cache,
      cdnMaxAgeSeconds: 120,
      cdnStaleSeconds: 3600,
      staleIfErrorSeconds: 86400,
      edge: { header: 'surrogate-control', maxAgeSeconds: 86400 },
    });
    a.get('/page', (req, reply) => serve(req, reply, '/page', async () => ({ body: '<p>hi</p>', tags })));
    return a;
  }

  it('lets the edge keep a page whose every key it carries for the purged lifetime, also on a 304', async () => {
    const a = await app(['latest', 'article:1']);
    const page = await a.inject('/page');
    expect(page.headers['surrogate-control']).toBe(
      'max-age=86400, stale-while-revalidate=3600, stale-if-error=86400',
    );
    expect(page.headers['cache-control']).toContain('s-maxage=120');
    expect(page.headers['surrogate-key']).toBe('latest article:1');
    const revalidated = await a.inject({
      url: '/page',
      headers: { 'if-none-match': String(page.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.headers['surrogate-key']).toBe('latest article:1');
    expect(revalidated.headers['surrogate-control']).toBe(page.headers['surrogate-control']);
  });

  it('gives a page missing some of its keys only s-maxage at the edge', async () => {
    const tags = ['latest', ...Array.from({ length: 1000 }, (_, i) => `article:${i}`)];
    const page = await (await app(tags)).inject('/page');
    expect(page.headers['surrogate-key']).toMatch(/^latest article:0 /);
    expect(page.headers['surrogate-control']).toBeUndefined();
    expect(page.headers['cache-control']).toContain('s-maxage=120');
  });
});
