// A reader's own held comment: after posting, a comment waiting for moderation (or in the spam folder; the
// reader is told the same) is shown to its author alone, through a signed link valid for a month.
import { type ArticleRef, publishedArticleBySlug } from '../articles/article-refs.js';
import { NotFound } from '../http/errors.js';
import type { CommentDeps } from './comment-deps.js';
import { type PublicComment, toPublicComment } from './comments.js';
import { commentLocation } from './locations.js';
import { selectComment } from './queries.js';
import { heldCommentId, signHeldToken } from './tokens.js';

const HELD_LINK_DAYS = 30;

type Deps = Pick<CommentDeps, 'db' | 'clock' | 'secret'>;

/** The signed link to a comment just posted and held. */
export function heldLink(deps: Deps, slug: string, commentId: number): { token: string; location: string } {
  const expires = new Date(deps.clock().getTime() + HELD_LINK_DAYS * 86_400_000);
  const token = signHeldToken(deps.secret, commentId, expires);
  return { token, location: `/articles/${slug}/comments/held/${token}` };
}

export type HeldLookup =
  | { status: 'approved'; location: string }
  | { status: 'held'; article: ArticleRef; comment: PublicComment; parentId: number | null };

/** What a held link shows now: the comment while it waits, its permalink once approved; NotFound otherwise. */
export async function heldComment(deps: Deps, slug: string, token: string): Promise<HeldLookup> {
  const id = heldCommentId(deps.secret, token, deps.clock());
  if (id === null) throw new NotFound('This link is not valid any more.');
  const row = await selectComment(deps.db, id);
  if (!row || row.status === 'erased' || row.status === 'trash')
    throw new NotFound('This comment is not there any more.');
  if (row.status === 'approved') return { status: 'approved', location: await commentLocation(deps.db, id) };
  const article = await publishedArticleBySlug(deps.db, slug);
  if (article.id !== row.article_id) throw new NotFound();
  return { status: 'held', article, comment: toPublicComment(row), parentId: row.parent_id };
}
