import { describe, expect, it } from 'vitest';
import { bodyFixture } from '../../../test/support/import-bodies.js';
import { bodyImageReferences } from './body-images.js';

describe('bodyImageReferences', () => {
  it('lists every image of a block-editor post once, with its attachment id', () => {
    expect(bodyImageReferences({ format: 'wordpress', content: bodyFixture('gutenberg-post.html') })).toEqual(
      [
        { sourceId: '12', url: 'https://old.example.org/wp-content/uploads/2019/03/library-1024x683.jpg' },
        { sourceId: '13', url: 'https://old.example.org/wp-content/uploads/2019/03/shelves.jpg' },
        { sourceId: '14', url: 'https://old.example.org/wp-content/uploads/2019/03/desk.jpg' },
      ],
    );
  });

  it('finds images inside [caption] shortcodes and lazy-loaded ones, skips inline data and duplicates', () => {
    const content = `${bodyFixture('classic-post.html')}<img src="data:image/png;base64,AA" data-lazy-src="https://old.example.org/lazy.png"><img src="data:image/png;base64,AA"><img class="wp-image-12" src="https://old.example.org/wp-content/uploads/2019/03/library-300x200.jpg">`;
    expect(bodyImageReferences({ format: 'wordpress', content })).toEqual([
      { sourceId: '12', url: 'https://old.example.org/wp-content/uploads/2019/03/library-300x200.jpg' },
      { url: 'https://old.example.org/lazy.png' },
    ]);
  });

  it('lists Lexical image and gallery cards and images in HTML and Markdown cards, not video files', () => {
    const refs = bodyImageReferences({ format: 'lexical', content: bodyFixture('ghost-lexical.json') });
    expect(refs.map((r) => r.url)).toEqual([
      '__GHOST_URL__/content/images/2023/05/harbour.jpg',
      '__GHOST_URL__/content/images/2023/05/boat-1.jpg',
      '__GHOST_URL__/content/images/2023/05/boat-2.jpg',
    ]);
    const cards = JSON.stringify({
      root: {
        children: [
          { type: 'html', html: '<p><img src="https://ghost.example.com/content/images/in-html.jpg"></p>' },
          {
            type: 'markdown',
            markdown: 'Look: ![alt](https://ghost.example.com/content/images/in-md.png "t")',
          },
        ],
      },
    });
    expect(bodyImageReferences({ format: 'lexical', content: cards })).toEqual([
      { url: 'https://ghost.example.com/content/images/in-html.jpg' },
      { url: 'https://ghost.example.com/content/images/in-md.png' },
    ]);
  });

  it('lists Mobiledoc image cards, gallery images and image sections', () => {
    expect(
      bodyImageReferences({ format: 'mobiledoc', content: bodyFixture('ghost-mobiledoc.json') }).map(
        (r) => r.url,
      ),
    ).toEqual([
      'https://ghost.example.com/content/images/2019/harbour.jpg',
      'https://ghost.example.com/content/images/2019/g1.jpg',
      'https://ghost.example.com/content/images/2019/section.jpg',
    ]);
  });

  it('gives nothing for a body that is not JSON (the converter reports it)', () => {
    expect(bodyImageReferences({ format: 'lexical', content: '{' })).toEqual([]);
    expect(bodyImageReferences({ format: 'html', content: '<p>no images</p>' })).toEqual([]);
  });
});
