// The one way a newsroom screen shows a time: in the site's time zone (the admin shell puts the zone in
// context for the whole page, renderAdmin in auth/render.tsx), named where someone acts on the instant.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { formatStaffDate, formatStaffTime, type StaffTimeZone } from '../../views/staff-time.js';

export const StaffZoneContext = createContext<StaffTimeZone>({ timeZone: 'UTC' });

/** The site's zone and language on a newsroom page, for a time written inside a sentence. */
export function useStaffZone(): StaffTimeZone {
  return useContext(StaffZoneContext);
}

/**
 * A stored time as `<time>` in the site's zone: "Dec 4, 2026, 05:55 PM EST". `named={false}` where the zone is
 * said once for many (a table's heading). Nothing stored: the dash.
 */
export function StaffTime(props: { iso: string | null | undefined; named?: boolean }) {
  const zone = useStaffZone();
  if (!props.iso) return <>—</>;
  const date = new Date(props.iso);
  const text = formatStaffTime(date, zone, { named: props.named ?? true });
  return Number.isNaN(date.getTime()) ? text : <time datetime={date.toISOString()}>{text}</time>;
}

/** The day of a stored time in the site's zone, as `<time>`: "Dec 4, 2026". */
export function StaffDate(props: { iso: string | null | undefined }) {
  const zone = useStaffZone();
  if (!props.iso) return <>—</>;
  const date = new Date(props.iso);
  const text = formatStaffDate(date, zone);
  return Number.isNaN(date.getTime()) ? text : <time datetime={date.toISOString()}>{text}</time>;
}
