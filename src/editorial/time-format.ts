// Times in the newsroom are shown, and typed, in the site's time zone and language.
import type { SiteState } from '../site/site-state.js';
import { readableDate } from '../views/dates.js';
import { formatStaffTime } from '../views/staff-time.js';

export async function timeFormat(site: SiteState) {
  const { settings } = await site.context();
  const zone = { timeZone: settings.timeZone, language: settings.language };
  return {
    timeZone: settings.timeZone,
    when: (iso: string) => readableDate(iso, settings.language, settings.timeZone, true),
    /** With the zone's name, for an instant someone acts on (when a trashed article is gone for good). */
    at: (iso: string) => formatStaffTime(iso, zone),
  };
}
