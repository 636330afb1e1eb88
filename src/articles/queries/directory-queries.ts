// The tags and authors that readers can reach: those with at least one published article, for the content
// API's lists, each with how many published articles it has. One prepared query each.
import type { Kysely } from 'kysely';
import { preparedQuery } from '../../storage/prepared.js';
import type { Database } from '../../storage/schema.js';
import type { AuthorProfile } from './lookups.js';

export interface TagEntry {
  id: number;
  slug: string;
  name: string;
  articleCount: number;
}

export type AuthorEntry = AuthorProfile & { articleCount: number };

const tags = preparedQuery<never, { id: number; slug: string; name: string; n: number }>((db) =>
  db
    .selectFrom('tags')
    .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .where('articles.status', '=', 'published')
    .select(['tags.id', 'tags.slug', 'tags.name'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['tags.id', 'tags.slug', 'tags.name'])
    .orderBy('tags.name')
    .orderBy('tags.id'),
);

const authors = preparedQuery<
  never,
  {
    id: number;
    slug: string;
    name: string;
    job_title: string;
    bio: string;
    expertise: string;
    photo_media_id: number | null;
    n: number;
  }
>((db) =>
  db
    .selectFrom('authors')
    .innerJoin('article_authors', 'article_authors.author_id', 'authors.id')
    .innerJoin('articles', 'articles.id', 'article_authors.article_id')
    .where('articles.status', '=', 'published')
    .select([
      'authors.id',
      'authors.slug',
      'authors.name',
      'authors.job_title',
      'authors.bio',
      'authors.expertise',
      'authors.photo_media_id',
    ])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy([
      'authors.id',
      'authors.slug',
      'authors.name',
      'authors.job_title',
      'authors.bio',
      'authors.expertise',
      'authors.photo_media_id',
    ])
    .orderBy('authors.name')
    .orderBy('authors.id'),
);

/** Tags on at least one published article, by name. */
export async function listPublishedTags(db: Kysely<Database>): Promise<TagEntry[]> {
  return (await tags(db, {})).map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    articleCount: Number(r.n),
  }));
}

/** Author profiles credited on at least one published article, by name. */
export async function listPublishedAuthors(db: Kysely<Database>): Promise<AuthorEntry[]> {
  return (await authors(db, {})).map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    jobTitle: r.job_title,
    bio: r.bio,
    expertise: r.expertise,
    photoMediaId: r.photo_media_id,
    articleCount: Number(r.n),
  }));
}
