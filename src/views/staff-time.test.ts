// The newsroom's one time format: the site's zone, its language, the zone named unless told not to, and the
// day as the site's zone sees it (not UTC's).
import { describe, expect, it } from 'vitest';
import { formatStaffDate, formatStaffTime, zoneName } from './staff-time.js';

const winterEvening = '2026-12-04T22:55:00.000Z';
const summerEvening = '2026-07-04T22:55:00.000Z';

describe('formatStaffTime', () => {
  it('shows the instant in the site’s zone with the zone named, standard and summer time alike', () => {
    const newYork = { timeZone: 'America/New_York', language: 'en-US' };
    expect(formatStaffTime(winterEvening, newYork)).toBe('Dec 4, 2026, 05:55 PM EST');
    expect(formatStaffTime(summerEvening, newYork)).toBe('Jul 4, 2026, 06:55 PM EDT');
    expect(formatStaffTime(new Date(winterEvening), newYork)).toBe('Dec 4, 2026, 05:55 PM EST');
  });

  it('follows the site’s language, and leaves the zone off when told', () => {
    const london = { timeZone: 'Europe/London', language: 'en-GB' };
    expect(formatStaffTime(summerEvening, london)).toBe('4 Jul 2026, 23:55 BST');
    expect(formatStaffTime(summerEvening, london, { named: false })).toBe('4 Jul 2026, 23:55');
    expect(formatStaffTime(winterEvening, { timeZone: 'UTC' })).toBe('Dec 4, 2026, 10:55 PM UTC');
  });

  it('gives the day in the site’s zone, which may not be UTC’s', () => {
    // 22:55 UTC on 4 July is already 5 July in Tokyo.
    expect(formatStaffDate(summerEvening, { timeZone: 'Asia/Tokyo', language: 'en-US' })).toBe('Jul 5, 2026');
    expect(formatStaffDate(summerEvening, { timeZone: 'America/New_York', language: 'en-US' })).toBe(
      'Jul 4, 2026',
    );
  });

  it('names the zone alone for a heading, and shows an unreadable time as it is', () => {
    expect(zoneName({ timeZone: 'America/New_York', language: 'en-US' }, new Date(winterEvening))).toBe(
      'EST',
    );
    expect(formatStaffTime('not a time', { timeZone: 'UTC' })).toBe('not a time');
  });
});
