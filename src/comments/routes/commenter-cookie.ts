// The cookie by which a regular commenter's browser proves that their earlier comments came from it: it
// names (signed) the comments this browser posted, so that trust in "first comment needs approval" mode
// rests on something someone who merely knows their email address does not have. HttpOnly, sent only to
// /articles (where comments are posted), and kept for a year from the last comment.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { browserCommentIds, signBrowserComments } from '../tokens.js';

export const COMMENTER_COOKIE = 'broadsheet_commenter';
const YEAR_SECONDS = 365 * 24 * 3600;

export function commentsOfThisBrowser(request: FastifyRequest, secret: string): number[] {
  return browserCommentIds(secret, request.cookies[COMMENTER_COOKIE]);
}

/** Adds the comment just posted to the browser's cookie. */
export function rememberComment(
  reply: FastifyReply,
  options: { secret: string; publicUrl: string; earlier: number[]; id: number },
): void {
  reply.setCookie(COMMENTER_COOKIE, signBrowserComments(options.secret, options.earlier, options.id), {
    path: '/articles',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.publicUrl.startsWith('https://'),
    maxAge: YEAR_SECONDS,
  });
}
