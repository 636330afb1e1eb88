import { describe, expect, it } from 'vitest';
import { bodyFixture, recordingContext, validText } from '../../../test/support/import-bodies.js';
import { convertBody } from './convert-body.js';
import { ghostBody } from './ghost-body.js';

const t = (text: string, marks?: unknown[]) =>
  marks ? { type: 'text', text, marks } : { type: 'text', text };
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const images = {
  '__GHOST_URL__/content/images/2023/05/harbour.jpg': 8,
  '__GHOST_URL__/content/images/2023/05/boat-1.jpg': 10,
  'https://ghost.example.com/content/images/2019/harbour.jpg': 9,
};

describe('ghostBody: Lexical', () => {
  const ctx = recordingContext(images);
  const { document, warnings } = ghostBody(
    { format: 'lexical', content: bodyFixture('ghost-lexical.json') },
    ctx,
  );
  const blocks = document.content;

  it('reads text formats as marks (bold 1, italic 2, both 3), line breaks and links', () => {
    expect(blocks[0]).toEqual(
      p(
        t('Plain, '),
        t('bold', [{ type: 'bold' }]),
        t(' '),
        t('italic', [{ type: 'italic' }]),
        t(' both', [{ type: 'bold' }, { type: 'italic' }]),
        { type: 'hardBreak' },
        t('a link', [{ type: 'link', attrs: { href: 'https://ghost.example.com/older-story/' } }]),
      ),
    );
  });

  it('clamps headings, keeps quotes, makes the aside a pull quote, nests lists', () => {
    expect(blocks[1]).toEqual({ type: 'heading', attrs: { level: 2 }, content: [t('A heading')] });
    expect(blocks[2]).toEqual({ type: 'heading', attrs: { level: 4 }, content: [t('Small heading')] });
    expect(blocks[3]).toEqual({ type: 'blockquote', content: [p(t('Quoted words'))] });
    expect(blocks[4]).toEqual({ type: 'pullQuote', attrs: { text: 'Aside words' } });
    expect(blocks[5]).toEqual({
      type: 'orderedList',
      content: [
        {
          type: 'listItem',
          content: [
            p(t('First')),
            { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('Nested'))] }] },
          ],
        },
        { type: 'listItem', content: [p(t('Second'))] },
      ],
    });
  });

  it('brings images and gallery images in by address, captions as plain text', () => {
    expect(blocks[6]).toEqual({ type: 'image', attrs: { mediaId: 8, caption: 'The harbour at noon' } });
    expect(blocks[7]).toEqual({ type: 'image', attrs: { mediaId: 10, caption: 'One' } });
    expect(blocks[8]).toEqual(p(t('[Boat two]')));
    expect(blocks[9]).toEqual(p(t('Two boats')));
  });

  it('turns embed and bookmark cards into embeds', () => {
    expect(blocks[10]).toEqual({
      type: 'embed',
      attrs: { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: 'Watch it' },
    });
    expect(blocks[11]).toEqual({
      type: 'embed',
      attrs: { url: 'https://example.org/report', title: 'The report' },
    });
    expect(blocks[12]).toEqual(p(t('Forty pages on the harbour.')));
    expect(blocks[13]).toEqual({ type: 'horizontalRule' });
  });

  it('cleans HTML cards and renders Markdown cards', () => {
    expect(blocks[14]).toEqual(p(t('From an '), t('HTML', [{ type: 'bold' }]), t(' card.')));
    expect(blocks[15]).toEqual({ type: 'heading', attrs: { level: 2 }, content: [t('Markdown heading')] });
    expect(blocks[16]).toEqual(
      p(
        t('Some '),
        t('markdown', [{ type: 'italic' }]),
        t(' with a '),
        t('link', [{ type: 'link', attrs: { href: 'https://example.org/md' } }]),
        t('.'),
      ),
    );
    expect(blocks[17]).toMatchObject({ type: 'bulletList' });
    expect(warnings).toContain('A <script> element was removed');
  });

  it('keeps callouts, buttons, toggles, files and unknown cards as text', () => {
    const text = validText(document);
    expect(text).toContain('💡 Members get the newsletter.');
    expect(blocks).toContainEqual(
      p(t('Subscribe', [{ type: 'link', attrs: { href: 'https://ghost.example.com/#/portal/signup' } }])),
    );
    expect(text).toContain('Question?\n\nAnswer.');
    expect(text).toContain('[video: __GHOST_URL__/content/media/2023/05/clip.mp4]');
    expect(text).toContain('Sign up\n\nFor the weekly letter');
    expect(warnings).toContain('A Ghost "signup" card is not one Broadsheet has; its text was kept');
    expect(warnings.some((w) => w.startsWith('A Ghost video card'))).toBe(true);
    expect(warnings.some((w) => w.includes('paywall'))).toBe(false);
  });

  it('drops the empty trailing paragraph', () => {
    expect(blocks[blocks.length - 1]).toEqual(p(t('For the weekly letter')));
  });
});

