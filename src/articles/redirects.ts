// The reader route's fallback for a slug it does not know: if it is an old slug of a published article,
// readers and search engines are sent on to the current address with a 301; otherwise the 404 stands.
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { NotFound } from '../http/errors.js';
import { preparedQuery } from '../storage/prepared.js';
import type { Database } from '../storage/schema.js';
import { articlePath } from './model.js';

const currentSlug = preparedQuery<'slug', { slug: string }>((db, p) =>
  db
    .selectFrom('slug_redirects')
    .innerJoin('articles', 'articles.id', 'slug_redirects.article_id')
    .select('articles.slug')
    .where('slug_redirects.old_slug', '=', p.slug)
    .where('articles.status', '=', 'published'),
);

/** Where a reader following an old slug should go: the article's current slug, if it is published. */
export async function currentSlugFor(db: Kysely<Database>, oldSlug: string): Promise<string | null> {
  return (await currentSlug(db, { slug: oldSlug }))[0]?.slug ?? null;
}

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
