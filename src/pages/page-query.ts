// Reading a published page for readers: one row by slug, its body parsed; drafts do not exist for readers.
import type { Kysely } from 'kysely';
import { type BodyDocument, readStoredBody } from '../articles/render/document.js';
import { NotFound } from '../http/errors.js';
import type { Database } from '../storage/schema.js';

export interface PublishedPage {
  id: number;
  slug: string;
  title: string;
  description: string;
  body: BodyDocument;
  publishedAt: string;
  updatedAt: string;
}

export async function loadPublishedPage(db: Kysely<Database>, slug: string): Promise<PublishedPage> {
  const row = await db
    .selectFrom('pages')
    .select(['id', 'slug', 'title', 'description', 'body', 'published_at', 'updated_at'])
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    body: readStoredBody(row.body),
    publishedAt: row.published_at ?? row.updated_at,
    updatedAt: row.updated_at,
  };
}
