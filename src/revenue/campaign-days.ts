// Campaigns run from a first to a last calendar day in the site's time zone: those days as UTC instants for
// storage, and an instant as the day it falls on there, for the form and the reports.

/** The start of a calendar day in an IANA time zone, as a UTC instant. */
export function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at that instant, read back through Intl; twice, in case the guess crossed a DST change.
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(at));
    const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - at;
  };
  const first = guess - offset(guess);
  return new Date(guess - offset(first));
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function dayIn(at: string | Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // Building a formatter costs far more than using one; reports call this once per gift.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(at));
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function validDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}
