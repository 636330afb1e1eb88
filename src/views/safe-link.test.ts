// The shared link rule against the forms browsers follow off-site although they look like paths, the
// schemes that run script, and their encoded variants; and what it keeps, normalised as a browser would.
import { describe, expect, it } from 'vitest';
import { safeLink, WEB_LINK } from './safe-link.js';

// Each of these, put in an href on https://news.example.org, would take a reader elsewhere or run script.
const HOSTILE = [
  '/\\evil.example',
  '/\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  ' \t/\t/evil.example',
  '//evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/.//evil.example',
  '/./\\evil.example',
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0000javascript:alert(1)',
  'javascript&colon;alert(1)',
  '&#106;avascript:alert(1)',
  'java%73cript:alert(1)',
  '%6A%61%76%61%73%63%72%69%70%74:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://evil.example/',
  'https://news.example.org@evil.example/',
  'https://user:pass@evil.example/',
  'relative/path',
  '',
  '   ',
];

describe('safeLink', () => {
  it.each(HOSTILE)('refuses %j', (raw) => {
    expect(safeLink(raw)).toBeNull();
  });

  it('would be caught: each hostile path, resolved by the parser browsers use, really leaves the site', () => {
    const page = 'https://news.example.org/articles/x';
    const paths = HOSTILE.slice(0, 9);
    expect(paths.filter((raw) => new URL(raw, page).origin !== 'https://news.example.org')).toEqual(paths);
    // These stay on the site as written, but their normalised path ("//evil.example") would not.
    for (const raw of HOSTILE.slice(9, 11)) {
      const normalised = new URL(raw, page).pathname;
      expect(new URL(normalised, page).host).toBe('evil.example');
    }
  });

  it('keeps web, mail and phone links and site paths, in the normalised form', () => {
    expect(safeLink('https://example.org/a b?q=1#x')).toEqual({
      href: 'https://example.org/a%20b?q=1#x',
      kind: 'web',
    });
    expect(safeLink(' HTTP://Example.ORG ')).toEqual({ href: 'http://example.org/', kind: 'web' });
    expect(safeLink('mailto:desk@example.org')).toEqual({ href: 'mailto:desk@example.org', kind: 'mail' });
    expect(safeLink('tel:+44 20 7946 0000')).toEqual({ href: 'tel:+44 20 7946 0000', kind: 'phone' });
    expect(safeLink('/articles/a/../b?x=1#top')).toEqual({ href: '/articles/b?x=1#top', kind: 'site' });
    expect(safeLink('/a\\b')).toEqual({ href: '/a/b', kind: 'site' });
    expect(safeLink('/\tarticles/x')).toEqual({ href: '/articles/x', kind: 'site' });
    expect(safeLink('#notes')).toEqual({ href: '#notes', kind: 'site' });
  });

  it('keeps encoded slashes as what they are: a path on this site', () => {
    const link = safeLink('/%2F%2Fevil.example');
    expect(link).toEqual({ href: '/%2F%2Fevil.example', kind: 'site' });
    expect(new URL(link!.href, 'https://news.example.org/x').origin).toBe('https://news.example.org');
    expect(safeLink('/%5Cevil.example')?.href).toBe('/%5Cevil.example');
  });

  it('takes only the kinds asked for', () => {
    expect(safeLink('https://example.org', WEB_LINK)?.href).toBe('https://example.org/');
    expect(safeLink('mailto:a@example.org', WEB_LINK)).toBeNull();
    expect(safeLink('/articles/x', WEB_LINK)).toBeNull();
  });
});
