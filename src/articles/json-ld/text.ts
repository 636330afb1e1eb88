// What the head and the JSON-LD derive from an article's words: a description cut at a word, the word count.
// Worked out once per loaded body rather than once per use.
import type { Article } from '../model.js';
import { type BodyDocument, documentText } from '../render/document.js';
import { truncateText } from '../truncate-text.js';
import { countWords } from '../word-count.js';

export { truncateText };

/** Google's article guidelines capped headlines here for years, and some readers of the markup still cut there. */
export const MAX_HEADLINE = 110;

export const MAX_DESCRIPTION = 160;

// What the head and the JSON-LD derive from a body, worked out once per loaded body rather than once per use.
const fromBody = new WeakMap<BodyDocument, { opening?: string; words?: Map<string, number> }>();

function bodyFacts(body: BodyDocument) {
  let facts = fromBody.get(body);
  if (!facts) {
    facts = {};
    fromBody.set(body, facts);
  }
  return facts;
}

/** The dek, or the opening of the body when the article has none. */
export function articleDescription(article: Pick<Article, 'dek' | 'body' | 'metaDescription'>): string {
  const written = article.metaDescription?.trim();
  if (written) return truncateText(written, MAX_DESCRIPTION);
  const dek = article.dek.trim();
  if (dek) return truncateText(dek, MAX_DESCRIPTION);
  const facts = bodyFacts(article.body);
  facts.opening ??= truncateText(documentText(article.body), MAX_DESCRIPTION);
  return facts.opening;
}

export function bodyWordCount(body: BodyDocument, language: string): number {
  const facts = bodyFacts(body);
  facts.words ??= new Map();
  let words = facts.words.get(language);
  if (words === undefined) {
    words = countWords(documentText(body), language);
    facts.words.set(language, words);
  }
  return words;
}
