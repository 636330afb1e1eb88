// Times in the newsroom are shown, and typed, in the site's time zone and language.
import type { SiteState } from '../site/site-state.js';
import { readableDate } from '../views/dates.js';

export async function timeFormat(site: SiteState) {
  const { settings } = await site.context();
  return {
    timeZone: settings.timeZone,
    when: (iso: string) => readableDate(iso, settings.language, settings.timeZone, true),
  };
}
