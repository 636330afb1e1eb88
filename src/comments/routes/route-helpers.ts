// What the reader's comment routes share: the options they are built with, a comment id and an order read
// from the request, and the headers of a page meant for one reader only.
import type { FastifyReply } from 'fastify';
import { Invalid } from '../../http/errors.js';
import type { ServePublicPage } from '../../http/public-page.js';
import { idParam as idFromUrl } from '../../http/request-params.js';
import type { SiteState } from '../../site/site-state.js';
import type { CommentDeps } from '../comment-deps.js';
import type { Order } from '../comments.js';

export interface ReaderRouteOptions {
  deps: CommentDeps;
  site: SiteState;
  /** Serves a page every reader sees the same, from the tagged page cache (http/public-page.ts). */
  serve: ServePublicPage;
  /** The form island's script (the built asset 'comments.js'). */
  scriptPath: string;
}

export type SlugParams = { Params: { slug: string } };

export function idParam(raw: string): number {
  return idFromUrl(raw, 'We could not find that page.');
}

export function orderParam(query: unknown, fallback: Order): Order {
  const raw = (query as Record<string, unknown> | undefined)?.order;
  if (raw === undefined) return fallback;
  if (raw === 'oldest' || raw === 'newest') return raw;
  throw new Invalid('The order must be "oldest" or "newest".', { order: 'must be oldest or newest' });
}

/** A page for one reader: never stored by a browser cache or CDN, never leaking its link as a referrer. */
export function personal(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

/** A whole HTML page for one reader. */
export function personalPage(reply: FastifyReply, status: number, html: string) {
  return personal(reply).code(status).type('text/html; charset=utf-8').send(html);
}
