// The secrets the newsroom hands out (session cookies, setup, invitation and reset links): 32 random bytes
// given to the person, only their SHA-256 kept, so a copy of the database opens no account.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { keyedHash } from '../../http/signed-tokens.js';

export function newToken(random: (size: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The per-session CSRF token: derived from the session token, so nothing more is stored or looked up. */
export function csrfTokenFor(secret: string, sessionToken: string): string {
  return keyedHash(secret, 'csrf', sessionToken);
}

export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A link token looks like what newToken makes; anything else is refused before touching the database. */
export function plausibleToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
