// The settings and sections every page needs, read once and kept until content changes.
import type { Kysely } from 'kysely';
import { listSections } from '../articles/articles.js';
import { findMediaByIds } from '../media/media.js';
import type { Database } from '../storage/schema.js';
import type { SiteContext } from '../views/site-context.js';
import { readSiteSettings } from './settings.js';

export class SiteState {
  private current: Promise<SiteContext> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly baseUrl: string,
    private readonly assets: SiteContext['assets'],
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
    const [settings, sections] = await Promise.all([readSiteSettings(this.db), listSections(this.db)]);
    const logoId = settings.logoMediaId;
    const logo = logoId === null ? null : ((await findMediaByIds(this.db, [logoId])).get(logoId) ?? null);
    return { settings, sections, baseUrl: this.baseUrl, assets: this.assets, logo };
  }
}
