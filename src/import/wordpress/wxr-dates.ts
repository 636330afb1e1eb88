// WordPress keeps two clocks per item: `post_date` in the site's own time zone and `post_date_gmt` in UTC.
// Drafts, and some imported or hand-made rows, have a GMT date of zeros. The export does not name the
// site's time zone, so the offset is learnt from the items that carry both dates and applied to those that
// carry only the local one (UTC until one has been seen).

const MYSQL_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** A `YYYY-MM-DD hh:mm:ss` date as milliseconds, reading its fields as UTC; undefined for zeros or junk. */
function fieldsAsUtc(value: string): number | undefined {
  const match = MYSQL_DATE.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year === 0 || month === 0 || day === 0) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  return Number.isNaN(ms) ? undefined : ms;
}

const FIFTEEN_MINUTES = 15 * 60_000;

export class SiteClock {
  /** The site's offset from UTC as last seen on an item; WordPress offsets are whole quarter hours. */
  private offsetMs = 0;

  /** ISO-8601 UTC from a GMT date, else from the local one with the offset seen so far. */
  toUtc(local: string, gmt: string): string | undefined {
    const gmtMs = fieldsAsUtc(gmt);
    const localMs = fieldsAsUtc(local);
    if (gmtMs !== undefined) {
      if (localMs !== undefined) {
        this.offsetMs = Math.round((localMs - gmtMs) / FIFTEEN_MINUTES) * FIFTEEN_MINUTES;
      }
      return new Date(gmtMs).toISOString();
    }
    return localMs === undefined ? undefined : new Date(localMs - this.offsetMs).toISOString();
  }
}
