// The things a list is of, by the slug in its address: a section, a tag, an author. NotFound otherwise.
import type { Kysely } from 'kysely';
import { NotFound } from '../../http/errors.js';
import { preparedQuery } from '../../storage/prepared.js';
import type { Database } from '../../storage/schema.js';
import type { AuthorRef, TagRef } from '../model.js';

const tagBySlug = preparedQuery<'slug', TagRef>((db, p) =>
  db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', p.slug),
);

const authorBySlug = preparedQuery<
  'slug',
  {
    id: number;
    slug: string;
    name: string;
    job_title: string;
    bio: string;
    photo_media_id: number | null;
    expertise: string;
  }
>((db, p) =>
  db
    .selectFrom('authors')
    .select(['id', 'slug', 'name', 'job_title', 'bio', 'photo_media_id', 'expertise'])
    .where('slug', '=', p.slug),
);

export async function getTag(db: Kysely<Database>, slug: string): Promise<TagRef> {
  const [tag] = await tagBySlug(db, { slug });
  if (!tag) throw new NotFound('We could not find that tag.');
  return tag;
}

export type AuthorProfile = AuthorRef & { expertise: string };

export async function getAuthor(db: Kysely<Database>, slug: string): Promise<AuthorProfile> {
  const [row] = await authorBySlug(db, { slug });
  if (!row) throw new NotFound('We could not find that author.');
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    jobTitle: row.job_title,
    bio: row.bio,
    photoMediaId: row.photo_media_id,
    expertise: row.expertise,
  };
}
