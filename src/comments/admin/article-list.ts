// The published articles as the screen for opening and closing comments lists them: found by words of
// their headline, a page at a time, each with its approved comments and whether they are open, closed by
// hand, or closed by age.
import { type ArticleRef, publishedArticlesPage } from '../../articles/article-refs.js';
import { closedByAge } from '../closing.js';
import type { Db } from '../queries.js';
import type { CommentSettings } from '../settings.js';
import { closedFlagsOf, commentCountsOf } from './article-list-queries.js';

export interface ArticleCommentState extends ArticleRef {
  comments: number;
  closed: boolean;
  /** Closed by age, not by an editor. */
  auto: boolean;
}

export interface ArticleList {
  articles: ArticleCommentState[];
  total: number;
  page: number;
  pages: number;
}

export async function articleCommentStates(
  db: Db,
  settings: CommentSettings,
  options: { words: string[]; page: number; perPage: number; now: Date },
): Promise<ArticleList> {
  const { words, perPage } = options;
  const pageOf = (page: number) =>
    publishedArticlesPage(db, { words, limit: perPage, offset: (page - 1) * perPage });
  let found = await pageOf(options.page);
  const pages = Math.max(1, Math.ceil(found.total / perPage));
  // A page past the end (the list shrank since the link was made) shows the last one.
  const page = Math.min(options.page, pages);
  if (page !== options.page) found = await pageOf(page);
  const ids = found.articles.map((a) => a.id);
  const [counts, flags] = await Promise.all([commentCountsOf(db, ids), closedFlagsOf(db, ids)]);
  const flag = new Map(flags.map((f) => [f.article_id, f.closed === 1]));
  const articles = found.articles.map((a) => {
    const auto = closedByAge(a, settings, options.now);
    return {
      ...a,
      comments: counts.get(a.id) ?? 0,
      closed: flag.get(a.id) ?? auto,
      auto: !flag.has(a.id) && auto,
    };
  });
  return { articles, total: found.total, page, pages };
}
