import { describe, expect, it } from 'vitest';
import { bodyFixture, recordingContext, validText } from '../../../test/support/import-bodies.js';
import { convertBody } from './convert-body.js';
import { wordpressBody } from './wordpress-body.js';

const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const images = { 'id:12': 5, 'id:13': 6 };
const links = { 'https://old.example.org/2019/03/library-funding/': '/articles/library-funding' };

describe('wordpressBody: block editor content', () => {
  const ctx = recordingContext(images, links);
  const { document, warnings } = wordpressBody(bodyFixture('gutenberg-post.html'), ctx);
  const blocks = document.content;

  it('reads paragraphs with entities, marks and links moved to their new address', () => {
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'The council met on Tuesday & voted 5–2 to close the ' },
        {
          type: 'text',
          text: 'branch library',
          marks: [{ type: 'link', attrs: { href: '/articles/library-funding' } }],
        },
        { type: 'text', text: '.' },
      ],
    });
    expect(blocks[1]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [{ type: 'text', text: 'What happens next' }],
    });
  });

  it('brings the image in by its attachment id, with its caption as text', () => {
    expect(blocks[2]).toEqual({
      type: 'image',
      attrs: { mediaId: 5, caption: 'The reading room, empty since March.' },
    });
    expect(ctx.asked).toContainEqual({
      sourceId: '12',
      url: 'https://old.example.org/wp-content/uploads/2019/03/library-1024x683.jpg',
    });
  });

  it('flattens columns and groups into the blocks they hold, in order', () => {
    expect(blocks[3]).toMatchObject({ type: 'paragraph' });
    expect(validText({ type: 'doc', content: [blocks[3]!] })).toBe('Left column: the budget.');
    expect(blocks[4]).toEqual({
      type: 'heading',
      attrs: { level: 4 },
      content: [{ type: 'text', text: 'Right column' }],
    });
    expect(blocks[5]).toEqual(p('Inside a group.'));
  });

  it('keeps quotes with their citation, pull quotes, nested lists', () => {
    expect(blocks[6]).toEqual({
      type: 'blockquote',
      attrs: { citation: 'Ana Ruiz, librarian' },
      content: [p('We were never asked.')],
    });
    expect(blocks[7]).toEqual({
      type: 'pullQuote',
      attrs: { text: 'A library is not a line in a budget.', attribution: 'Councillor Obi' },
    });
    expect(blocks[8]).toEqual({
      type: 'orderedList',
      content: [
        {
          type: 'listItem',
          content: [
            p('Public hearing'),
            { type: 'bulletList', content: [{ type: 'listItem', content: [p('April 2, 7 p.m.')] }] },
          ],
        },
        { type: 'listItem', content: [p('Final vote')] },
      ],
    });
  });

  it('turns core/embed and legacy core-embed/* blocks into embeds, the caption as title', () => {
    expect(blocks[9]).toEqual({
      type: 'embed',
      attrs: { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: 'The meeting, recorded' },
    });
    expect(blocks[10]).toEqual({
      type: 'embed',
      attrs: { url: 'https://twitter.com/ledger/status/1234567890' },
    });
    expect(blocks[11]).toEqual({ type: 'horizontalRule' });
  });

  it('carries a gallery image by image; one not imported stays a link to it, and is reported', () => {
    expect(blocks[12]).toEqual({ type: 'image', attrs: { mediaId: 6 } });
    expect(blocks[13]).toEqual({
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: '[The front desk]',
          marks: [
            { type: 'link', attrs: { href: 'https://old.example.org/wp-content/uploads/2019/03/desk.jpg' } },
          ],
        },
      ],
    });
    expect(blocks[14]).toEqual(p('Inside the branch'));
    expect(warnings).toContain(
      'An image (https://old.example.org/wp-content/uploads/2019/03/desk.jpg) was not imported; kept as a link to it',
    );
  });

  it('cleans an HTML block, reports dynamic and unknown blocks by name and keeps their words', () => {
    const text = validText(document);
    expect(text).toContain('Raw HTML block with bold.');
    expect(text).not.toContain('trackVisitor');
    expect(text).toContain('When does it close?');
    expect(text).toContain('In June.');
    expect(warnings).toContain('A <script> element was removed');
    expect(warnings.some((w) => w.includes('"core/latest-posts"'))).toBe(true);
    expect(warnings.some((w) => w.includes('"yoast/faq-block"') && w.includes('kept as its text'))).toBe(
      true,
    );
  });

  it('keeps UTF-8 as written: emoji, right-to-left text, combining accents', () => {
    expect(blocks[blocks.length - 1]).toEqual(p('Reporting by Ana 🙂 — مكتبة — e\u0301te\u0301.'));
  });
});

