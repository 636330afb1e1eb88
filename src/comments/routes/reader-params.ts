// What the reader's comment routes read and answer the same way: a comment id and an order from the
// request, and the headers of a page meant for one reader only.
import type { FastifyReply } from 'fastify';
import { Invalid, NotFound } from '../../http/errors.js';
import type { Order } from '../comments.js';

export type SlugParams = { Params: { slug: string } };

export function idParam(raw: string): number {
  if (!/^[1-9]\d{0,11}$/.test(raw)) throw new NotFound();
  return Number(raw);
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
