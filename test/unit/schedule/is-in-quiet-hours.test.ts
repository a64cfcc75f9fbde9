import { describe, expect, it } from 'vitest';
import { buildWeeklyHours } from '../../../src/config/build-weekly-hours.js';
import type { QuietHours } from '../../../src/schedule/client-schedule.js';
import { isInQuietHours } from '../../../src/schedule/is-in-quiet-hours.js';

const nights: QuietHours = {
  timeZone: 'Europe/London',
  hours: buildWeeklyHours({ daily: ['22:00-07:00'] }),
};
/** Weeknights only, and whole weekends: Sunday night is not quiet (no 'sun' night interval). */
const weekends: QuietHours = {
  timeZone: 'America/New_York',
  hours: buildWeeklyHours({ 'mon-fri': ['22:00-07:00'], 'sat-sun': ['00:00-24:00'] }),
};

describe('isInQuietHours', () => {
  it.each([
    // London springs forward on Sunday 29 March 2026 at 01:00Z (01:00 GMT becomes 02:00 BST).
    ['a minute before 22:00 GMT', nights, '2026-03-28T21:59:00Z', false],
    ['22:00 GMT', nights, '2026-03-28T22:00:00Z', true],
    ['across the spring change, 06:59 BST', nights, '2026-03-29T05:59:00Z', true],
    [
      '07:00 BST is 06:00Z: over, though 06:00 would be quiet in UTC',
      nights,
      '2026-03-29T06:00:00Z',
      false,
    ],
    // London falls back on Sunday 25 October 2026 at 01:00Z (02:00 BST becomes 01:00 GMT).
    ['21:59 BST', nights, '2026-10-24T20:59:00Z', false],
    ['22:00 BST is 21:00Z', nights, '2026-10-24T21:00:00Z', true],
    ['06:59 GMT after the fall change', nights, '2026-10-25T06:59:00Z', true],
    ['07:00 GMT after the fall change', nights, '2026-10-25T07:00:00Z', false],
    ['midday', nights, '2026-10-25T12:00:00Z', false],
    // New York: Friday 27 November 2026 22:00 EST is 03:00Z on Saturday.
    ['Friday 21:59 EST', weekends, '2026-11-28T02:59:00Z', false],
    ['Friday 22:00 EST runs into Saturday', weekends, '2026-11-28T03:00:00Z', true],
    ['Saturday midday, the whole day is quiet', weekends, '2026-11-28T17:00:00Z', true],
    ['Sunday 23:59 EST', weekends, '2026-11-30T04:59:00Z', true],
    ['Monday 00:30 EST: Sunday has no night interval', weekends, '2026-11-30T05:30:00Z', false],
    ['Monday 22:30 EST', weekends, '2026-12-01T03:30:00Z', true],
    ['no quiet hours', undefined, '2026-11-28T03:00:00Z', false],
  ])('%s', (_label, quiet, at, expected) => {
    expect(isInQuietHours(quiet, new Date(at))).toBe(expected);
  });
});
