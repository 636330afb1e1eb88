// Row type of the search index as PostgreSQL holds it (0009_search). On SQLite the index is an FTS5 table
// of the same words (rowid = the article's id), reached through SQL written for it in src/search/.
export interface ArticleSearchTable {
  article_id: number;
  /** The article's version these words are from. */
  version: number;
  headline: string;
  dek: string;
  /** The body's plain text, as written (snippets are cut from it). */
  body: string;
  /** Folded, stemmed and weighted words: headline A, dek B, body C. */
  document: string;
  /** The headline's (A) and dek's (B) words alone: what results are ranked by. */
  heading: string;
  /** The article's section (0022_search_speed), kept by a trigger on articles. */
  section_id: number | null;
  /** When the article was published; null while it is not (0022_search_speed). */
  published_at: string | null;
}
