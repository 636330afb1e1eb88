// Tokens signed with the app secret, each bound to its purpose so that one can never stand in for another:
// a comment form's timestamp, a donor's emailed link, an unsubscribe. A token is its parts and their HMAC,
// joined by dots; the parts are short URL-safe strings, so a token fits in a link or a form field.
import { createHmac, timingSafeEqual } from 'node:crypto';

const PART = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TOKEN_LENGTH = 400;

function mac(secret: string, purpose: string, parts: string[]): string {
  return createHmac('sha256', secret)
    .update(`${purpose}:${parts.join('.')}`)
    .digest('base64url');
}

/** `parts` joined with their signature; each part must be 1–64 URL-safe characters. */
export function signToken(secret: string, purpose: string, parts: string[]): string {
  for (const part of parts) {
    if (!PART.test(part)) throw new RangeError(`a token part must be 1–64 URL-safe characters: "${part}"`);
  }
  return [...parts, mac(secret, purpose, parts)].join('.');
}

/** The signed parts, or null when the token is malformed, forged, altered or made for another purpose. */
export function verifyToken(secret: string, purpose: string, token: unknown, count: number): string[] | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const all = token.split('.');
  if (all.length !== count + 1 || !all.every((p) => PART.test(p))) return null;
  const parts = all.slice(0, count);
  const expected = Buffer.from(mac(secret, purpose, parts));
  const given = Buffer.from(all[count]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? parts : null;
}

/**
 * A keyed hash of a value (an email, an address) for storing or counting it without keeping it: unlike a
 * plain hash, nobody without the secret can test guesses against it.
 */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url');
}

/** A whole number written into a token part, or null when the part is not one. */
export function tokenNumber(part: string | undefined): number | null {
  return part !== undefined && /^\d{1,15}$/.test(part) ? Number(part) : null;
}
