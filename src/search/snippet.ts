// The passage of an article shown under a search result: the stretch of its text where the query's words are
// thickest, HTML-escaped, with only <mark> added around the words found. Cut here, not by the database, so
// both databases give the same passage and nothing but our own tags reaches the page.
import { escapeXml } from '../views/escape.js';
import type { SearchTerm } from './search-query.js';
import { foldText } from './search-text.js';

/** Words in a snippet. */
const SNIPPET_WORDS = 32;

interface Word {
  start: number;
  end: number;
  folded: string;
}

// Letters and digits, told apart from spaces and punctuation by code point blocks (ASCII, Latin-1's letters,
// everything above General Punctuation but CJK punctuation and surrogates): several times faster than
// \p{L} over a whole article, and for highlighting the same words.
const WORD =
  /[0-9A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2070-\u2FFF\u3040-\uD7FF\uF900-\uFDFF\uFE70-\uFEFE\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF66-\uFFDC]+/g;
// Most words of most articles are plain ASCII: lower-cased, they are folded already.
const NON_ASCII = /[^ -~\t\n\r]/;

function wordsIn(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    words.push({
      start: m.index,
      end: m.index + word.length,
      folded: NON_ASCII.test(word) ? foldText(word) : word.toLowerCase(),
    });
  }
  return words;
}

function matcher(terms: SearchTerm[]): (folded: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const term of terms) {
    term.words.forEach((w, i) => {
      if (term.prefix && i === term.words.length - 1) prefixes.push(w);
      else exact.add(w);
    });
  }
  return (folded) => exact.has(folded) || prefixes.some((p) => folded.startsWith(p));
}

/** The best passage of `text` for these terms, as safe HTML; the opening words when none of them occur. */
export function snippetHtml(text: string, terms: SearchTerm[]): string {
  const words = wordsIn(text);
  if (words.length === 0) return '';
  const matches = matcher(terms);
  const hit = words.map((w) => matches(w.folded));
  // The window of SNIPPET_WORDS words holding the most hits, first found among equals.
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < words.length; i++) {
    if (hit[i]) count++;
    if (i >= SNIPPET_WORDS && hit[i - SNIPPET_WORDS]) count--;
    const start = Math.max(0, i - SNIPPET_WORDS + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  // Start a couple of words before the first hit in the window, so the passage reads into it.
  const firstHit = hit.indexOf(true, best);
  if (firstHit >= 0 && firstHit - best > 3) best = Math.max(0, firstHit - 3);
  const last = Math.min(words.length, best + SNIPPET_WORDS) - 1;
  let html = best > 0 ? '… ' : '';
  let at = words[best]!.start;
  for (let i = best; i <= last; i++) {
    const w = words[i]!;
    html += escapeXml(text.slice(at, w.start));
    const word = escapeXml(text.slice(w.start, w.end));
    html += hit[i] ? `<mark>${word}</mark>` : word;
    at = w.end;
  }
  if (last < words.length - 1) html += ' …';
  else html += escapeXml(text.slice(at));
  return html.replace(/\s+/g, ' ').trim();
}
