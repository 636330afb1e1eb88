// A site context for tests that render pages or JSON-LD without a database: the settings given, no sections.
import { defaultSiteSettings, type SiteSettings } from '../../src/site/settings.js';
import type { SiteContext } from '../../src/site/site-context.js';

export function testSiteContext(
  fields: Partial<Omit<SiteContext, 'settings'>> & { settings?: SiteSettings } = {},
): SiteContext {
  const sections = fields.sections ?? [];
  return {
    settings: defaultSiteSettings,
    baseUrl: 'https://news.example.org',
    assets: { css: '/a.css', js: '/a.js' },
    logo: null,
    icon: null,
    logoHtml: null,
    nav: [],
    ...fields,
    sections,
    sectionsById: new Map(sections.map((s) => [s.id, s])),
  };
}