describe('ghostBody: Mobiledoc', () => {
  const ctx = recordingContext(images);
  const { document, warnings } = ghostBody(
    { format: 'mobiledoc', content: bodyFixture('ghost-mobiledoc.json') },
    ctx,
  );
  const blocks = document.content;

  it('opens and closes markups along the markers; soft returns are line breaks; unsafe links lose their href', () => {
    expect(blocks[0]).toEqual(
      p(
        t('Plain '),
        t('bold', [{ type: 'bold' }]),
        t(' and '),
        t('linked italic', [{ type: 'italic' }, { type: 'link', attrs: { href: 'https://example.org/a' } }]),
        { type: 'hardBreak' },
        t('bad link'),
      ),
    );
    expect(warnings).toContain(
      'A link to "javascript:alert(1)" was removed (not a web, mail or phone address); its words are kept',
    );
  });

  it('reads headings, quotes, asides, lists', () => {
    expect(blocks.slice(1, 6)).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [t('Heading two')] },
      { type: 'blockquote', content: [p(t('A quote'))] },
      { type: 'pullQuote', attrs: { text: 'Pulled' } },
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [p(t('Item one'))] },
          { type: 'listItem', content: [p(t('Item two', [{ type: 'bold' }]))] },
        ],
      },
      { type: 'orderedList', content: [{ type: 'listItem', content: [p(t('First'))] }] },
    ]);
  });

  it('reads cards and image sections', () => {
    expect(blocks[6]).toEqual({ type: 'image', attrs: { mediaId: 9, caption: 'The harbour' } });
    expect(blocks[7]).toEqual({ type: 'horizontalRule' });
    expect(blocks[8]).toEqual(p(t('Markdown '), t('card', [{ type: 'bold' }])));
    expect(blocks[9]).toEqual(p(t('HTML card')));
    expect(blocks[10]).toEqual({ type: 'embed', attrs: { url: 'https://vimeo.com/76979871' } });
    expect(blocks).toContainEqual({
      type: 'embed',
      attrs: { url: 'https://example.org/b', title: 'Bookmarked' },
    });
    expect(blocks).toContainEqual(p(t('line one'), { type: 'hardBreak' }, t('line two')));
    expect(validText(document)).toContain('Widget words');
    expect(ctx.asked).toContainEqual({ url: 'https://ghost.example.com/content/images/2019/section.jpg' });
  });
});

describe('ghostBody: bad input and other formats', () => {
  const ctx = recordingContext();

  it('reports a body that is not JSON, or has no root or sections, and gives an empty document', () => {
    for (const [format, content] of [
      ['lexical', '{"root":'],
      ['lexical', '{"nope":1}'],
      ['mobiledoc', 'null'],
      ['mobiledoc', '{"version":"0.3.1"}'],
    ] as const) {
      const result = ghostBody({ format, content }, ctx);
      expect(result.document).toEqual({ type: 'doc', content: [] });
      expect(result.warnings).toHaveLength(1);
    }
  });

  it('survives malformed nodes: wrong types, missing children, unknown markers', () => {
    const lexical = JSON.stringify({
      root: {
        children: [
          { type: 'paragraph', children: [{ type: 'text', text: 42 }, { type: 'mystery' }] },
          { nope: true },
          { type: 'list' },
        ],
      },
    });
    const result = ghostBody({ format: 'lexical', content: lexical }, ctx);
    expect(result.document.content).toEqual([]);
    expect(result.warnings).toContain('A Lexical node without a type was left out');
    const mobiledoc = JSON.stringify({
      sections: [
        [
          1,
          'p',
          [
            [0, [9], 1, 'x'],
            [1, [], 0, 99],
          ],
        ],
        [10, 5],
        [7],
      ],
    });
    const second = ghostBody({ format: 'mobiledoc', content: mobiledoc }, ctx);
    expect(second.document.content).toEqual([p(t('x'))]);
    expect(second.warnings).toHaveLength(2);
  });

  it('hands HTML bodies to the HTML converter, and convertBody dispatches Ghost formats here', () => {
    expect(ghostBody({ format: 'html', content: '<h1>T</h1>' }, ctx).document.content).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [t('T')] },
    ]);
    const body = { format: 'mobiledoc' as const, content: bodyFixture('ghost-mobiledoc.json') };
    expect(convertBody(body, ctx)).toEqual(ghostBody(body, ctx));
  });
});
