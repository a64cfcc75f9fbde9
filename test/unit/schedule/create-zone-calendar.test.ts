import { describe, expect, it } from 'vitest';
import { createZoneCalendar } from '../../../src/schedule/create-zone-calendar.js';
import { parseLocalDate } from '../../../src/schedule/parse-local-date.js';
import { toMinutes } from './build-schedule.js';

describe('createZoneCalendar', () => {
  it.each([
    [
      'New York, plain winter time',
      'America/New_York',
      '2026-01-15',
      '09:00',
      '2026-01-15T14:00:00.000Z',
    ],
    [
      'New York, last minute before the gap',
      'America/New_York',
      '2026-03-08',
      '01:59',
      '2026-03-08T06:59:00.000Z',
    ],
    [
      'New York, 02:30 in the gap moves to 03:30 EDT',
      'America/New_York',
      '2026-03-08',
      '02:30',
      '2026-03-08T07:30:00.000Z',
    ],
    [
      'New York, 03:00 after the gap',
      'America/New_York',
      '2026-03-08',
      '03:00',
      '2026-03-08T07:00:00.000Z',
    ],
    [
      'New York, ambiguous 01:30 is the earlier (EDT)',
      'America/New_York',
      '2026-11-01',
      '01:30',
      '2026-11-01T05:30:00.000Z',
    ],
    [
      'New York, 02:00 after fall-back is EST',
      'America/New_York',
      '2026-11-01',
      '02:00',
      '2026-11-01T07:00:00.000Z',
    ],
    [
      'New York, 02:00 past midnight of Saturday falls in the gap',
      'America/New_York',
      '2026-03-07',
      '02:00+1',
      '2026-03-08T07:00:00.000Z',
    ],
    [
      'London, 01:30 in the gap moves to 02:30 BST',
      'Europe/London',
      '2026-03-29',
      '01:30',
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'London, ambiguous 01:30 is the earlier (BST)',
      'Europe/London',
      '2026-10-25',
      '01:30',
      '2026-10-25T00:30:00.000Z',
    ],
    [
      'Sydney, ambiguous 02:30 is the earlier (AEDT)',
      'Australia/Sydney',
      '2026-04-05',
      '02:30',
      '2026-04-04T15:30:00.000Z',
    ],
    [
      'Sydney, 02:30 in the gap moves to 03:30 AEDT',
      'Australia/Sydney',
      '2026-10-04',
      '02:30',
      '2026-10-03T16:30:00.000Z',
    ],
    ['Sydney, leap day', 'Australia/Sydney', '2028-02-29', '09:00', '2028-02-28T22:00:00.000Z'],
  ])('resolves %s', (_name, timeZone, date, wallTime, expected) => {
    const calendar = createZoneCalendar(timeZone);
    const day = parseLocalDate(date) ?? NaN;
    expect(new Date(calendar.resolveWallTime(day, toMinutes(wallTime))).toISOString()).toBe(
      expected,
    );
  });

  it.each([
    ['New York, first 01:30', 'America/New_York', '2026-11-01T05:30:00Z', '2026-11-01', 90],
    ['New York, second 01:30', 'America/New_York', '2026-11-01T06:30:00Z', '2026-11-01', 90],
    ['Sydney, New Year', 'Australia/Sydney', '2026-12-31T13:00:00Z', '2027-01-01', 0],
    [
      'London, seconds kept as a fraction',
      'Europe/London',
      '2026-07-01T08:00:30Z',
      '2026-07-01',
      540.5,
    ],
  ])('reads the wall clock: %s', (_name, timeZone, instant, date, minute) => {
    expect(createZoneCalendar(timeZone).readLocal(Date.parse(instant))).toEqual({
      day: parseLocalDate(date),
      minute,
    });
  });

  it('refuses an unknown zone', () => {
    expect(() => createZoneCalendar('Mars/Olympus_Mons')).toThrow(/Unknown time zone/);
  });
});
