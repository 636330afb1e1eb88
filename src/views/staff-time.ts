// Times on the newsroom's screens: always in the site's time zone (never the server's, never UTC unless the
// site is in it), and with the zone named where someone acts on the instant (a schedule, an expiry, a
// delivery), since staff may sit in another zone than the site's.
const formatters = new Map<string, Intl.DateTimeFormat>();

type Parts = 'named' | 'unnamed' | 'date';

function formatter(language: string, timeZone: string, parts: Parts): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${parts}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language, {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      ...(parts === 'date' ? {} : { hour: '2-digit' as const, minute: '2-digit' as const }),
      ...(parts === 'named' ? { timeZoneName: 'short' as const } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export interface StaffTimeZone {
  /** The site's IANA time zone, such as America/New_York. */
  timeZone: string;
  /** The site's language (BCP 47), for the order and names of the parts. */
  language?: string;
}

/**
 * "Dec 4, 2026, 05:55 PM EST" (or "4 Dec 2026, 22:55 GMT" in British English): a stored time in the site's
 * zone; `named: false` leaves the zone's name off where the screen names it once (a table's heading).
 * An unreadable time is shown as it is rather than as "Invalid Date".
 */
export function formatStaffTime(
  time: string | Date,
  zone: StaffTimeZone,
  options: { named?: boolean } = {},
): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) return String(time);
  return formatter(
    zone.language ?? 'en',
    zone.timeZone,
    options.named === false ? 'unnamed' : 'named',
  ).format(date);
}

/** "Dec 4, 2026": the day a stored time falls on in the site's zone (not UTC's day, which may differ). */
export function formatStaffDate(time: string | Date, zone: StaffTimeZone): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) return String(time);
  return formatter(zone.language ?? 'en', zone.timeZone, 'date').format(date);
}

/** The zone's short name at `at` ("EST", "GMT+2"), for a heading such as "Sent (EST)". */
export function zoneName(zone: StaffTimeZone, at: Date = new Date()): string {
  const part = formatter(zone.language ?? 'en', zone.timeZone, 'named')
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone.timeZone;
}
