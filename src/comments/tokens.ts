// Signed tokens for the links and fields of the comment system, each bound to its purpose so one can never
// stand in for another: when a form was shown (for one article), a reader's view of their held comment,
// one-click unsubscribes, a commenter's request for their data, and the comments a browser posted.
import { signToken, tokenNumber, verifyToken } from '../http/signed-tokens.js';

type Purpose =
  | 'article-form'
  | 'held'
  | 'unsubscribe-replies'
  | 'unsubscribe-digest'
  | 'data'
  | 'commenter-browser';

// The purposes are the comment system's own: no token of another domain can stand in for one of these.
function sign(secret: string, purpose: Purpose, parts: string[]): string {
  return signToken(secret, `comments:${purpose}`, parts);
}

/** The signed parts, or null when the token is malformed, forged or altered. */
function verify(secret: string, purpose: Purpose, token: unknown, count: number): string[] | null {
  return verifyToken(secret, `comments:${purpose}`, token, count);
}

/**
 * Where a form's token came from. 'page': rendered into the article page, which caches and CDNs keep and
 * serve to everyone, so its time is when the page was rendered, not when this reader saw the form. 'fresh':
 * fetched by the form island when the form came into view, so its age is how long the reader had the form.
 */
export type FormTokenSource = 'page' | 'fresh';

// Long enough for a page served stale by a CDN (CDN_STALE_SECONDS, a day by default) and then read;
// older than that, the token was kept from an old copy, not taken from a page a reader has open.
const PAGE_TOKEN_MAX_AGE_MS = 2 * 24 * 3600_000;
// Long enough to write at length or come back to the tab later in the day; short enough that tokens
// fetched in bulk are of no use the next day.
const FRESH_TOKEN_MAX_AGE_MS = 6 * 3600_000;

export function signArticleFormToken(
  secret: string,
  form: { articleId: number; source: FormTokenSource; shownAt: Date },
): string {
  return sign(secret, 'article-form', [form.source, String(form.articleId), String(form.shownAt.getTime())]);
}

/** What a posted form's token proves: how long the reader had the form, an upper bound of it, or nothing. */
export type FormProof =
  | { kind: FormTokenSource; ageSeconds: number }
  | { kind: 'none'; why: 'no valid token' | 'another article' | 'expired' };

export function checkFormToken(secret: string, token: unknown, articleId: number, now: Date): FormProof {
  const parts = verify(secret, 'article-form', token, 3);
  const [source, article, shown] = parts ?? [];
  const shownMs = tokenNumber(shown);
  if ((source !== 'page' && source !== 'fresh') || shownMs === null)
    return { kind: 'none', why: 'no valid token' };
  if (article !== String(articleId)) return { kind: 'none', why: 'another article' };
  const ageMs = now.getTime() - shownMs;
  if (ageMs > (source === 'page' ? PAGE_TOKEN_MAX_AGE_MS : FRESH_TOKEN_MAX_AGE_MS))
    return { kind: 'none', why: 'expired' };
  return { kind: source, ageSeconds: ageMs / 1000 };
}

export function signHeldToken(secret: string, commentId: number, expiresAt: Date): string {
  return sign(secret, 'held', [String(commentId), String(expiresAt.getTime())]);
}

export function heldCommentId(secret: string, token: unknown, now: Date): number | null {
  const parts = verify(secret, 'held', token, 2);
  if (!parts) return null;
  const [id, expires] = [tokenNumber(parts[0]), tokenNumber(parts[1])];
  return id !== null && expires !== null && expires > now.getTime() ? id : null;
}

/** Stops reply notifications to every comment of one email (named by its key, never by the address). */
export function signReplyUnsubscribe(secret: string, emailKey: string): string {
  return sign(secret, 'unsubscribe-replies', [emailKey]);
}

export function replyUnsubscribeKey(secret: string, token: unknown): string | null {
  return verify(secret, 'unsubscribe-replies', token, 1)?.[0] ?? null;
}

export function signDigestUnsubscribe(secret: string, staffId: number): string {
  return sign(secret, 'unsubscribe-digest', [String(staffId)]);
}

export function digestUnsubscribeStaff(secret: string, token: unknown): number | null {
  const parts = verify(secret, 'unsubscribe-digest', token, 1);
  return parts ? tokenNumber(parts[0]) : null;
}

export function signDataToken(secret: string, emailKey: string, expiresAt: Date): string {
  return sign(secret, 'data', [emailKey, String(expiresAt.getTime())]);
}

export function dataTokenKey(secret: string, token: unknown, now: Date): string | null {
  const parts = verify(secret, 'data', token, 2);
  if (!parts) return null;
  const expires = tokenNumber(parts[1]);
  return expires !== null && expires > now.getTime() ? parts[0]! : null;
}

// The newest comments a browser posted: eight, or as many as fit in one token part.
const BROWSER_COMMENTS = 8;

/** The cookie value naming the comments this browser posted: the earlier ones and this one, newest last. */
export function signBrowserComments(secret: string, earlier: number[], id: number): string {
  const ids = [...earlier.filter((e) => e !== id), id].slice(-BROWSER_COMMENTS);
  while (ids.join('-').length > 64) ids.shift();
  return sign(secret, 'commenter-browser', [ids.join('-')]);
}

/** The comments a browser's cookie says it posted; none when there is no cookie or it was not signed by us. */
export function browserCommentIds(secret: string, token: unknown): number[] {
  const parts = verify(secret, 'commenter-browser', token, 1);
  if (!parts) return [];
  return parts[0]!
    .split('-')
    .map((part) => tokenNumber(part))
    .filter((id): id is number => id !== null);
}
