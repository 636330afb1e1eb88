// The word count against the Unicode word segmenter it stands in for.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes } from './word-count.js';

describe('countWords', () => {
  const reference = readFileSync(new URL('../../demo/reference-article.txt', import.meta.url), 'utf8');
  const segmenterCount = (text: string, language: string) =>
    [...new Intl.Segmenter(language, { granularity: 'word' }).segment(text)].filter((s) => s.isWordLike)
      .length;

  it('counts what the Unicode word segmenter counts, for a spaced language', () => {
    expect(countWords(reference, 'en')).toBe(segmenterCount(reference, 'en'));
    expect(countWords('It’s a well-known fact: 23,000 dead, 1.5 million before.', 'en-GB')).toBe(10);
    expect(countWords('Die Straße führt nach Charkiw.', 'de')).toBe(5);
    expect(countWords('Ελληνικά κείμενα, 𝐛𝐨𝐥𝐝 words… and — dashes', 'el')).toBe(6);
    expect(countWords('', 'en')).toBe(0);
  });

  it('segments languages written without spaces', () => {
    const text = '我们支持非营利新闻';
    expect(countWords(text, 'zh-Hans')).toBe(segmenterCount(text, 'zh-Hans'));
    expect(countWords(text, 'zh-Hans')).toBeGreaterThan(1);
  });
});

describe('readingMinutes', () => {
  it('gives none for no words, at least one for any, and rounds at 238 words a minute', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(356)).toBe(1);
    expect(readingMinutes(357)).toBe(2);
    expect(readingMinutes(2380)).toBe(10);
  });
});
