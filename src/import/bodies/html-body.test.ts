import { describe, expect, it } from 'vitest';
import { recordingContext, renderBody, validText } from '../../../test/support/import-bodies.js';
import { convertBody } from './convert-body.js';
import { htmlBody } from './html-body.js';

const ctx = recordingContext(
  { 'id:12': 5, 'https://old.example.org/a.jpg': 6 },
  { 'https://old.example.org/story/': '/articles/story' },
);
const blocks = (html: string) => htmlBody(html, ctx).document.content;
const t = (text: string, marks?: unknown[]) =>
  marks ? { type: 'text', text, marks } : { type: 'text', text };
const p = (...content: unknown[]) => ({ type: 'paragraph', content });

describe('htmlBody: text', () => {
  it('collapses whitespace like a browser, trims paragraphs, decodes entities', () => {
    expect(blocks('<p>  Two\n\n  words &amp; &lt;tags&gt; &#169; &#x1F600; </p>')).toEqual([
      p(t('Two words & <tags> © 😀')),
    ]);
  });

  it('keeps a no-break space inside text and drops paragraphs with nothing to read', () => {
    expect(blocks('<p>10&nbsp;km</p><p>&nbsp;</p><p> </p><p><br></p><div>\u200b</div>')).toEqual([
      p(t('10\u00a0km')),
    ]);
  });

  it('turns <br> into line breaks, none at the edges', () => {
    expect(blocks('<p><br>one<br/> two <br><br></p>')).toEqual([
      p(t('one'), { type: 'hardBreak' }, t('two')),
    ]);
  });

  it('nests marks: bold, italic and a link on the same words, one of each', () => {
    expect(
      blocks('<p><strong>a <em>b <a href="https://example.org/x">c</a></em></strong><b><b>d</b></b></p>'),
    ).toEqual([
      p(
        t('a ', [{ type: 'bold' }]),
        t('b ', [{ type: 'bold' }, { type: 'italic' }]),
        t('c', [
          { type: 'bold' },
          { type: 'italic' },
          { type: 'link', attrs: { href: 'https://example.org/x' } },
        ]),
        t('d', [{ type: 'bold' }]),
      ),
    ]);
  });

  it('moves links into the old site, removes unsafe ones but keeps their words', () => {
    const result = htmlBody(
      '<p><a href="https://old.example.org/story/">moved</a> <a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a> <a href=" JaVaScRiPt:alert(1)">mixed</a> <a name="top">anchor</a></p>',
      ctx,
    );
    expect(result.document.content).toEqual([
      p(t('moved', [{ type: 'link', attrs: { href: '/articles/story' } }]), t(' js data mixed anchor')),
    ]);
    expect(result.warnings.filter((w) => w.startsWith('A link to')).length).toBe(3);
  });

  it('keeps UTF-8 text as it is: emoji sequences, right-to-left, combining marks', () => {
    const text = '👩🏽‍🔬 שלום עולם a\u0301 🇺🇦';
    expect(blocks(`<p>${text}</p>`)).toEqual([p(t(text))]);
  });

  it('strips control characters and direction overrides', () => {
    expect(blocks('<p>a\u0000b\u202Ec\u0007</p>')).toEqual([p(t('abc'))]);
  });
});

describe('htmlBody: structure', () => {
  it('clamps headings to levels 2 to 4 and drops empty ones', () => {
    expect(
      blocks('<h1>One</h1><h2>Two</h2><h3>Three</h3><h5>Five</h5><h6>Six</h6><h2> </h2>').map(
        (b) => b.type === 'heading' && b.attrs.level,
      ),
    ).toEqual([2, 2, 3, 4, 4]);
  });

  it('splits a paragraph around a block inside it, and keeps loose text in a div', () => {
    expect(blocks('<div>loose <p>inner</p> tail</div>')).toEqual([
      p(t('loose')),
      p(t('inner')),
      p(t('tail')),
    ]);
  });

  it('nests lists, gives an item that starts with a list an empty first paragraph, drops empty items', () => {
    expect(blocks('<ol><li><ul><li>deep</li></ul></li><li> </li><li>two</li></ol>')).toEqual([
      {
        type: 'orderedList',
        content: [
          {
            type: 'listItem',
            content: [
              { type: 'paragraph' },
              { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('deep'))] }] },
            ],
          },
          { type: 'listItem', content: [p(t('two'))] },
        ],
      },
    ]);
  });

  it('flattens lists nested deeper than the document allows, keeping every item', () => {
    const html = `${'<ul><li>x'.repeat(40)}${'</li></ul>'.repeat(40)}`;
    const result = htmlBody(html, ctx);
    expect(validText(result.document).match(/x/g)?.length).toBe(40);
    expect(result.warnings.some((w) => w.includes('flattened'))).toBe(true);
  });

  it('puts an image found in a list item after the list', () => {
    expect(blocks('<ul><li>a<img src="https://old.example.org/a.jpg" alt=""></li></ul>')).toEqual([
      { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('a'))] }] },
      { type: 'image', attrs: { mediaId: 6 } },
    ]);
  });

  it('quotes paragraphs with their citation; headings and lists in a quote become paragraphs', () => {
    expect(
      blocks('<blockquote><h3>Said</h3><ul><li>point</li></ul>words<cite>Someone</cite></blockquote>'),
    ).toEqual([
      {
        type: 'blockquote',
        attrs: { citation: 'Someone' },
        content: [p(t('Said')), p(t('• '), t('point')), p(t('words'))],
      },
    ]);
  });

  it('turns <hr> into a rule and <pre> into lines', () => {
    expect(blocks('<hr><pre>a  b\nc</pre>')).toEqual([
      { type: 'horizontalRule' },
      p(t('a  b'), { type: 'hardBreak' }, t('c')),
    ]);
  });

  it('keeps a table as one paragraph per row, and says so', () => {
    const result = htmlBody(
      '<table><caption>Votes</caption><tr><th>Name</th><th>Vote</th></tr><tr><td>Obi</td><td><b>No</b></td></tr></table>',
      ctx,
    );
    expect(result.document.content).toEqual([p(t('Votes')), p(t('Name | Vote')), p(t('Obi | No'))]);
    expect(result.warnings).toEqual(['A table was kept as text, one paragraph per row']);
  });

  it('keeps the words of unknown elements, drops scripts and styles, and reports both', () => {
    const result = htmlBody(
      '<custom-card>Card words</custom-card><style>p{}</style><script>x()</script><svg><text>s</text></svg>',
      ctx,
    );
    expect(result.document.content).toEqual([p(t('Card words'))]);
    expect(result.warnings).toEqual([
      'An unknown <custom-card> element was kept as its text',
      'A <style> element was removed',
      'A <script> element was removed',
      'A <svg> element was removed',
    ]);
  });
});

