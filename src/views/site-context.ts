// What every public page needs to know about the site, gathered once per request.
import type { SectionRef } from '../articles/articles.js';
import type { MediaItem } from '../media/media.js';
import type { SiteSettings } from '../site/settings.js';

export interface SiteContext {
  settings: SiteSettings;
  /** Absolute base URL without a trailing slash, e.g. https://news.example.org */
  baseUrl: string;
  sections: SectionRef[];
  assets: { css: string; js: string };
  /** The logo image the settings name (`logoMediaId`), for the masthead and the publisher's JSON-LD. */
  logo?: MediaItem | null;
}

export function absoluteUrl(ctx: Pick<SiteContext, 'baseUrl'>, path: string): string {
  return ctx.baseUrl + path;
}
