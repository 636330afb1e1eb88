// The newest whole articles of a list (the site, a section, a tag, an author) for its feeds: one query for
// the rows and their relations, one for the images of all their bodies.
import type { Kysely } from 'kysely';
import type { SectionRef } from '../../site/sections.js';
import { preparedQuery } from '../../storage/prepared.js';
import type { Database } from '../../storage/schema.js';
import type { Article } from '../model.js';
import { completeArticles, FULL_COLUMNS, type FullRow, relationsJson } from './article-query.js';
import { type ArticleFilter, filterId, type Kind, published } from './list-queries.js';

function latestQuery(kind: Kind) {
  return preparedQuery<'id' | 'limit', FullRow>((db, p, dialect) =>
    published(db, kind, p.id)
      .select(FULL_COLUMNS)
      .select((eb) => relationsJson(eb, dialect))
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(p.limit),
  );
}

const queries: Record<Kind, ReturnType<typeof latestQuery>> = {
  all: latestQuery('all'),
  section: latestQuery('section'),
  tag: latestQuery('tag'),
  author: latestQuery('author'),
};

export async function listLatestArticles(
  db: Kysely<Database>,
  filter: ArticleFilter,
  limit: number,
  sections: Map<number, SectionRef>,
): Promise<Article[]> {
  const rows = await queries[filter.kind](db, { id: filterId(filter), limit });
  return completeArticles(db, rows, sections);
}
