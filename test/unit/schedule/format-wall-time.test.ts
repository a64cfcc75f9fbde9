import { describe, expect, it } from 'vitest';
import { formatWallTime } from '../../../src/schedule/format-wall-time.js';

describe('formatWallTime', () => {
  it.each([
    ['today', 'Europe/London', '2026-11-27T08:00:00Z', '2026-11-27T16:30:00Z', 'today at 16:30'],
    [
      'tomorrow',
      'Europe/London',
      '2026-11-27T08:00:00Z',
      '2026-11-28T08:30:00Z',
      'tomorrow at 08:30',
    ],
    [
      'another day',
      'Europe/London',
      '2026-11-25T08:00:00Z',
      '2026-11-27T11:00:00Z',
      'on Friday 27 November at 11:00',
    ],
    [
      'another year',
      'Europe/London',
      '2026-12-30T12:00:00Z',
      '2027-01-01T09:00:00Z',
      'on Friday 1 January 2027 at 09:00',
    ],
    [
      'tomorrow in New York, same UTC date',
      'America/New_York',
      '2026-11-27T03:00:00Z',
      '2026-11-27T13:30:00Z',
      'tomorrow at 08:30',
    ],
    [
      'same year in Sydney, not in UTC',
      'Australia/Sydney',
      '2026-12-31T14:00:00Z',
      '2027-01-04T22:00:00Z',
      'on Tuesday 5 January at 09:00',
    ],
    [
      'after the spring gap',
      'America/New_York',
      '2026-03-08T05:00:00Z',
      '2026-03-08T07:30:00Z',
      'today at 03:30',
    ],
    [
      'leap day',
      'America/New_York',
      '2028-02-20T12:00:00Z',
      '2028-02-29T14:05:59Z',
      'on Tuesday 29 February at 09:05',
    ],
  ])('%s', (_name, timeZone, now, instant, expected) => {
    expect(formatWallTime(new Date(instant), timeZone, new Date(now))).toBe(expected);
  });
});
