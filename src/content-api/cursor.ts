// The opaque cursor of an article list: where the page ended (publication time and id), written so that
// clients pass it back as given and never build one. A cursor that does not decode is a 400 naming `cursor`.
import type { KeysetPosition } from '../articles/queries/keyset-query.js';
import { Invalid } from '../http/errors.js';

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.publishedAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[0] === 'string' &&
    !Number.isNaN(Date.parse(parsed[0])) &&
    Number.isSafeInteger(parsed[1]) &&
    parsed[1] > 0
  ) {
    return { publishedAt: new Date(parsed[0]).toISOString(), id: parsed[1] };
  }
  throw new Invalid('That cursor is not one this API gave.', {
    cursor: 'pass the nextCursor of the previous page as given',
  });
}