describe('wordpressBody: classic content and shortcodes', () => {
  const ctx = recordingContext(images);
  const { document, warnings } = wordpressBody(bodyFixture('classic-post.html'), ctx);
  const blocks = document.content;

  it('makes paragraphs from blank lines and line breaks from single newlines', () => {
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'The council met on Tuesday.' },
        { type: 'hardBreak' },
        { type: 'text', text: 'It voted to close the branch.' },
      ],
    });
  });

  it('turns [caption] into the image with its caption', () => {
    expect(blocks[1]).toEqual({
      type: 'image',
      attrs: { mediaId: 5, caption: 'The reading room, empty since March.' },
    });
  });

  it('embeds a known provider address alone on a line, and [embed]', () => {
    expect(blocks[3]).toEqual({
      type: 'embed',
      attrs: { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
    });
    expect(blocks[4]).toEqual({ type: 'embed', attrs: { url: 'https://vimeo.com/76979871' } });
  });

  it('turns [gallery ids] into its images by attachment id', () => {
    expect(blocks[5]).toEqual({ type: 'image', attrs: { mediaId: 6 } });
    expect(ctx.asked).toContainEqual({ sourceId: '14' });
    expect(warnings).toContain('An image (attachment 14) was not imported; kept as a link to it');
  });

  it('keeps a caption without an image as text, unknown shortcodes as their words, prose brackets alone', () => {
    const text = validText(document);
    expect(text).toContain('A caption with no image');
    expect(text).toContain('[contact-form-7 id="42" title="Tips"]');
    expect(text).toContain('Send tips to the desk.');
    expect(text).not.toContain('su_note');
    expect(text).toContain('Footnotes [1] and [sic] stay as they are.');
    expect(warnings).toContain(
      'The shortcode [contact-form-7] is not one Broadsheet knows; kept as its text',
    );
    expect(warnings).toContain(
      'The shortcode [su_note] is not one Broadsheet knows; the words it wrapped were kept',
    );
    expect(warnings.some((w) => w.includes('[sic]') || w.includes('[1]'))).toBe(false);
  });

  it('drops the blank &nbsp; paragraph and keeps the list', () => {
    expect(blocks.some((b) => b.type === 'paragraph' && !b.content?.length)).toBe(false);
    expect(blocks[blocks.length - 1]).toEqual({
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [p('One')] },
        { type: 'listItem', content: [p('Two')] },
      ],
    });
  });

  it('warns of a [gallery] without ids and of a reusable block, leaving out nothing silently', () => {
    const result = wordpressBody(
      '<!-- wp:block {"ref":77} /-->\n\n<!-- wp:shortcode -->\n[gallery]\n<!-- /wp:shortcode -->',
      ctx,
    );
    expect(result.document.content).toEqual([]);
    expect(result.warnings).toEqual([
      'A reusable block (#77) is kept in WordPress, not in the post; it was left out',
      'A [gallery] without ids (it showed every image attached to the post) was left out',
    ]);
  });

  it('turns [video] into a link to its file, and an http embed of an unknown site into a link', () => {
    const result = wordpressBody(
      '[video mp4="https://old.example.org/clip.mp4"][/video]\n\n[embed]http://example.net/x[/embed]',
      ctx,
    );
    expect(validText(result.document)).toContain('[Video: https://old.example.org/clip.mp4]');
    expect(result.document.content[1]).toEqual({
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: 'http://example.net/x',
          marks: [{ type: 'link', attrs: { href: 'http://example.net/x' } }],
        },
      ],
    });
    expect(result.warnings.some((w) => w.includes('not an https address'))).toBe(true);
  });

  it('is what convertBody gives for the wordpress format; empty content is an empty document', () => {
    expect(
      convertBody({ format: 'wordpress', content: bodyFixture('classic-post.html') }, ctx).document,
    ).toEqual(document);
    expect(wordpressBody('', ctx)).toEqual({ document: { type: 'doc', content: [] }, warnings: [] });
    expect(wordpressBody('<!-- wp:paragraph --><p></p><!-- /wp:paragraph -->', ctx).document.content).toEqual(
      [],
    );
  });
});
