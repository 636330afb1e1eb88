// Serves public pages through the page cache with HTTP validators (ETag, Last-Modified), CDN-friendly
// Cache-Control (browsers revalidate every time, cheaply by ETag, so an Update shows at once; shared caches
// keep the page for s-maxage) and the page's tags as surrogate keys (surrogate-keys.ts), with a long edge lifetime for the
// CDN when it is purged on change. Compressed copies are made once per cached page. When
// a page cannot be rendered because the database is unavailable, its expired copy is served if one is kept
// (stale-if-error, here and at the CDN); without one the error goes on to the handler (a 503).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../storage/database-errors.js';
import { replayable } from './cached-page-replay.js';
import { type CachedPage, encodingFor, type PageCache } from './page-cache.js';
import { surrogateKeys } from './surrogate-keys.js';

export interface RenderedPage {
  body: string | Buffer;
  contentType?: string;
  /** ISO time of the newest content on the page, for Last-Modified. */
  lastModified?: string | null;
  headers?: Record<string, string>;
  /** What the page shows, as content events name it (an article, a section's list …): a change to any drops it. */
  tags: readonly string[];
}

export interface PublicPageOptions {
  cache: PageCache;
  cdnMaxAgeSeconds: number;
  cdnStaleSeconds: number;
  /** How long a CDN may serve a page past its freshness when this server answers with an error. */
  staleIfErrorSeconds: number;
  /**
   * With a CDN purged on every change (src/cdn/): the header only it reads (Fastly's Surrogate-Control,
   * Cloudflare's CDN-Cache-Control) and how long it may keep a page, instead of s-maxage.
   */
  edge?: { header: 'surrogate-control' | 'cdn-cache-control'; maxAgeSeconds: number };
  /** Headers every HTML page carries (where clients discover the site's API), set by the app. */
  htmlHeaders?: Record<string, string>;
}

export function publicPages(options: PublicPageOptions) {
  const staleIfError = `stale-if-error=${options.staleIfErrorSeconds}`;
  // max-age=0 so that a reader's browser asks again (a 304 by ETag when nothing changed) and shows an Update at
  // once. stale-while-revalidate goes only in the header CDNs alone read (RFC 9213): browsers honour it too,
  // and would show the old page once after every change.
  const cacheControl = `public, max-age=0, s-maxage=${options.cdnMaxAgeSeconds}, ${staleIfError}`;
  const cdnControl = `max-age=${options.cdnMaxAgeSeconds}, stale-while-revalidate=${options.cdnStaleSeconds}, ${staleIfError}`;
  // An expired copy served during an outage: kept briefly, so the fresh page follows soon after recovery.
  const staleCacheControl = `public, max-age=0, s-maxage=5, ${staleIfError}`;
  const htmlHeaders = options.htmlHeaders;
  const edge = options.edge && {
    header: options.edge.header,
    value: `max-age=${options.edge.maxAgeSeconds}, stale-while-revalidate=${options.cdnStaleSeconds}, ${staleIfError}`,
  };

  return async function servePublicPage(
    request: FastifyRequest,
    reply: FastifyReply,
    cacheKey: string,
    render: () => Promise<RenderedPage>,
  ): Promise<FastifyReply> {
    let page = options.cache.get(cacheKey);
    if (!page) {
      const stamp = options.cache.stamp();
      let rendered: RenderedPage;
      try {
        rendered = await render();
      } catch (error) {
        const kept = isDatabaseUnavailable(error) ? options.cache.getStale(cacheKey) : undefined;
        if (!kept) throw error;
        return sendPage(request, reply, kept, { cacheControl: staleCacheControl, htmlHeaders });
      }
      page = options.cache.store(
        cacheKey,
        {
          status: 200,
          contentType: rendered.contentType ?? 'text/html; charset=utf-8',
          body: typeof rendered.body === 'string' ? Buffer.from(rendered.body) : rendered.body,
          headers: rendered.headers ?? {},
          tags: rendered.tags,
          contentTime: rendered.lastModified,
        },
        stamp,
      );
    }
    return sendPage(request, reply, page, {
      cacheControl,
      cdnControl,
      edge,
      htmlHeaders,
      freshKey: cacheKey,
    });
  };
}

interface SendPolicy {
  cacheControl: string;
  /** CDN-Cache-Control for a fresh page, unless the edge header below is that one. */
  cdnControl?: string;
  /** The CDN's own lifetime header; only for a fresh page whose every key it carries. */
  edge?: { header: string; value: string };
  /** Headers every HTML page carries. */
  htmlHeaders?: Record<string, string>;
  /** Given for a fresh page: its headers are kept for the fast path. */
  freshKey?: string;
}

/** Sends a kept page; a fresh one (`freshKey` given) also keeps its headers for the fast path. */
function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage, policy: SendPolicy) {
  const { cacheControl, cdnControl, edge, htmlHeaders, freshKey } = policy;
  reply.header('cache-control', cacheControl).header('vary', 'Accept-Encoding').header('etag', page.etag);
  if (htmlHeaders && page.contentType.startsWith('text/html')) reply.headers(htmlHeaders);
  if (page.lastModified) reply.header('last-modified', page.lastModified);
  const keys = surrogateKeys(page.tags);
  reply.headers(keys.headers);
  // A page missing some of its keys would not be purged by every change to it: the CDN keeps it only for
  // s-maxage, as without purging.
  if (edge && keys.complete) reply.header(edge.header, edge.value);
  if (cdnControl && !reply.hasHeader('cdn-cache-control')) reply.header('cdn-cache-control', cdnControl);
  for (const name in page.headers) reply.header(name, page.headers[name]);
  if (notModified(request, page.etag, page.lastModified)) return reply.code(304).send();
  reply.code(page.status).type(page.contentType);
  if (freshKey !== undefined && !page.replay && replayable(request, freshKey)) {
    const { 'content-encoding': _, 'content-length': __, ...headers } = reply.getHeaders();
    page.replay = {
      headers: headers as Record<string, string | number | string[]>,
      forwardedProto: request.headers['x-forwarded-proto'] as string | undefined,
    };
  }
  return sendCompressed(request, reply, page);
}

export type ServePublicPage = ReturnType<typeof publicPages>;

function sendCompressed(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  const encoding = encodingFor(page, request.headers['accept-encoding']);
  if (encoding === 'br') {
    page.br ??= brotliCompressSync(page.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    return reply.header('content-encoding', 'br').send(page.br);
  }
  if (encoding === 'gzip') {
    page.gzip ??= gzipSync(page.body, { level: 6 });
    return reply.header('content-encoding', 'gzip').send(page.gzip);
  }
  return reply.send(page.body);
}

function notModified(request: FastifyRequest, etag: string, lastModified: string | null): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 §13.2.2).
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch === '*' || ifNoneMatch.split(',').some((t) => weak(t.trim()) === weak(etag));
  }
  const since = request.headers['if-modified-since'];
  if (since && lastModified) {
    const sinceMs = Date.parse(since);
    return !Number.isNaN(sinceMs) && Date.parse(lastModified) <= sinceMs;
  }
  return false;
}

function weak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
