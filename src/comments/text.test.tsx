// Comment text: tidied for storage, rendered as paragraphs, line breaks and nofollow links, and escaped.
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { CommentText, countLinks, excerpt, safeWebUrl, tidyLine, tidyText } from './text.js';

const html = (text: string) => renderToString(<CommentText text={text} />);

describe('tidyText', () => {
  it('keeps paragraphs and line breaks, folds other breaks, trims, and keeps at most one blank line', () => {
    expect(tidyText('  One\r\ntwo  \r\n\r\n\r\n\r\nThree\u2028four \n')).toBe('One\ntwo\n\nThree\nfour');
  });

  it('removes control characters and bidirectional overrides, keeps tabs and other scripts', () => {
    expect(tidyText('a\u0000b\u0007c\u202Ed\u2066e\tf – ü ж 字')).toBe('abcde\tf – ü ж 字');
  });

  it('makes a one-line field out of a name', () => {
    expect(tidyLine('  Ada\n\tLovelace\u0000 ')).toBe('Ada Lovelace');
  });
});

describe('CommentText', () => {
  it('renders paragraphs and line breaks', () => {
    expect(html('One\ntwo\n\nThree')).toBe('<p>One<br/>two</p><p>Three</p>');
  });

  it('turns web addresses into links marked nofollow ugc noopener, keeping the text around them', () => {
    expect(html('See https://example.org/a?b=1&c=2 and www.example.com.')).toBe(
      '<p>See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a>' +
        ' and <a href="http://www.example.com/" rel="nofollow ugc noopener">www.example.com</a>.</p>',
    );
  });

  it('escapes markup and never links other schemes', () => {
    const out = html(
      '<script>alert(1)</script> <img src=x onerror=alert(1)> javascript:alert(1) mailto:a@b.org a@b.org',
    );
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<a');
    expect(out).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('links nothing that leaves by a path-like or hidden route, and keeps the words', () => {
    const hostile = [
      '/\\evil.example',
      '//evil.example/x',
      'data:text/html,<script>alert(1)</script>',
      'java\tscript:alert(1)',
      'https://news.example.org@evil.example/',
    ];
    const out = html(hostile.join(' '));
    // The one link is to the part before the "@", where it says it goes.
    expect(out.match(/href="[^"]*"/g)).toEqual(['href="https://news.example.org/"']);
    expect(out).toContain('/\\evil.example //evil.example/x data:text/html,&lt;script>');
    for (const raw of hostile) expect(safeWebUrl(raw), raw).toBeNull();
    expect(safeWebUrl(' HTTPS://Example.org/a b')).toBe('https://example.org/a%20b');
  });

  it('does not let a crafted address break out of the href', () => {
    const out = html('http://example.org/"onmouseover="alert(1)');
    expect(out).not.toMatch(/"\s*onmouseover=/);
    expect(out).toContain('rel="nofollow ugc noopener"');
  });
});

describe('countLinks and excerpt', () => {
  it('counts web links only', () => {
    expect(countLinks('a https://one.example b example.org c mailto:x@y.org d x@y.org')).toBe(2);
  });

  it('shortens on one line', () => {
    expect(excerpt('Hello\n\nthere world', 10)).toBe('Hello the…');
  });
});
