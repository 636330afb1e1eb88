// Usage rights of library images: their names in the newsroom, and whether an image's licence has run out
// or soon will, judged against a clock that is passed in.
import type { UsageRights } from '../media.js';

export const RIGHTS_LABELS: Record<UsageRights, string> = {
  own: 'Own work',
  licensed: 'Licensed',
  agency: 'Agency or wire',
  public_domain: 'Public domain',
};

export const RIGHTS: UsageRights[] = ['own', 'licensed', 'agency', 'public_domain'];

export function isUsageRights(value: string): value is UsageRights {
  return (RIGHTS as string[]).includes(value);
}

/** How far ahead the library warns: a month leaves time to renew a licence or replace the image. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type LicenceState = 'expired' | 'expiring' | 'current' | 'unlimited';

/**
 * The licence's state at `now`. The stored expiry is the first moment the image may no longer be shown
 * (the form asks for the date the licence ends), so at that moment it is already expired.
 */
export function licenceState(expiresAt: string | null, now: Date): LicenceState {
  if (!expiresAt) return 'unlimited';
  const ends = Date.parse(expiresAt);
  if (ends <= now.getTime()) return 'expired';
  if (ends <= now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS) return 'expiring';
  return 'current';
}

/** The instants the library's queries compare expiry dates with: now, and the end of the warning window. */
export function expiryBounds(now: Date): { now: string; warnUntil: string } {
  return {
    now: now.toISOString(),
    warnUntil: new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS).toISOString(),
  };
}

/**
 * An expiry as the date that was typed. Dates are stored as midnight UTC of the day given, so they are
 * shown in UTC: in the site's own zone a date west of Greenwich would show as the day before.
 */
export function expiryDate(expiresAt: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(expiresAt));
}

/** The value for a date input: YYYY-MM-DD. */
export function expiryInputValue(expiresAt: string | null): string {
  return expiresAt ? expiresAt.slice(0, 10) : '';
}

/** One sentence for the newsroom: "Licence expired on 3 March 2026." or "Licence ends in 12 days (…)". */
export function describeLicence(expiresAt: string | null, now: Date): string {
  const state = licenceState(expiresAt, now);
  if (!expiresAt || state === 'unlimited') return 'No licence end date.';
  const date = expiryDate(expiresAt);
  if (state === 'expired') return `Licence expired on ${date}.`;
  const days = Math.ceil((Date.parse(expiresAt) - now.getTime()) / DAY_MS);
  if (state === 'expiring') return `Licence ends in ${days} ${days === 1 ? 'day' : 'days'} (${date}).`;
  return `Licence ends on ${date}.`;
}
