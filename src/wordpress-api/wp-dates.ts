// Times as WordPress writes them: `date` in the site's zone and `date_gmt` in UTC, both without a zone
// ("2026-11-20T10:00:00"); and the `after`/`before` parameters read the way WordPress reads them.
import { tzOffset } from '@date-fns/tz/tzOffset';
import { zonedTime } from '../views/dates.js';

const MINUTE_MS = 60_000;

export function wpGmt(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

export function wpLocal(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  return new Date(instant + tzOffset(timeZone, new Date(instant)) * MINUTE_MS).toISOString().slice(0, 19);
}

const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** An RFC 3339 time as an ISO instant; without a zone it is a wall time in the site's zone. Null if not a time. */
export function parseWpDate(text: string, timeZone: string): string | null {
  const trimmed = text.trim();
  let time: number;
  if (WITH_ZONE.test(trimmed)) time = Date.parse(trimmed);
  else if (WITHOUT_ZONE.test(trimmed)) time = zonedTime(trimmed, timeZone).getTime();
  else return null;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
