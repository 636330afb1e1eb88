// The newsroom's search: the same index and the same reading of the words as readers', over every article
// whatever its status (the index holds drafts too), as a condition the article list adds to its own query.
// The WordPress-shaped API filters its posts with it too (they are published ones, by its own condition).
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { dialectOf } from '../storage/prepared.js';
import type { Database } from '../storage/schema.js';
import { readSettings } from '../storage/settings-store.js';
import { type ArticlePart, fts5Query, parseSearchQuery, tsQueryText } from './search-query.js';
import { searchSettingsSection } from './search-settings.js';

/**
 * A condition true for the articles (`articles.id`) whose headline, dek or body (or only `part` of them)
 * holds every word of `text`, "phrases" and prefix* read as readers' are; null when `text` has no words.
 */
export async function articleTextMatches(
  db: Kysely<Database>,
  text: string,
  part: ArticlePart = 'text',
): Promise<RawBuilder<boolean> | null> {
  const terms = parseSearchQuery(text);
  if (terms.length === 0) return null;
  if (dialectOf(db) === 'postgres') {
    const { postgresConfig } = await readSettings(db, searchSettingsSection);
    return sql<boolean>`${sql.ref('articles.id')} in (select article_id from article_search
      where document @@ to_tsquery(${postgresConfig || 'simple'}::regconfig, ${tsQueryText(terms, part)}))`;
  }
  return sql<boolean>`${sql.ref('articles.id')} in (select rowid from article_search
    where article_search match ${fts5Query(terms, part)})`;
}
