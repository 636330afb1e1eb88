// How the API answers a GET: JSON with WordPress's collection headers (X-WP-Total, X-WP-TotalPages, Link
// rel="prev"/"next"), readable by browser apps on other origins (read-only, no credentials), through the page
// cache with its validators and tags, so an edit drops every answer that showed what changed. The cache key is
// the path and the parameters the API reads, sorted: others change nothing and must not fill the cache. A
// search (any words a client likes) and an answer whose changes no tag announces (every comment on the site)
// are not kept, only validated.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServePublicPage } from '../http/public-page.js';

export interface WpAnswer {
  body: unknown;
  /** What the answer shows, as content events name it. */
  tags: readonly string[];
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=UTF-8';
/** Read-only and without credentials: any site's script may read the answers, errors included. */
export const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'X-WP-Total, X-WP-TotalPages, Link',
  allow: 'GET',
};

// Every parameter a route of the API reads (WordPress ignores any other, and so do we).
const READ = new Set(
  [
    ...['context', 'page', 'per_page', 'offset', 'search', 'include', 'exclude', 'order', 'orderby', 'slug'],
    ...['status', 'categories', 'categories_exclude', 'tags', 'tags_exclude', 'author', 'author_exclude'],
    ...['after', 'before', 'modified_after', 'modified_before', 'sticky', 'post', 'parent', 'parent_exclude'],
    ...['hide_empty', 'media_type', 'mime_type', 'type', 'roles', 'capabilities', '_embed', '_fields'],
  ].flatMap((name) => [name, `${name}[]`]),
);

/** The request's path and the parameters the API reads, in one order: the same answer has one address. */
export function canonicalPath(request: FastifyRequest): string {
  const url = new URL(request.url, 'http://x');
  const kept = new URLSearchParams([...url.searchParams].filter(([name]) => READ.has(name)));
  kept.sort();
  const search = kept.toString();
  return search ? `${url.pathname}?${search}` : url.pathname;
}

export function answer(
  serve: ServePublicPage,
  request: FastifyRequest,
  reply: FastifyReply,
  render: () => Promise<WpAnswer>,
): Promise<FastifyReply> {
  if ((request.query as Record<string, unknown>).search !== undefined)
    return answerUncached(request, reply, render);
  return serve(request, reply, canonicalPath(request), async () => {
    const made = await render();
    return {
      body: JSON.stringify(made.body),
      contentType: JSON_TYPE,
      headers: { ...CORS, ...made.headers },
      tags: made.tags,
    };
  });
}

/** An answer not kept in the cache: still with a validator, so a client polling it gets 304s. */
export async function answerUncached(
  request: FastifyRequest,
  reply: FastifyReply,
  render: () => Promise<Omit<WpAnswer, 'tags'>>,
): Promise<FastifyReply> {
  const made = await render();
  const body = JSON.stringify(made.body);
  const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply.headers({ ...CORS, ...made.headers, etag, 'cache-control': 'public, max-age=60' });
  const sent = request.headers['if-none-match'];
  if (sent?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag.slice(2)))
    return reply.code(304).send();
  return reply.type(JSON_TYPE).send(body);
}

/** X-WP-Total, X-WP-TotalPages and the Link header to the neighbouring pages, as absolute addresses. */
export function pagingHeaders(
  request: FastifyRequest,
  base: string,
  paging: { total: number; perPage: number; page: number },
): Record<string, string> {
  const totalPages = Math.ceil(paging.total / paging.perPage);
  const url = new URL(canonicalPath(request), base);
  const pageUrl = (page: number) => {
    url.searchParams.set('page', String(page));
    return `${base}${url.pathname}${url.search}`;
  };
  const links: string[] = [];
  if (paging.page > 1 && paging.page - 1 <= totalPages)
    links.push(`<${pageUrl(paging.page - 1)}>; rel="prev"`);
  if (paging.page < totalPages) links.push(`<${pageUrl(paging.page + 1)}>; rel="next"`);
  return {
    'x-wp-total': String(paging.total),
    'x-wp-totalpages': String(totalPages),
    ...(links.length > 0 ? { link: links.join(', ') } : {}),
  };
}
