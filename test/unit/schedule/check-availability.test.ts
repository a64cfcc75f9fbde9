import { describe, expect, it } from 'vitest';
import { checkAvailability } from '../../../src/schedule/check-availability.js';
import type { ClientSchedule } from '../../../src/schedule/client-schedule.js';
import { buildSchedule, dates, span, weekdaysNineToFive, yearly } from './build-schedule.js';

const newYorkOffice = buildSchedule({ timeZone: 'America/New_York', hours: weekdaysNineToFive });
const newYorkSundayNight = buildSchedule({
  timeZone: 'America/New_York',
  hours: { 7: ['01:00-04:00'] },
});
const newYorkSaturdayShift = buildSchedule({
  timeZone: 'America/New_York',
  hours: { 6: ['22:00-02:00'] },
});
const londonSundayNight = buildSchedule({
  timeZone: 'Europe/London',
  hours: { 7: ['00:30-03:00'] },
});
const sydneySundayNight = buildSchedule({
  timeZone: 'Australia/Sydney',
  hours: { 7: ['01:00-04:00'] },
});
const sydneySaturdayShift = buildSchedule({
  timeZone: 'Australia/Sydney',
  hours: { 6: ['22:00-02:00'] },
});

function withDaysOff(schedule: ClientSchedule, daysOff: ClientSchedule['daysOff']): ClientSchedule {
  return { ...schedule, daysOff };
}

