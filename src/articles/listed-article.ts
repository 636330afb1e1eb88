// Which lists an article is on (its section, tags and authors), read from the database so that a change
// can announce the lists it leaves and the ones it joins (see cache-tags.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { ListedArticle } from './cache-tags.js';

export async function listedArticle(db: Kysely<Database>, id: number): Promise<ListedArticle> {
  const [row, tags, authors] = await Promise.all([
    db.selectFrom('articles').select('section_id').where('id', '=', id).executeTakeFirst(),
    db.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).execute(),
    db.selectFrom('article_authors').select('author_id').where('article_id', '=', id).execute(),
  ]);
  return {
    id,
    sectionId: row?.section_id ?? null,
    tagIds: tags.map((t) => t.tag_id),
    authorIds: authors.map((a) => a.author_id),
  };
}
