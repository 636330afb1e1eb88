// The admin API token itself: 32 random bytes with a recognisable prefix (so secret scanners and people can
// tell what a leaked string is), and the keyed hash that is all the database keeps of it.
import { randomBytes } from 'node:crypto';
import { keyedHash } from '../http/signed-tokens.js';

const PREFIX = 'bsat_';
const TOKEN = /^bsat_[A-Za-z0-9_-]{43}$/;

export function newApiToken(random: (size: number) => Buffer = randomBytes): string {
  return `${PREFIX}${random(32).toString('base64url')}`;
}

/**
 * The token is 256 random bits, so nothing can be guessed from a fast hash of it and a slow one (argon2)
 * would only cost every API request tens of milliseconds. It is keyed with the app secret (HMAC-SHA-256) so
 * a copy of the database alone cannot even confirm a token found elsewhere; the hash is then looked up
 * directly by its unique index.
 */
export function apiTokenHash(secret: string, token: string): string {
  return keyedHash(secret, 'admin-api-token', token);
}

/** Anything that does not look like a token is refused before the database is asked. */
export function plausibleApiToken(token: string): boolean {
  return TOKEN.test(token);
}