describe('checkAvailability', () => {
  it.each([
    // Ordinary days, interval ends are exclusive.
    ['Wednesday 09:00 EDT', newYorkOffice, '2026-06-10T13:00:00Z', 'AVAILABLE_IN_HOURS'],
    ['Wednesday 08:59 EDT', newYorkOffice, '2026-06-10T12:59:00Z', 'UNAVAILABLE_OUTSIDE_HOURS'],
    ['Wednesday 17:00 EDT', newYorkOffice, '2026-06-10T21:00:00Z', 'UNAVAILABLE_OUTSIDE_HOURS'],
    ['Saturday noon', newYorkOffice, '2026-06-13T16:00:00Z', 'UNAVAILABLE_NOT_WORKING_DAY'],
    ['leap day 2028-02-29 09:00 EST', newYorkOffice, '2028-02-29T14:00:00Z', 'AVAILABLE_IN_HOURS'],

    // New York 01:00-04:00 on spring-forward day is 06:00Z-08:00Z (two real hours).
    ['NY spring, 01:00 EST', newYorkSundayNight, '2026-03-08T06:00:00Z', 'AVAILABLE_IN_HOURS'],
    [
      'NY spring, 00:59 EST',
      newYorkSundayNight,
      '2026-03-08T05:59:00Z',
      'UNAVAILABLE_OUTSIDE_HOURS',
    ],
    ['NY spring, 03:59 EDT', newYorkSundayNight, '2026-03-08T07:59:00Z', 'AVAILABLE_IN_HOURS'],
    [
      'NY spring, 04:00 EDT',
      newYorkSundayNight,
      '2026-03-08T08:00:00Z',
      'UNAVAILABLE_OUTSIDE_HOURS',
    ],
    // ...and on fall-back day 01:00 EDT to 04:00 EST, 05:00Z-09:00Z (four real hours).
    ['NY fall, 01:00 EDT', newYorkSundayNight, '2026-11-01T05:00:00Z', 'AVAILABLE_IN_HOURS'],
    ['NY fall, 00:59 EDT', newYorkSundayNight, '2026-11-01T04:59:00Z', 'UNAVAILABLE_OUTSIDE_HOURS'],
    ['NY fall, 03:59 EST', newYorkSundayNight, '2026-11-01T08:59:00Z', 'AVAILABLE_IN_HOURS'],
    ['NY fall, 04:00 EST', newYorkSundayNight, '2026-11-01T09:00:00Z', 'UNAVAILABLE_OUTSIDE_HOURS'],

    // London 00:30-03:00: spring 00:30Z-02:00Z, fall 23:30Z (Saturday) to 03:00Z.
    ['London spring, 01:59Z', londonSundayNight, '2026-03-29T01:59:00Z', 'AVAILABLE_IN_HOURS'],
    [
      'London spring, 03:00 BST',
      londonSundayNight,
      '2026-03-29T02:00:00Z',
      'UNAVAILABLE_OUTSIDE_HOURS',
    ],
    ['London fall, 00:30 BST', londonSundayNight, '2026-10-24T23:30:00Z', 'AVAILABLE_IN_HOURS'],
    ['London fall, 02:59 GMT', londonSundayNight, '2026-10-25T02:59:00Z', 'AVAILABLE_IN_HOURS'],
    [
      'London fall, 03:00 GMT',
      londonSundayNight,
      '2026-10-25T03:00:00Z',
      'UNAVAILABLE_OUTSIDE_HOURS',
    ],

    // Sydney 01:00-04:00: clocks go back on 5 April (14:00Z-18:00Z), forward on 4 October (15:00Z-17:00Z).
    ['Sydney back, 01:00 AEDT', sydneySundayNight, '2026-04-04T14:00:00Z', 'AVAILABLE_IN_HOURS'],
    ['Sydney back, 03:59 AEST', sydneySundayNight, '2026-04-04T17:59:00Z', 'AVAILABLE_IN_HOURS'],
    [
      'Sydney back, 04:00 AEST',
      sydneySundayNight,
      '2026-04-04T18:00:00Z',
      'UNAVAILABLE_OUTSIDE_HOURS',
    ],
    ['Sydney forward, 01:00 AEST', sydneySundayNight, '2026-10-03T15:00:00Z', 'AVAILABLE_IN_HOURS'],
    ['Sydney forward, 03:59 AEDT', sydneySundayNight, '2026-10-03T16:59:00Z', 'AVAILABLE_IN_HOURS'],
    [
      'Sydney forward, 04:00 AEDT',
      sydneySundayNight,
      '2026-10-03T17:00:00Z',
      'UNAVAILABLE_OUTSIDE_HOURS',
    ],

    // Saturday 22:00-02:00 crossing midnight; Sunday has no hours of its own.
    ['NY Saturday 22:00 EST', newYorkSaturdayShift, '2026-03-08T03:00:00Z', 'AVAILABLE_IN_HOURS'],
    [
      'NY Saturday 21:59 EST',
      newYorkSaturdayShift,
      '2026-03-08T02:59:00Z',
      'UNAVAILABLE_OUTSIDE_HOURS',
    ],
    [
      'NY Sunday 00:30 EST, still Saturday shift',
      newYorkSaturdayShift,
      '2026-03-08T05:30:00Z',
      'AVAILABLE_IN_HOURS',
    ],
    // 02:00 on 8 March does not exist: the shift ends at 03:00 EDT, 07:00Z.
    ['NY Sunday 01:59 EST', newYorkSaturdayShift, '2026-03-08T06:59:00Z', 'AVAILABLE_IN_HOURS'],
    [
      'NY Sunday 03:00 EDT',
      newYorkSaturdayShift,
      '2026-03-08T07:00:00Z',
      'UNAVAILABLE_NOT_WORKING_DAY',
    ],
    // Fall-back night: 22:00 EDT (02:00Z) to 02:00 EST (07:00Z), five real hours.
    [
      'NY fall night, second 01:30 (EST)',
      newYorkSaturdayShift,
      '2026-11-01T06:30:00Z',
      'AVAILABLE_IN_HOURS',
    ],
    [
      'NY fall night, 02:00 EST',
      newYorkSaturdayShift,
      '2026-11-01T07:00:00Z',
      'UNAVAILABLE_NOT_WORKING_DAY',
    ],
    // Sydney forward night: 22:00 AEST (12:00Z) to 02:00, which becomes 03:00 AEDT (16:00Z).
    [
      'Sydney forward night, 02:59 AEST',
      sydneySaturdayShift,
      '2026-10-03T15:59:00Z',
      'AVAILABLE_IN_HOURS',
    ],
    [
      'Sydney forward night, 03:00 AEDT',
      sydneySaturdayShift,
      '2026-10-03T16:00:00Z',
      'UNAVAILABLE_NOT_WORKING_DAY',
    ],
  ])('%s', (_name, schedule, at, reason) => {
    expect(checkAvailability(schedule, new Date(at))).toEqual({
      available: reason === 'AVAILABLE_IN_HOURS',
      reason,
    });
  });

  it.each([
    [
      'a day off on the spring-forward day',
      withDaysOff(newYorkSundayNight, [dates('2026-03-08', '2026-03-08')]),
      '2026-03-08T07:00:00Z',
      'UNAVAILABLE_DAY_OFF',
    ],
    [
      'the day after a day-off range',
      withDaysOff(newYorkSundayNight, [dates('2026-03-01', '2026-03-07')]),
      '2026-03-08T07:00:00Z',
      'AVAILABLE_IN_HOURS',
    ],
    [
      'a day off on the start day cancels the night shift',
      withDaysOff(newYorkSaturdayShift, [dates('2026-03-07', '2026-03-07')]),
      '2026-03-08T05:30:00Z',
      'UNAVAILABLE_DAY_OFF',
    ],
    [
      'a day off on the next day leaves the night shift',
      withDaysOff(newYorkSaturdayShift, [dates('2026-03-08', '2026-03-08')]),
      '2026-03-08T05:30:00Z',
      'AVAILABLE_IN_HOURS',
    ],
    [
      'a yearly day off',
      withDaysOff(newYorkOffice, [yearly('12-25')]),
      '2026-12-25T15:00:00Z',
      'UNAVAILABLE_DAY_OFF',
    ],
    [
      'a yearly 02-29 in a leap year',
      withDaysOff(newYorkOffice, [yearly('02-29')]),
      '2028-02-29T15:00:00Z',
      'UNAVAILABLE_DAY_OFF',
    ],
    [
      'a yearly 02-29 is not 1 March in other years',
      withDaysOff(newYorkOffice, [yearly('02-29')]),
      '2027-03-01T15:00:00Z',
      'AVAILABLE_IN_HOURS',
    ],
    [
      'a yearly 02-29 is not 28 February in a leap year',
      withDaysOff(newYorkOffice, [yearly('02-29')]),
      '2028-02-28T15:00:00Z',
      'AVAILABLE_IN_HOURS',
    ],
    [
      'inside an absence',
      withDaysOff(newYorkOffice, [span('2026-06-10T13:00:00-04:00', '2026-06-10T15:00:00-04:00')]),
      '2026-06-10T17:30:00Z',
      'UNAVAILABLE_ABSENCE',
    ],
    [
      'at the end of an absence',
      withDaysOff(newYorkOffice, [span('2026-06-10T13:00:00-04:00', '2026-06-10T15:00:00-04:00')]),
      '2026-06-10T19:00:00Z',
      'AVAILABLE_IN_HOURS',
    ],
    [
      'an absence written without an offset is in the client zone',
      withDaysOff(newYorkOffice, [span('2026-06-10T13:00', '2026-06-10T15:00')]),
      '2026-06-10T18:59:00Z',
      'UNAVAILABLE_ABSENCE',
    ],
    [
      'day off before absence',
      withDaysOff(newYorkOffice, [
        span('2026-06-10T00:00:00-04:00', '2026-06-11T00:00:00-04:00'),
        dates('2026-06-10', '2026-06-10'),
      ]),
      '2026-06-10T17:30:00Z',
      'UNAVAILABLE_DAY_OFF',
    ],
    [
      'absence before not-working-day',
      withDaysOff(newYorkOffice, [span('2026-06-13T00:00:00-04:00', '2026-06-14T00:00:00-04:00')]),
      '2026-06-13T16:00:00Z',
      'UNAVAILABLE_ABSENCE',
    ],
  ])('%s', (_name, schedule, at, reason) => {
    expect(checkAvailability(schedule, new Date(at))).toEqual({
      available: reason === 'AVAILABLE_IN_HOURS',
      reason,
    });
  });

  it('refuses an invalid date', () => {
    expect(() => checkAvailability(newYorkOffice, new Date(Number.NaN))).toThrow(/invalid date/);
  });
});
