// The previews' words: the head's fallbacks, the search result's cuts (about 60 characters of title, 158 of
// description, each with an ellipsis), the breadcrumbs, and the warnings that the story will not be listed.
import { describe, expect, it } from 'vitest';
import { type SharingFormText, sharingPreview } from './sharing-preview.js';

const SITE = 'https://ledger.example.org';

function text(overrides: Partial<SharingFormText> = {}): SharingFormText {
  return {
    headline: 'Ferries return to the island',
    seoHeadline: '',
    socialHeadline: '',
    metaDescription: '',
    socialDescription: '',
    dek: 'Timetables are back to normal.',
    slug: '',
    canonicalUrl: '',
    noindex: false,
    bodyText: 'The first ferry left at six.',
    ...overrides,
  };
}

describe('sharingPreview', () => {
  it('falls back as the head does: SEO headline, description, dek, body', () => {
    const plain = sharingPreview(text(), SITE);
    expect(plain.search).toEqual({
      title: 'Ferries return to the island',
      crumbs: ['ledger.example.org', 'articles', 'ferries-return-to-the-island'],
      description: 'Timetables are back to normal.',
      warnings: [],
    });
    expect(plain.card).toEqual({
      title: 'Ferries return to the island',
      description: 'Timetables are back to normal.',
      domain: 'ledger.example.org',
    });
    const seo = sharingPreview(
      text({ seoHeadline: 'Island ferries: timetable', metaDescription: 'Searched.' }),
      SITE,
    );
    expect([seo.search.title, seo.card.title, seo.card.description]).toEqual([
      'Island ferries: timetable',
      'Island ferries: timetable',
      'Searched.',
    ]);
    const own = sharingPreview(text({ socialHeadline: 'All aboard', socialDescription: 'Shared.' }), SITE);
    expect([own.search.title, own.card.title, own.search.description, own.card.description]).toEqual([
      'Ferries return to the island',
      'All aboard',
      'Timetables are back to normal.',
      'Shared.',
    ]);
    expect(sharingPreview(text({ dek: '' }), SITE).search.description).toBe('The first ferry left at six.');
  });

  it('cuts a long title and description at a word, with an ellipsis', () => {
    const long = sharingPreview(
      text({
        seoHeadline: 'Ferries return to the island after the longest storm anyone can remember',
        metaDescription: 'word '.repeat(60),
      }),
      SITE,
    );
    expect(long.search.title).toBe('Ferries return to the island after the longest storm…');
    expect(Array.from(long.search.title).length).toBeLessThanOrEqual(60);
    expect(long.search.description.endsWith('word…')).toBe(true);
    expect(Array.from(long.search.description).length).toBeLessThanOrEqual(158);
  });

  it('warns when the story is hidden from search engines or credited elsewhere, not when canonical is its own', () => {
    expect(sharingPreview(text({ noindex: true }), SITE).search.warnings).toEqual([
      'Hidden from search engines: this story will not appear in search results.',
    ]);
    expect(
      sharingPreview(text({ canonicalUrl: 'https://wire.example.com/ferries' }), SITE).search.warnings,
    ).toEqual([
      'The canonical URL points to wire.example.com: search engines will list the original there, not this page.',
    ]);
    const self = `${SITE}/articles/ferries-return-to-the-island`;
    expect(sharingPreview(text({ canonicalUrl: self }), SITE).search.warnings).toEqual([]);
  });
});
