import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { MediaItem } from '../../media/media.js';
import { BodyBlocks, splitAfterParagraphs } from './body.js';
import {
  type BodyDocument,
  bodyDocumentSchema,
  documentText,
  parseBodyDocument,
  readStoredBody,
} from './document.js';

const media: MediaItem = {
  id: 7,
  originalKey: 'm/7/original.jpg',
  mimeType: 'image/jpeg',
  width: 1600,
  height: 900,
  altText: 'A river at dawn',
  caption: 'The river at dawn.',
  creditPerson: 'Jo Lens',
  creditOrganization: 'Riverside Ledger',
  rights: 'own',
  licenseUrl: null,
  licenseExpiresAt: null,
  copyrightNotice: null,
  variants: [
    { format: 'avif', width: 640, height: 360, key: 'm/7/640.avif' },
    { format: 'webp', width: 640, height: 360, key: 'm/7/640.webp' },
    { format: 'jpeg', width: 640, height: 360, key: 'm/7/640.jpg' },
    { format: 'jpeg', width: 1280, height: 720, key: 'm/7/1280.jpg' },
  ],
};

const html = (doc: BodyDocument, absoluteBase?: string) =>
  renderToString(<BodyBlocks blocks={doc.content} ctx={{ media: new Map([[7, media]]), absoluteBase }} />);

const p = (text: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] });

