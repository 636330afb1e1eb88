// Times are UTC in storage; readers see them in the site's time zone, and the newsroom types them in it.
import { tzOffset } from '@date-fns/tz/tzOffset';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language, {
      timeZone,
      dateStyle: 'long',
      ...(withTime ? { timeStyle: 'short' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

// Formatting is the dearest part of a list's card (about 5 µs each, forty cards on a front page) and the same
// few hundred dates recur on every list, so the text is kept; the map is emptied when it grows past a bound.
const formatted = new Map<string, string>();
const MAX_FORMATTED = 20_000;

export function readableDate(iso: string, language: string, timeZone: string, withTime = false): string {
  const key = `${iso}|${language}|${timeZone}|${withTime}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = formatter(language, timeZone, withTime).format(new Date(iso));
    if (formatted.size >= MAX_FORMATTED) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** RFC 7231 date for Last-Modified and RSS. */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

// Wall-clock times typed in the site's zone (a datetime-local field), read as instants and written back.
const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const MINUTE_MS = 60_000;
// Wider than any clock change, so one side of the wall time is always before it and the other after.
const AROUND_MS = 24 * 60 * MINUTE_MS;

const offsetAt = (instant: number, timeZone: string) => tzOffset(timeZone, new Date(instant)) * MINUTE_MS;

/**
 * The instant a wall-clock time in `timeZone` names ("2026-05-01T09:30", as a datetime-local field sends it);
 * an invalid Date when the text is not such a time. Around a clock change, a wall time that occurs twice is
 * its first occurrence, and one that never occurs (skipped when clocks go forward) is read with the offset
 * from before the change, which moves it forward by the change, never back (an embargo typed into the gap
 * still holds): 02:30 in a gap from 02:00 to 03:00 is 03:30.
 */
export function zonedTime(local: string, timeZone: string): Date {
  const m = LOCAL_INPUT.exec(local.trim());
  if (!m) return new Date(Number.NaN);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s || 0);
  const before = offsetAt(wall - AROUND_MS, timeZone);
  const after = offsetAt(wall + AROUND_MS, timeZone);
  // Each candidate is right when the zone really has that offset at that instant.
  const readings = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) === wall - t);
  return new Date(readings.length > 0 ? Math.min(...readings) : wall - before);
}

/** A stored time as a datetime-local field's value in `timeZone` ("2026-05-01T09:30"): zonedTime's inverse. */
export function localInputValue(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  return new Date(instant + offsetAt(instant, timeZone)).toISOString().slice(0, 16);
}
