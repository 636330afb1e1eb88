// What a reader typed, read as plain words, "exact phrases" and prefixes (word*), and nothing else: every
// operator of either database's query language (NEAR, AND, OR, NOT, -, ^, :, column filters, parentheses)
// is just a word or a separator here, so no input can reach the engines as syntax. The cleaned query is
// written out for FTS5 (every term a quoted string) and for PostgreSQL's to_tsquery (every term quoted).
import { foldText } from './search-text.js';

export interface SearchTerm {
  /** Folded words; more than one is a phrase, matched as adjacent words in that order. */
  words: string[];
  /** The last word matches as a prefix (typed as word*). */
  prefix: boolean;
}

/** Longest query read, in characters; the rest is dropped (nobody types 10 KB into a search box). */
export const MAX_QUERY_LENGTH = 200;
/** Terms used at most: each adds work to every matching row, and a dozen already pins an article down. */
export const MAX_TERMS = 12;
/** Words in one phrase at most. */
const MAX_PHRASE_WORDS = 8;
/** A prefix shorter than this matches a large part of any index; it is searched as the word itself. */
const MIN_PREFIX_LENGTH = 2;
/** A single word longer than this is no word of any language; a key or a flood, it matches nothing useful. */
const MAX_WORD_LENGTH = 64;

const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return (foldText(text).match(WORD) ?? []).filter((w) => w.length <= MAX_WORD_LENGTH);
}

/** Reads a query typed by anyone into terms; an empty list means there is nothing to search for. */
export function parseSearchQuery(input: string): SearchTerm[] {
  const text = input.slice(0, MAX_QUERY_LENGTH);
  const terms: SearchTerm[] = [];
  // Quotes pair up from the left; a quote left without a partner is only a separator.
  const parts = text.split('"');
  const closed = parts.length % 2 === 1 ? parts.length : parts.length - 1;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 1 && i < closed) {
      const words = wordsOf(part).slice(0, MAX_PHRASE_WORDS);
      if (words.length > 0) terms.push({ words, prefix: false });
      continue;
    }
    // Outside quotes: each word alone; a * right after a word makes it a prefix.
    for (const match of foldText(part).matchAll(/([\p{L}\p{N}]+)(\*?)/gu)) {
      const word = match[1]!;
      if (word.length > MAX_WORD_LENGTH) continue;
      terms.push({ words: [word], prefix: match[2] === '*' && word.length >= MIN_PREFIX_LENGTH });
    }
  }
  return dedupe(terms).slice(0, MAX_TERMS);
}

function dedupe(terms: SearchTerm[]): SearchTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = `${t.words.join(' ')}${t.prefix ? '*' : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The terms as an FTS5 query over the article's words: quoted strings joined by AND (implicit), a prefix as
 * "word"*, kept to the text columns (the `facets` column's words are filters, not text anyone wrote).
 */
export function fts5Query(terms: SearchTerm[], part: ArticlePart = 'text'): string {
  const columns = { text: 'headline dek body', headline: 'headline', dek: 'dek' }[part];
  return `{${columns}} : (${terms.map(fts5Term).join(' ')})`;
}

/** One term for FTS5: a quoted string, a prefix as "word"*. */
export function fts5Term(t: SearchTerm): string {
  // A term holds letters and digits only, so no quote inside it needs escaping.
  return `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`;
}

/** Where in an article the words are looked for: anywhere in its text, or in its headline or dek alone. */
export type ArticlePart = 'text' | 'headline' | 'dek';

/** The index's weight letter of each part on PostgreSQL (search-index.ts): headline A, dek B. */
const WEIGHT = { text: '', headline: 'A', dek: 'B' } as const;

/**
 * The terms as to_tsquery text: quoted lexemes, a phrase joined by <->, a prefix as :*, all ANDed; kept to
 * the headline's or dek's words by their weight letter.
 */
export function tsQueryText(terms: SearchTerm[], part: ArticlePart = 'text'): string {
  const weight = WEIGHT[part];
  return terms
    .map((t) => {
      const words = t.words.map((w, i) => {
        const label = `${t.prefix && i === t.words.length - 1 ? '*' : ''}${weight}`;
        return `'${w}'${label ? `:${label}` : ''}`;
      });
      return words.length === 1 ? words[0]! : `(${words.join(' <-> ')})`;
    })
    .join(' & ');
}

/** Every word of the terms as to_tsquery text joined by OR (|): what a headline holding any of them matches. */
export function tsAnyWordText(terms: SearchTerm[]): string {
  return terms
    .flatMap((t) => t.words.map((w, i) => `'${w}'${t.prefix && i === t.words.length - 1 ? ':*' : ''}`))
    .join(' | ');
}