describe('body document', () => {
  it('renders paragraphs, marks, quotations, lists and headings as semantic HTML', () => {
    const doc = parseBodyDocument({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'According to ' },
            {
              type: 'text',
              text: 'Newsweek',
              marks: [{ type: 'link', attrs: { href: 'https://www.newsweek.com/' } }],
            },
            { type: 'text', text: ', it was ' },
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }, { type: 'italic' }] },
          ],
        },
        {
          type: 'blockquote',
          attrs: { citation: 'UK Ministry of Defence' },
          content: [p('“Forces are withdrawing.”')],
        },
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'What next' }] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [p('one')] },
            { type: 'listItem', content: [p('two')] },
          ],
        },
        { type: 'pullQuote', attrs: { text: 'A quote', attribution: 'Someone' } },
        { type: 'horizontalRule' },
      ],
    });
    const out = html(doc);
    expect(out).toContain(
      '<p>According to <a href="https://www.newsweek.com/" rel="noopener">Newsweek</a>, it was <em><strong>bold</strong></em></p>',
    );
    expect(out).toContain(
      '<blockquote><p>“Forces are withdrawing.”</p><footer>— UK Ministry of Defence</footer></blockquote>',
    );
    expect(out).toContain('<h2>What next</h2>');
    expect(out).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(out).toContain('<figure class="pull-quote">');
    expect(out).toContain('<hr/>');
  });

  it('renders an inline image as a figure with responsive sources and "caption | Image by credit"', () => {
    const out = html({ type: 'doc', content: [{ type: 'image', attrs: { mediaId: 7 } }] });
    expect(out).toContain('<source type="image/avif" srcset="/media/m/7/640.avif 640w"');
    expect(out).toContain('<source type="image/webp" srcset="/media/m/7/640.webp 640w"');
    expect(out).toMatch(
      /<img src="\/media\/m\/7\/1280.jpg" srcset="\/media\/m\/7\/640.jpg 640w, \/media\/m\/7\/1280.jpg 1280w"/,
    );
    expect(out).toContain('width="1600" height="900" alt="A river at dawn" loading="lazy"');
    expect(out).toContain(
      '<figcaption>The river at dawn. | <span class="credit">Image by Jo Lens, Riverside Ledger</span></figcaption>',
    );
  });

  it('renders an embed as a notice and a link, framing nothing until the reader asks', () => {
    const out = html({
      type: 'doc',
      content: [
        {
          type: 'embed',
          attrs: { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: 'The briefing' },
        },
        { type: 'embed', attrs: { url: 'https://video.example.org/clip/9' } },
      ],
    });
    expect(out).not.toContain('<iframe');
    expect(out).toContain(
      '<figure class="embed embed-video" data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" data-embed-provider="YouTube" data-embed-noun="video" data-embed-title="The briefing">',
    );
    expect(out).toContain('This video is on YouTube. Loading it here lets YouTube know you visited');
    expect(out).toContain(
      '<a class="embed-link" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener nofollow">The briefing</a>',
    );
    expect(out).toContain('<figcaption>The briefing · Video from YouTube</figcaption>');
    // A site we cannot frame stays a plain link to the original.
    expect(out).toContain(
      '<figure class="embed"><p><a href="https://video.example.org/clip/9" rel="noopener nofollow">View on video.example.org</a></p><figcaption>External content from video.example.org</figcaption></figure>',
    );
  });

  it('escapes text and refuses script links, in validation and again when rendering', () => {
    expect(() =>
      parseBodyDocument({
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
            ],
          },
        ],
      }),
    ).toThrow(/links must be http/);
    // A row written before a rule existed still renders safely.
    const stored = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: '<script>alert(1)</script>',
              marks: [{ type: 'link', attrs: { href: ' JaVaScRiPt:alert(1)' } }],
            },
          ],
        },
      ],
    } as BodyDocument;
    const out = html(stored);
    expect(out).toBe('<p>&lt;script>alert(1)&lt;/script></p>');
  });

  it('refuses links that look like site paths but leave the site, and stores the normalised form', () => {
    const linked = (href: string) => ({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }],
        },
      ],
    });
    for (const href of [
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '//evil.example',
      'data:text/html,x',
    ]) {
      expect(() => parseBodyDocument(linked(href)), JSON.stringify(href)).toThrow(/links must be http/);
      // A row stored before the rule renders the words without the link.
      expect(html(linked(href) as BodyDocument)).toBe('<p>x</p>');
    }
    // An article stored with one still opens: the link is dropped, the words stay.
    expect(readStoredBody(JSON.stringify(linked('/\\evil.example')))).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [] }] }],
    });
    const doc = parseBodyDocument(linked(' /articles/a/../b#c'));
    const mark = (doc.content[0] as { content: Array<{ marks: Array<{ attrs: { href: string } }> }> })
      .content[0]!.marks[0]!;
    expect(mark.attrs.href).toBe('/articles/b#c');
    expect(html(parseBodyDocument(linked('tel:+1-555-0100')))).toBe('<p><a href="tel:+1-555-0100">x</a></p>');
  });

  it('makes site links absolute for feeds', () => {
    const doc = parseBodyDocument({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'more', marks: [{ type: 'link', attrs: { href: '/articles/x' } }] },
          ],
        },
      ],
    });
    expect(html(doc, 'https://news.example.org')).toContain('href="https://news.example.org/articles/x"');
  });

  it('rejects what is not a body document with a message naming the problem', () => {
    const bad = bodyDocumentSchema.safeParse({ type: 'doc', content: [{ type: 'script', text: 'x' }] });
    expect(bad.success).toBe(false);
    expect(() =>
      parseBodyDocument({ type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [] }] }),
    ).toThrow();
  });

  it('cuts after the n-th paragraph for "Expand article", never leaving a lone block behind', () => {
    const doc = {
      type: 'doc' as const,
      content: [p('1'), p('2'), { type: 'horizontalRule' as const }, p('3'), p('4'), p('5')],
    };
    const { lead, rest } = splitAfterParagraphs(doc, 2);
    expect(lead).toHaveLength(2);
    expect(rest).toHaveLength(4);
    expect(splitAfterParagraphs(doc, 4).rest).toEqual([]);
    expect(splitAfterParagraphs(doc, 0).rest).toEqual([]);
    expect(splitAfterParagraphs(doc, 9).rest).toEqual([]);
    expect(documentText(doc)).toBe('1\n\n2\n\n3\n\n4\n\n5');
  });
});
