// Times typed in the site's zone: ordinary days on both sides of UTC, and the wall times a clock change
// makes occur twice or never, in zones that change forward and backward of UTC and by half an hour.
import { describe, expect, it } from 'vitest';
import { localInputValue, zonedTime } from './dates.js';

const instant = (local: string, zone: string) => zonedTime(local, zone).toISOString();

describe('zonedTime and localInputValue', () => {
  it('read a wall-clock time in a zone as the instant it names, and back', () => {
    expect(instant('2026-07-01T09:30', 'Europe/London')).toBe('2026-07-01T08:30:00.000Z');
    expect(instant('2026-01-15T09:30', 'Europe/London')).toBe('2026-01-15T09:30:00.000Z');
    expect(instant('2026-03-10T18:00', 'America/New_York')).toBe('2026-03-10T22:00:00.000Z');
    expect(instant('2026-05-01T09:30', 'Asia/Kolkata')).toBe('2026-05-01T04:00:00.000Z');
    expect(instant('2026-05-01T09:30:15', 'UTC')).toBe('2026-05-01T09:30:15.000Z');
    expect(localInputValue('2026-07-01T08:30:00.000Z', 'Europe/London')).toBe('2026-07-01T09:30');
    expect(localInputValue('2026-05-01T04:00:59.999Z', 'Asia/Kolkata')).toBe('2026-05-01T09:30');
  });

  it('refuse what is not a datetime-local value', () => {
    for (const text of ['tomorrow', '2026-05-01', '2026-05-01 09:30', '']) {
      expect(Number.isNaN(zonedTime(text, 'UTC').getTime())).toBe(true);
    }
  });

  it('take the first of a wall time that occurs twice, whichever side of UTC the zone is', () => {
    // Clocks go back: 01:00–02:00 in London, 01:00–02:00 in New York, 02:00–03:00 in Sydney.
    expect(instant('2026-10-25T01:30', 'Europe/London')).toBe('2026-10-25T00:30:00.000Z');
    expect(instant('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(instant('2026-04-05T02:30', 'Australia/Sydney')).toBe('2026-04-04T15:30:00.000Z');
    // Lord Howe Island goes back by half an hour, 01:30–02:00.
    expect(instant('2026-04-05T01:45', 'Australia/Lord_Howe')).toBe('2026-04-04T14:45:00.000Z');
    // Both readings show the same wall time; the one chosen is an hour (or half) before the other.
    expect(localInputValue('2026-10-25T00:30:00.000Z', 'Europe/London')).toBe('2026-10-25T01:30');
    expect(localInputValue('2026-10-25T01:30:00.000Z', 'Europe/London')).toBe('2026-10-25T01:30');
  });

  it('move a wall time that never occurs forward by the clock change, never back', () => {
    // Clocks go forward: 01:00→02:00 in London, 02:00→03:00 in New York and Sydney.
    expect(instant('2026-03-29T01:30', 'Europe/London')).toBe('2026-03-29T01:30:00.000Z');
    expect(localInputValue('2026-03-29T01:30:00.000Z', 'Europe/London')).toBe('2026-03-29T02:30');
    expect(instant('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(localInputValue('2026-03-08T07:30:00.000Z', 'America/New_York')).toBe('2026-03-08T03:30');
    expect(instant('2026-10-04T02:30', 'Australia/Sydney')).toBe('2026-10-03T16:30:00.000Z');
    expect(localInputValue('2026-10-03T16:30:00.000Z', 'Australia/Sydney')).toBe('2026-10-04T03:30');
    // Half an hour forward on Lord Howe Island, 02:00→02:30.
    expect(localInputValue(instant('2026-10-04T02:15', 'Australia/Lord_Howe'), 'Australia/Lord_Howe')).toBe(
      '2026-10-04T02:45',
    );
  });

  it('keep the minutes just either side of a change exact', () => {
    expect(instant('2026-03-08T01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
    expect(instant('2026-03-08T03:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(instant('2026-11-01T00:59', 'America/New_York')).toBe('2026-11-01T04:59:00.000Z');
    expect(instant('2026-11-01T02:00', 'America/New_York')).toBe('2026-11-01T07:00:00.000Z');
  });
});
