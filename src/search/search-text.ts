// The words an article is found by, and the one folding both databases' indexes and every query go through:
// accents dropped and case ignored, so "café" finds "cafe" and "CAFÉ" (SQLite's tokenizer folds the same way).
import { documentText, readStoredBody } from '../articles/render/document.js';

const MARKS = /\p{M}+/gu;

/** Lower case, without diacritics: compatibility forms decomposed (ﬁ → fi, ² → 2), combining marks dropped. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The folded words of a text, one space between each: what PostgreSQL indexes, so that its parser sees the
 * same words the query reader does (it would otherwise take "<b>" for a tag, or "a.b.com" for a host name).
 */
export function foldedWords(text: string): string {
  return (foldText(text).match(WORD) ?? []).join(' ');
}

export interface SearchableText {
  headline: string;
  dek: string;
  body: string;
}

/** An article row's searchable text: the body document's words (the same text word counts read). */
export function searchableText(row: { headline: string; dek: string; body: string }): SearchableText {
  let body = '';
  try {
    body = documentText(readStoredBody(row.body));
  } catch {
    // A body no reader could see rendered (it fails validation) is not searched either.
    body = '';
  }
  return { headline: row.headline, dek: row.dek, body };
}
