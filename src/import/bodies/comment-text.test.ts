import { describe, expect, it } from 'vitest';
import { tidyText } from '../../comments/text.js';
import { commentText } from './comment-text.js';

describe('commentText', () => {
  it('keeps the newlines WordPress turns into paragraphs and line breaks', () => {
    expect(commentText('Great piece.\nThanks!\n\n\n\nSecond paragraph.')).toBe(
      'Great piece.\nThanks!\n\nSecond paragraph.',
    );
  });

  it('reads the HTML WordPress lets commenters write: marks go, words stay, entities decoded', () => {
    expect(
      commentText('<p>I <strong>strongly</strong> <em>agree</em> &amp; <code>x &lt; y</code></p><p>Next</p>'),
    ).toBe('I strongly agree & x < y\n\nNext');
  });

  it('writes out a link address hidden behind other words, once, and drops unsafe ones', () => {
    expect(
      commentText(
        'See <a href="https://example.org/report">the report</a>, <a href="https://example.org/">https://example.org/</a> and <a href="javascript:alert(1)">this</a>.',
      ),
    ).toBe('See the report (https://example.org/report), https://example.org/ and this.');
  });

  it('quotes a blockquote with "> ", lists with bullets, and keeps an image as its description', () => {
    expect(
      commentText(
        '<blockquote>They said\nthis</blockquote>Reply<ul><li>a</li><li>b</li></ul><img alt="chart" src="https://example.org/c.png">',
      ),
    ).toBe('> They said\n> this\n\nReply\n\n• a\n\n• b\n\n[chart: https://example.org/c.png]');
  });

  it('drops scripts and styles, and what remains is tidy as the comment form stores it', () => {
    const text = commentText(
      '<script>alert(1)</script><style>*{}</style>Hello\u202E <b onclick="x()">there</b>\r\n',
    );
    expect(text).toBe('Hello there');
    expect(tidyText(text)).toBe(text);
  });

  it('keeps UTF-8 text and gives an empty string for an empty comment', () => {
    expect(commentText('👍🏾 מצוין e\u0301')).toBe('👍🏾 מצוין e\u0301');
    expect(commentText('<p> </p>')).toBe('');
  });
});
