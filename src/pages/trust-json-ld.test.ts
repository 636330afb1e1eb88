// The demo newsroom's NewsMediaOrganization on a page and on an article: every Trust Project indicator an
// absolute address of a published page, the logo an ImageObject, all valid schema.org.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../demo/seed.js';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { extractJsonLd, nodesOfType, validateJsonLd } from '../../test/support/schemaorg.js';

const INDICATORS = [
  'publishingPrinciples',
  'masthead',
  'ethicsPolicy',
  'correctionsPolicy',
  'ownershipFundingInfo',
  'actionableFeedbackPolicy',
  'diversityPolicy',
  'verificationFactCheckingPolicy',
  'unnamedSourcesPolicy',
];

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoIfEmpty(t.storage.db, t.files, new Date());
});
afterAll(() => t.close());

async function publisherOn(path: string) {
  const page = await t.app.inject(path);
  expect(page.statusCode, path).toBe(200);
  const blocks = extractJsonLd(page.body);
  expect(blocks.length).toBeGreaterThan(0);
  for (const block of blocks) expect(validateJsonLd(block.value), path).toEqual([]);
  const [publisher] = blocks.flatMap((b) => nodesOfType(b.value, 'NewsMediaOrganization'));
  expect(publisher, path).toBeDefined();
  return { publisher: publisher!, html: page.body };
}

describe('the demo newsroom’s identity: JSON-LD, Open Graph, sitemap', () => {
  it('names every Trust Project indicator as a page of the site that readers can open', async () => {
    const { publisher } = await publisherOn('/about');
    for (const property of INDICATORS) {
      const address = publisher[property];
      expect(typeof address, property).toBe('string');
      expect(address as string, property).toMatch(/^http:\/\/127\.0\.0\.1:3000\/[a-z-]+$/);
      const path = new URL(address as string).pathname;
      expect((await t.app.inject(path)).statusCode, path).toBe(200);
    }
  });

  it('gives an article the logo Google asks for, as an ImageObject with its size', async () => {
    const slug = (await t.storage.db.selectFrom('articles').select('slug').limit(1).executeTakeFirstOrThrow())
      .slug;
    const { publisher, html } = await publisherOn(`/articles/${slug}`);
    const logo = publisher.logo as Record<string, unknown>;
    expect(logo['@type']).toBe('ImageObject');
    expect(logo.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/media\/.+\.(jpe?g|png|webp)$/);
    expect(logo.width).toBeGreaterThan(0);
    expect(logo.height).toBeGreaterThan(0);
    expect((await t.app.inject(new URL(logo.url as string).pathname)).statusCode).toBe(200);
    // And the masthead shows it instead of the name set in type.
    expect(html).toMatch(/<a class="site-name site-logo" href="\/"><picture>/);
  });

  it('offers the logo as the Open Graph image of pages without a picture of their own', async () => {
    for (const path of ['/about', '/sections/local']) {
      const html = (await t.app.inject(path)).body;
      expect(html, path).toMatch(
        /<meta property="og:image" content="http:\/\/127\.0\.0\.1:3000\/media\/[^"]+\.(jpg|png)"\/>/,
      );
    }
  });

  it('refuses a policy address that is neither a web address nor a path of the site', async () => {
    const { parseSiteSettings, defaultSiteSettings } = await import('../site/settings.js');
    for (const bad of ['javascript:alert(1)', 'ftp://x.example/a', '//evil.example/x', '/Bad Path']) {
      expect(() =>
        parseSiteSettings({
          ...defaultSiteSettings,
          publisher: { ...defaultSiteSettings.publisher, policies: { ethicsPolicy: bad } },
        }),
      ).toThrow();
    }
  });

  it('lists the published pages in the sitemap of pages', async () => {
    const sitemap = (await t.app.inject('/sitemap-pages.xml')).body;
    for (const path of ['/about', '/ethics', '/masthead', '/funding'])
      expect(sitemap).toContain(`<loc>http://127.0.0.1:3000${path}</loc>`);
  });
});
