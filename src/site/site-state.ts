// The site context every page needs (settings, sections, logo, the page shell's navigation), read once and
// kept until a change that may touch it: any announcement tagged EVERYTHING (settings, sections).
import type { Kysely } from 'kysely';
import { renderToString } from 'preact-render-to-string';
import { findMediaByIds } from '../media/media.js';
import { Picture } from '../media/picture.js';
import { publishedPageRefs } from '../pages/page-refs.js';
import type { Database } from '../storage/schema.js';
import type { ShellAdditions } from '../views/layout.js';
import { readMenus, resolveMenu } from './menus.js';
import { listSections, sectionPath } from './sections.js';
import { readSiteSettings } from './settings.js';
import type { SiteContext } from './site-context.js';

export class SiteState {
  private current: Promise<SiteContext> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly baseUrl: string,
    private readonly assets: SiteContext['assets'],
    /** What other domains add to the page shell (consent's loader and footer links), read with the context. */
    private readonly additions?: () => Promise<ShellAdditions>,
  ) {}

  context(): Promise<SiteContext> {
    if (!this.current) {
      const loading = this.load();
      this.current = loading;
      // A failed read (database briefly down) must not be remembered.
      loading.catch(() => {
        if (this.current === loading) this.current = null;
      });
    }
    return this.current;
  }

  invalidate(): void {
    this.current = null;
  }

  private async load(): Promise<SiteContext> {
    const [settings, sections, additions, menus, pages] = await Promise.all([
      readSiteSettings(this.db),
      listSections(this.db),
      this.additions?.(),
      readMenus(this.db),
      publishedPageRefs(this.db),
    ]);
    const targets = {
      sections: new Map(sections.map((s) => [s.id, { ...s, path: sectionPath(s.slug) }])),
      pages,
    };
    const { logoMediaId: logoId, iconMediaId: iconId } = settings;
    const images = await findMediaByIds(
      this.db,
      [logoId, iconId].filter((id): id is number => id !== null),
    );
    const logo = logoId === null ? null : (images.get(logoId) ?? null);
    const icon = iconId === null ? null : (images.get(iconId) ?? null);
    return {
      settings,
      sections,
      sectionsById: new Map(sections.map((s) => [s.id, s])),
      baseUrl: this.baseUrl,
      assets: this.assets,
      logo,
      icon,
      logoHtml: logo
        ? renderToString(
            Picture({ item: logo, sizes: '20rem', eager: true, highPriority: false, alt: settings.siteName }),
          )
        : null,
      nav: menus.header
        ? resolveMenu(menus.header, targets)
        : sections.map((s) => ({ key: s.slug, href: sectionPath(s.slug), label: s.name })),
      footerNav: resolveMenu(menus.footer, targets),
      additions,
    };
  }
}
