// An article's comments as a reader's request needs them: a further page of its threads, the comment a
// reply form answers, whether the article takes comments now, and the form's token for its pages.
import { type ArticleRef, publishedArticleBySlug } from '../articles/article-refs.js';
import { Conflict, NotFound } from '../http/errors.js';
import { commentsClosed } from './closing.js';
import type { CommentDeps } from './comment-deps.js';
import {
  type CommentPage,
  loadCommentPage,
  type Order,
  type PublicComment,
  toPublicComment,
} from './comments.js';
import { selectComment } from './queries.js';
import { type CommentSettings, readCommentSettings } from './settings.js';
import { signArticleFormToken } from './tokens.js';

type Deps = Pick<CommentDeps, 'db' | 'clock' | 'secret'>;

/** The token rendered into a page that may be cached and shared: its time is when the page was made. */
export function pageFormToken(deps: Deps, articleId: number): string {
  return signArticleFormToken(deps.secret, { articleId, source: 'page', shownAt: deps.clock() });
}

/** A page of an article's threads after the first; NotFound past the last page. */
export async function articleCommentPage(
  deps: Deps,
  slug: string,
  options: { page: number; order: Order; settings: CommentSettings },
): Promise<{ article: ArticleRef; open: boolean; page: CommentPage }> {
  const { db } = deps;
  const article = await publishedArticleBySlug(db, slug);
  const [closed, page] = await Promise.all([
    commentsClosed(db, article, options.settings, deps.clock()),
    loadCommentPage(db, article.id, {
      page: options.page,
      order: options.order,
      perPage: options.settings.perPage,
    }),
  ]);
  if (page.page !== options.page) throw new NotFound('There is no such page of comments.');
  return { article, open: !closed, page };
}

/** A published comment on this article as readers see it, or undefined. */
export async function publishedCommentOn(
  deps: Pick<Deps, 'db'>,
  articleId: number,
  id: number,
): Promise<PublicComment | undefined> {
  const row = await selectComment(deps.db, id);
  return row?.status === 'approved' && row.article_id === articleId ? toPublicComment(row) : undefined;
}

/** The article a comment may be posted on now; Conflict when its comments are closed. */
export async function articleOpenForComments(deps: Deps, slug: string): Promise<ArticleRef> {
  const [article, settings] = await Promise.all([
    publishedArticleBySlug(deps.db, slug),
    readCommentSettings(deps.db),
  ]);
  if (await commentsClosed(deps.db, article, settings, deps.clock()))
    throw new Conflict('Comments on this article are closed.');
  return article;
}

/** What the reply form without JavaScript answers; NotFound when it is gone or the thread is closed. */
export async function replyTarget(deps: Deps, slug: string, parentId: number) {
  const article = await publishedArticleBySlug(deps.db, slug);
  const parent = await publishedCommentOn(deps, article.id, parentId);
  if (!parent) throw new NotFound();
  const settings = await readCommentSettings(deps.db);
  if (await commentsClosed(deps.db, article, settings, deps.clock()))
    throw new NotFound('Comments on this article are closed.');
  return { article, parent };
}
