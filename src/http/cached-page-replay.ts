// The fast path for the commonest request of a busy day: a plain GET of a page already in the page cache.
// The first time the app sends such a page it keeps the exact headers it sent (security headers, validators,
// caching, type); later plain GETs of the same address get those headers and the same bytes straight from
// node:http, without Fastify's routing, hooks and reply machinery in between (a cached article cost 0.03 ms
// of CPU against bare node:http's 0.02 and was served at 58 % of its rate; `npm run bench` has the figures).
//
// Anything else goes the normal way: another method, a query string, a conditional request (the app
// answers 304), an encoding whose copy is not made yet, a page not cached or one whose replay is not kept.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodingFor, type PageCache } from './page-cache.js';

/** What the app sent with a page, kept on the cached page so that it leaves with it. */
export interface PageReplay {
  headers: Record<string, string | number | string[]>;
  /** The X-Forwarded-Proto the request had: the headers sent (HSTS) may depend on it. */
  forwardedProto: string | undefined;
}

/** Whether the app's answer to this request may be kept for replay: a plain GET of exactly the page's key. */
export function replayable(
  request: { method: string; url: string; headers: IncomingMessage['headers'] },
  key: string,
): boolean {
  return (
    request.method === 'GET' &&
    request.url === key &&
    request.headers['if-none-match'] === undefined &&
    request.headers['if-modified-since'] === undefined
  );
}

export interface CachedPageReplayer {
  /** Answers the request from the cache and returns true, or returns false and leaves it to the app. */
  (request: IncomingMessage, response: ServerResponse): boolean;
  readonly replayed: number;
}

export function cachedPageReplayer(cache: PageCache): CachedPageReplayer {
  let replayed = 0;
  const replay = (request: IncomingMessage, response: ServerResponse): boolean => {
    const { method, url, headers } = request;
    if (method !== 'GET' || url === undefined || url.includes('?')) return false;
    if (headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) return false;
    if (!cache.has(url)) return false;
    const page = cache.get(url)!;
    const kept = page.replay;
    if (!kept || kept.forwardedProto !== headers['x-forwarded-proto']) return false;
    const encoding = encodingFor(page, headers['accept-encoding']);
    const body = encoding ? page[encoding] : page.body;
    // The compressed copy is made by the app on the first request that asks for it.
    if (!body) return false;
    const out: Record<string, string | number | string[]> = {
      ...kept.headers,
      'content-length': body.length,
    };
    if (encoding) out['content-encoding'] = encoding;
    response.writeHead(page.status, out);
    response.end(body);
    replayed++;
    return true;
  };
  return Object.defineProperty(replay, 'replayed', { get: () => replayed }) as CachedPageReplayer;
}
