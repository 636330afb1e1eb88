// The reader route's fallback for a slug it does not know: if it is an old slug of a published article,
// readers and search engines are sent on to the current address with a 301; otherwise the 404 stands.
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { articlePath } from '../../articles/articles.js';
import { NotFound } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import { currentSlugFor } from './drafts.js';

export async function redirectOldSlug(
  db: Kysely<Database>,
  reply: FastifyReply,
  slug: string,
  error: unknown,
): Promise<FastifyReply> {
  const current = error instanceof NotFound ? await currentSlugFor(db, slug) : null;
  if (!current) throw error;
  // Short-lived: the slug may change again, and a cached permanent redirect would then point one step back.
  return reply.header('cache-control', 'public, max-age=300').redirect(articlePath(current), 301);
}
