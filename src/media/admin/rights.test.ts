// Licence states at their edges, and the sentences the newsroom reads about them.
import { describe, expect, it } from 'vitest';
import { describeLicence, expiryDate, licenceState } from './rights.js';

const NOW = new Date('2026-06-15T12:00:00.000Z');

describe('licence states', () => {
  it('is expired from the stored moment on, ending soon within 30 days, current after that', () => {
    expect(licenceState(null, NOW)).toBe('unlimited');
    expect(licenceState('2026-06-15T12:00:00.000Z', NOW)).toBe('expired');
    expect(licenceState('2026-06-15T12:00:00.001Z', NOW)).toBe('expiring');
    expect(licenceState('2026-07-15T12:00:00.000Z', NOW)).toBe('expiring');
    expect(licenceState('2026-07-15T12:00:00.001Z', NOW)).toBe('current');
  });

  it('says when, as the date that was typed', () => {
    expect(describeLicence(null, NOW)).toBe('No licence end date.');
    expect(describeLicence('2026-06-01T00:00:00.000Z', NOW)).toBe('Licence expired on 1 June 2026.');
    expect(describeLicence('2026-06-16T00:00:00.000Z', NOW)).toBe('Licence ends in 1 day (16 June 2026).');
    expect(describeLicence('2026-06-25T00:00:00.000Z', NOW)).toBe('Licence ends in 10 days (25 June 2026).');
    expect(describeLicence('2027-01-01T00:00:00.000Z', NOW)).toBe('Licence ends on 1 January 2027.');
    // Midnight UTC stays that day, whatever the server's zone.
    expect(expiryDate('2026-12-31T00:00:00.000Z')).toBe('31 December 2026');
  });
});
