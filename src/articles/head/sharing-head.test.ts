// The article page's head as crawlers and social networks read it, on both databases, for every combination
// of what the newsroom wrote and left empty: the title from the SEO headline, the card's title, description
// and image each from its own field, else the SEO headline/headline, the description/dek/body, the hero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { addArticle, addMedia, bodyOf } from '../../../test/support/content.js';
import { testDatabases } from '../../../test/support/databases.js';
import { extractJsonLd, nodesOfType, validateJsonLd } from '../../../test/support/schemaorg.js';

const ORIGIN = 'http://127.0.0.1:3000';
const BODY = 'The harbour reopened on Monday after a week of storms kept every boat in port.';

/** What each dimension may hold: written, or left empty so the next in line serves. */
const TITLES = {
  all: { headline: 'The headline', seo_headline: 'The SEO headline', social_headline: 'The social headline' },
  seo: { headline: 'The headline', seo_headline: 'The SEO headline', social_headline: null },
  none: { headline: 'The headline', seo_headline: null, social_headline: null },
} as const;
const DESCRIPTIONS = {
  social: { social_description: 'For the card.', meta_description: 'For search.', dek: 'The dek.' },
  meta: { social_description: null, meta_description: 'For search.', dek: 'The dek.' },
  dek: { social_description: null, meta_description: null, dek: 'The dek.' },
  body: { social_description: null, meta_description: null, dek: '' },
} as const;
const IMAGES = ['social', 'hero', 'none'] as const;

type Title = keyof typeof TITLES;
type Description = keyof typeof DESCRIPTIONS;
type Image = (typeof IMAGES)[number];

const EXPECTED_TITLE: Record<Title, { page: string; card: string }> = {
  all: { page: 'The SEO headline', card: 'The social headline' },
  seo: { page: 'The SEO headline', card: 'The SEO headline' },
  none: { page: 'The headline', card: 'The headline' },
};
const EXPECTED_DESCRIPTION: Record<Description, { search: string; card: string }> = {
  social: { search: 'For search.', card: 'For the card.' },
  meta: { search: 'For search.', card: 'For search.' },
  dek: { search: 'The dek.', card: 'The dek.' },
  body: { search: BODY, card: BODY },
};

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** meta name/property → every content given for it. */
function metaOf(html: string): Map<string, string[]> {
  const head = html.slice(0, html.indexOf('</head>'));
  const meta = new Map<string, string[]>();
  for (const m of head.matchAll(/<meta (?:name|property)="([^"]+)" content="([^"]*)"\/>/g)) {
    meta.set(m[1]!, [...(meta.get(m[1]!) ?? []), decode(m[2]!)]);
  }
  return meta;
}

describe.each(testDatabases)('the article head’s sharing fallbacks on $name', (database) => {
  let site: TestApp;
  const media = { hero: 0, social: 0 };
  const cases: Array<{ slug: string; title: Title; description: Description; image: Image }> = [];

  beforeAll(async () => {
    site = await buildTestApp({ database });
    const db = site.storage.db;
    media.hero = await addMedia(db, 'hero');
    media.social = await addMedia(db, 'card');
    // The card's image is described differently from the hero's, so og:image:alt shows which one serves.
    await db
      .updateTable('media')
      .set({ alt_text: 'Boats for the card' })
      .where('id', '=', media.social)
      .execute();
    for (const title of Object.keys(TITLES) as Title[]) {
      for (const description of Object.keys(DESCRIPTIONS) as Description[]) {
        for (const image of IMAGES) {
          const slug = `story-${title}-${description}-${image}`;
          const id = await addArticle(db, {
            slug,
            dek: DESCRIPTIONS[description].dek,
            heroMediaId: image === 'none' ? null : media.hero,
            body: bodyOf(BODY),
          });
          await db
            .updateTable('articles')
            .set({
              ...TITLES[title],
              social_description: DESCRIPTIONS[description].social_description,
              meta_description: DESCRIPTIONS[description].meta_description,
              social_image_id: image === 'social' ? media.social : null,
            })
            .where('id', '=', id)
            .execute();
          cases.push({ slug, title, description, image });
        }
      }
    }
  });
  afterAll(() => site.close());

  it('takes each part from its own field, else the next in line, for all 36 combinations', async () => {
    expect(cases).toHaveLength(36);
    for (const c of cases) {
      const page = await site.app.inject({ url: `/articles/${c.slug}` });
      expect(page.statusCode, c.slug).toBe(200);
      const meta = metaOf(page.body);
      const one = (key: string) => {
        const values = meta.get(key);
        if (values === undefined) return undefined;
        expect(values, `${c.slug}: ${key}`).toHaveLength(1);
        return values[0];
      };
      const title = EXPECTED_TITLE[c.title];
      const description = EXPECTED_DESCRIPTION[c.description];
      expect(decode(/<title>([^<]*)<\/title>/.exec(page.body)![1]!), c.slug).toMatch(
        new RegExp(`^${title.page} – `),
      );
      expect(one('og:title'), c.slug).toBe(title.card);
      expect(one('twitter:title'), c.slug).toBe(title.card);
      expect(one('description'), c.slug).toBe(description.search);
      expect(one('og:description'), c.slug).toBe(description.card);
      expect(one('twitter:description'), c.slug).toBe(description.card);

      if (c.image === 'none') {
        // No social image, no hero, no logo: no picture, and the small card.
        expect(meta.has('og:image'), c.slug).toBe(false);
        expect(meta.has('twitter:image'), c.slug).toBe(false);
        expect(one('twitter:card'), c.slug).toBe('summary');
      } else {
        const key = c.image === 'social' ? 'card' : 'hero';
        const alt = c.image === 'social' ? 'Boats for the card' : 'Alt for hero';
        // The 1,200-wide JPEG, never the AVIF or WebP a crawler may not read.
        expect(one('og:image'), c.slug).toBe(`${ORIGIN}/media/${key}/1200.jpg`);
        expect(one('og:image:type'), c.slug).toBe('image/jpeg');
        expect(one('og:image:width'), c.slug).toBe('1200');
        expect(one('og:image:height'), c.slug).toBe('800');
        expect(one('og:image:alt'), c.slug).toBe(alt);
        expect(one('twitter:card'), c.slug).toBe('summary_large_image');
        expect(one('twitter:image'), c.slug).toBe(`${ORIGIN}/media/${key}/1200.jpg`);
        expect(one('twitter:image:alt'), c.slug).toBe(alt);
      }

      const blocks = extractJsonLd(page.body);
      for (const block of blocks) expect(validateJsonLd(block.value), c.slug).toEqual([]);
      const [article] = blocks.flatMap((b) => nodesOfType(b.value, 'NewsArticle'));
      expect(article, c.slug).toBeDefined();
      // The structured data keeps the search description, not the card's.
      expect(article!.description, c.slug).toBe(description.search);
    }
  });

  it('lets the hero serve again when the social image leaves the library', async () => {
    const db = site.storage.db;
    const spare = await addMedia(db, 'spare');
    const id = await addArticle(db, { slug: 'spare-card', heroMediaId: media.hero });
    await db.updateTable('articles').set({ social_image_id: spare }).where('id', '=', id).execute();
    await db.deleteFrom('media').where('id', '=', spare).execute();
    const row = await db
      .selectFrom('articles')
      .select('social_image_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.social_image_id).toBeNull();
    const meta = metaOf((await site.app.inject({ url: '/articles/spare-card' })).body);
    expect(meta.get('og:image')).toEqual([`${ORIGIN}/media/hero/1200.jpg`]);
  });
});