describe('htmlBody: images and embeds', () => {
  it('asks for an image by its wp-image class and address; figcaption becomes its caption', () => {
    const local = recordingContext({ 'id:12': 5 });
    const result = htmlBody(
      '<figure><img src="https://old.example.org/x.jpg" class="alignleft wp-image-12" alt="A"><figcaption> Cap <b>tion</b> </figcaption></figure>',
      local,
    );
    expect(result.document.content).toEqual([{ type: 'image', attrs: { mediaId: 5, caption: 'Cap tion' } }]);
    expect(local.asked).toEqual([{ sourceId: '12', url: 'https://old.example.org/x.jpg' }]);
  });

  it('reads lazy-loaded images from data-src', () => {
    const local = recordingContext();
    htmlBody('<img src="data:image/gif;base64,R0lGOD" data-src="https://old.example.org/lazy.jpg">', local);
    expect(local.asked).toEqual([{ url: 'https://old.example.org/lazy.jpg' }]);
  });

  it('keeps an image that was not imported as its alt text linked to its address, with its caption', () => {
    const result = htmlBody(
      '<figure><img src="https://elsewhere.example/p.jpg" alt="Protest"><figcaption>March 3</figcaption></figure>',
      ctx,
    );
    expect(result.document.content).toEqual([
      p(t('[Protest]', [{ type: 'link', attrs: { href: 'https://elsewhere.example/p.jpg' } }])),
      p(t('March 3')),
    ]);
    expect(result.warnings).toEqual([
      'An image (https://elsewhere.example/p.jpg) was not imported; kept as a link to it',
    ]);
  });

  it('never links an image with a script address', () => {
    const result = htmlBody('<img src="javascript:alert(1)" alt="x">', ctx);
    expect(result.document.content).toEqual([p(t('[x]'))]);
  });

  it('embeds frames from the providers the page knows; others stay a link', () => {
    const result = htmlBody(
      '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe><iframe src="//player.vimeo.com/video/76979871"></iframe><iframe src="https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC"></iframe><iframe src="https://maps.example.com/embed?x=1" title="Map"></iframe>',
      ctx,
    );
    expect(result.document.content).toEqual([
      { type: 'embed', attrs: { url: 'https://www.youtube.com/embed/dQw4w9WgXcQ' } },
      { type: 'embed', attrs: { url: 'https://player.vimeo.com/video/76979871' } },
      { type: 'embed', attrs: { url: 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC' } },
      p(t('Map', [{ type: 'link', attrs: { href: 'https://maps.example.com/embed?x=1' } }])),
    ]);
    expect(result.warnings.length).toBe(1);
  });

  it('keeps a video file as a link to it and its fallback words', () => {
    const result = htmlBody(
      '<video controls><source src="https://old.example.org/v.mp4">Your browser cannot play this.</video>',
      ctx,
    );
    expect(validText(result.document)).toBe(
      '[Video: https://old.example.org/v.mp4]\n\nYour browser cannot play this.',
    );
  });

  it('renders with the article renderer', () => {
    const html = renderBody(
      htmlBody(
        '<p>Hi <a href="https://example.org/">there</a></p><img src="https://old.example.org/a.jpg">',
        ctx,
      ).document,
    );
    expect(html).toContain('<p>Hi <a href="https://example.org/" rel="noopener">there</a></p>');
    expect(html).toContain('<figure');
  });

  it('is what convertBody gives for the html format', () => {
    expect(convertBody({ format: 'html', content: '<p>x</p>' }, ctx)).toEqual(htmlBody('<p>x</p>', ctx));
  });
});
