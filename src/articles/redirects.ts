// The reader route's fallback for a slug it does not know: if it is an old slug of a published article,
// readers and search engines are sent on to the current address with a 301; otherwise the 404 stands.
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { NotFound } from '../http/errors.js';
import { surrogateKeys } from '../http/surrogate-keys.js';
import { preparedQuery } from '../storage/prepared.js';
import type { Database } from '../storage/schema.js';
import { articleTag } from './cache-tags.js';
import { articlePath } from './model.js';

const currentSlug = preparedQuery<'slug', { id: number; slug: string }>((db, p) =>
  db
    .selectFrom('slug_redirects')
    .innerJoin('articles', 'articles.id', 'slug_redirects.article_id')
    .select(['articles.id', 'articles.slug'])
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
  const current = error instanceof NotFound ? (await currentSlug(db, { slug }))[0] : undefined;
  if (!current) throw error;
  // Short-lived: the slug may change again, and a cached permanent redirect would then point one step back.
  // The article's key lets a CDN drop it at once when the article changes (a new slug, unpublished).
  return reply
    .header('cache-control', 'public, max-age=300')
    .headers(surrogateKeys([articleTag(current.id)]).headers)
    .redirect(articlePath(current.slug), 301);
}
