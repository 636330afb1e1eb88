// Signed tokens for the links and fields of the comment system, each bound to its purpose so one can never
// stand in for another: the form's start time, a reader's view of their held comment, one-click
// unsubscribes, and a commenter's request for their data.
import { createHmac, timingSafeEqual } from 'node:crypto';

type Purpose = 'form' | 'held' | 'unsubscribe-replies' | 'unsubscribe-digest' | 'data';
const PART = /^[A-Za-z0-9_-]{1,64}$/;

function mac(secret: string, purpose: Purpose, parts: string[]): string {
  return createHmac('sha256', secret)
    .update(`comments:${purpose}:${parts.join('.')}`)
    .digest('base64url');
}

function sign(secret: string, purpose: Purpose, parts: string[]): string {
  return [...parts, mac(secret, purpose, parts)].join('.');
}

/** The signed parts, or null when the token is malformed, forged or altered. */
function verify(secret: string, purpose: Purpose, token: unknown, count: number): string[] | null {
  if (typeof token !== 'string' || token.length > 400) return null;
  const all = token.split('.');
  if (all.length !== count + 1 || !all.every((p) => PART.test(p))) return null;
  const parts = all.slice(0, count);
  const expected = Buffer.from(mac(secret, purpose, parts));
  const given = Buffer.from(all[count]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? parts : null;
}

const positive = (s: string) => (/^\d{1,15}$/.test(s) ? Number(s) : null);

/** When the form was shown; a reader's browser refreshes it, the cached page carries the render time. */
export function signFormToken(secret: string, shownAt: Date): string {
  return sign(secret, 'form', [String(shownAt.getTime())]);
}

export function formShownAt(secret: string, token: unknown): Date | null {
  const parts = verify(secret, 'form', token, 1);
  const ms = parts ? positive(parts[0]!) : null;
  return ms === null ? null : new Date(ms);
}

export function signHeldToken(secret: string, commentId: number, expiresAt: Date): string {
  return sign(secret, 'held', [String(commentId), String(expiresAt.getTime())]);
}

export function heldCommentId(secret: string, token: unknown, now: Date): number | null {
  const parts = verify(secret, 'held', token, 2);
  if (!parts) return null;
  const [id, expires] = [positive(parts[0]!), positive(parts[1]!)];
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
  return parts ? positive(parts[0]!) : null;
}

export function signDataToken(secret: string, emailKey: string, expiresAt: Date): string {
  return sign(secret, 'data', [emailKey, String(expiresAt.getTime())]);
}

export function dataTokenKey(secret: string, token: unknown, now: Date): string | null {
  const parts = verify(secret, 'data', token, 2);
  if (!parts) return null;
  const expires = positive(parts[1]!);
  return expires !== null && expires > now.getTime() ? parts[0]! : null;
}
