// What every public page needs to know about the site, read once and kept until the settings change.
import type { MediaItem } from '../media/media.js';
import type { ShellContext } from '../views/layout.js';
import type { SectionRef } from './sections.js';
import type { SiteSettings } from './settings.js';

export interface SiteContext extends ShellContext {
  settings: SiteSettings;
  /** Absolute base URL without a trailing slash, e.g. https://news.example.org */
  baseUrl: string;
  sections: SectionRef[];
  sectionsById: Map<number, SectionRef>;
  /** The logo image the settings name (`logoMediaId`), for the publisher's JSON-LD. */
  logo: MediaItem | null;
  /** The image the icons are made from (`iconMediaId`); null draws them from the name. */
  icon: MediaItem | null;
}

export function absoluteUrl(ctx: Pick<SiteContext, 'baseUrl'>, path: string): string {
  return ctx.baseUrl + path;
}
