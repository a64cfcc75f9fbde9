import { describe, expect, it } from 'vitest';
import type { ClientSchedule } from '../../../src/schedule/client-schedule.js';
import { findResumeAt } from '../../../src/schedule/find-resume-at.js';
import { buildSchedule, dates, span, weekdaysNineToFive, yearly } from './build-schedule.js';

const office = buildSchedule({
  timeZone: 'America/New_York',
  hours: weekdaysNineToFive,
  checkIns: ['07:30', '20:00'],
});
const sundayMorning = buildSchedule({
  timeZone: 'America/New_York',
  hours: { 7: ['10:00-12:00'] },
  checkIns: ['02:30'],
});
const fallBackCheckIn = buildSchedule({
  timeZone: 'America/New_York',
  hours: { 7: ['10:00-12:00'] },
  checkIns: ['01:30'],
});
const saturdayShift = buildSchedule({
  timeZone: 'America/New_York',
  hours: { 6: ['22:00-02:00'] },
});
const sydneyCheckIn = buildSchedule({
  timeZone: 'Australia/Sydney',
  hours: { 7: ['05:00-06:00'] },
  checkIns: ['02:30'],
});
const londonSunday = buildSchedule({
  timeZone: 'Europe/London',
  hours: { 7: ['10:00-12:00'] },
  checkIns: ['01:30'],
});

function withDaysOff(schedule: ClientSchedule, daysOff: ClientSchedule['daysOff']): ClientSchedule {
  return { ...schedule, daysOff };
}

describe('findResumeAt', () => {
  it.each([
    ['inside hours: now', office, '2026-06-10T15:00:00Z', '2026-06-10T15:00:00.000Z'],
    ['before the morning check-in', office, '2026-06-10T11:00:00Z', '2026-06-10T11:30:00.000Z'],
    ['exactly at a check-in', office, '2026-06-10T11:30:00Z', '2026-06-10T11:30:00.000Z'],
    [
      'after the check-in, before hours',
      office,
      '2026-06-10T12:00:00Z',
      '2026-06-10T13:00:00.000Z',
    ],
    ['after hours: evening check-in', office, '2026-06-10T22:00:00Z', '2026-06-11T00:00:00.000Z'],
    [
      'Friday night: Monday check-in, none at weekends',
      office,
      '2026-06-13T01:00:00Z',
      '2026-06-15T11:30:00.000Z',
    ],
    ['leap day 2028-02-29 check-in', office, '2028-02-29T01:30:00Z', '2028-02-29T12:30:00.000Z'],
    // 02:30 does not exist on 2026-03-08 in New York: the check-in happens at 03:30 EDT.
    [
      'NY check-in in the spring gap',
      sundayMorning,
      '2026-03-08T05:00:00Z',
      '2026-03-08T07:30:00.000Z',
    ],
    [
      'NY hours after the spring change',
      sundayMorning,
      '2026-03-08T08:00:00Z',
      '2026-03-08T14:00:00.000Z',
    ],
    // 01:30 happens twice on 2026-11-01: the check-in is the first (EDT) only.
    [
      'NY ambiguous check-in, first 01:30',
      fallBackCheckIn,
      '2026-11-01T04:00:00Z',
      '2026-11-01T05:30:00.000Z',
    ],
    [
      'NY ambiguous check-in, not the second',
      fallBackCheckIn,
      '2026-11-01T05:31:00Z',
      '2026-11-01T15:00:00.000Z',
    ],
    [
      'London check-in in the spring gap',
      londonSunday,
      '2026-03-29T00:00:00Z',
      '2026-03-29T01:30:00.000Z',
    ],
    ['London ambiguous check-in', londonSunday, '2026-10-24T23:00:00Z', '2026-10-25T00:30:00.000Z'],
    [
      'Sydney ambiguous check-in (clocks go back)',
      sydneyCheckIn,
      '2026-04-04T13:00:00Z',
      '2026-04-04T15:30:00.000Z',
    ],
    [
      'Sydney check-in in the gap (clocks go forward)',
      sydneyCheckIn,
      '2026-10-03T14:00:00Z',
      '2026-10-03T16:30:00.000Z',
    ],
    ['night shift start', saturdayShift, '2026-03-08T02:00:00Z', '2026-03-08T03:00:00.000Z'],
    [
      'inside the night shift after midnight',
      saturdayShift,
      '2026-03-08T06:30:00Z',
      '2026-03-08T06:30:00.000Z',
    ],
    // The shift ended at 03:00 EDT (02:00 is in the gap); next Saturday 22:00 is EDT.
    [
      'after the night shift across DST',
      saturdayShift,
      '2026-03-08T07:00:00Z',
      '2026-03-15T02:00:00.000Z',
    ],
  ])('%s', (_name, schedule, at, expected) => {
    expect(findResumeAt(schedule, new Date(at))?.toISOString()).toBe(expected);
  });

  it.each([
    [
      'a day off on the DST day keeps only its own check-ins',
      withDaysOff(sundayMorning, [dates('2026-03-08', '2026-03-08', ['09:00'])]),
      '2026-03-08T05:00:00Z',
      '2026-03-08T13:00:00.000Z',
    ],
    [
      'a day off without check-ins skips the day',
      withDaysOff(sundayMorning, [dates('2026-03-08', '2026-03-08')]),
      '2026-03-08T05:00:00Z',
      '2026-03-15T06:30:00.000Z',
    ],
    [
      'a day-off check-in in the London gap',
      withDaysOff(buildSchedule({ timeZone: 'Europe/London' }), [
        dates('2026-03-29', '2026-03-29', ['01:30']),
      ]),
      '2026-03-28T12:00:00Z',
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'a day off cancels the night shift that starts on it',
      withDaysOff(saturdayShift, [dates('2026-03-07', '2026-03-07')]),
      '2026-03-08T02:00:00Z',
      '2026-03-15T02:00:00.000Z',
    ],
    [
      'a yearly day off',
      withDaysOff(office, [yearly('06-10')]),
      '2026-06-10T11:00:00Z',
      '2026-06-11T11:30:00.000Z',
    ],
    [
      'a yearly 02-29 day off with its own check-in',
      withDaysOff(office, [yearly('02-29', ['12:00'])]),
      '2028-02-29T10:00:00Z',
      '2028-02-29T17:00:00.000Z',
    ],
    [
      'a yearly 02-29 does not touch 2027',
      withDaysOff(office, [yearly('02-29', ['12:00'])]),
      '2027-02-27T02:00:00Z',
      '2027-03-01T12:30:00.000Z',
    ],
    [
      'New Year: 31 December evening to Monday 4 January',
      withDaysOff(office, [yearly('01-01')]),
      '2027-01-01T02:00:00Z',
      '2027-01-04T12:30:00.000Z',
    ],
    [
      'overlapping days off keep every check-in',
      withDaysOff(office, [
        dates('2026-06-08', '2026-06-12', ['18:00']),
        dates('2026-06-10', '2026-06-10', ['10:00']),
      ]),
      '2026-06-10T11:00:00Z',
      '2026-06-10T14:00:00.000Z',
    ],
    [
      'an absence skips the check-in and delays the start',
      withDaysOff(office, [span('2026-06-10T07:00:00-04:00', '2026-06-10T10:30:00-04:00')]),
      '2026-06-10T11:00:00Z',
      '2026-06-10T14:30:00.000Z',
    ],
    [
      'inside hours but absent: the absence end',
      withDaysOff(office, [span('2026-06-10T07:00:00-04:00', '2026-06-10T10:30:00-04:00')]),
      '2026-06-10T13:30:00Z',
      '2026-06-10T14:30:00.000Z',
    ],
    [
      'chained absences',
      withDaysOff(office, [
        span('2026-06-10T10:00:00-04:00', '2026-06-10T11:00:00-04:00'),
        span('2026-06-10T08:00:00-04:00', '2026-06-10T10:30:00-04:00'),
      ]),
      '2026-06-10T12:30:00Z',
      '2026-06-10T15:00:00.000Z',
    ],
    [
      'an absence past the end of hours: evening check-in',
      withDaysOff(office, [span('2026-06-10T07:00:00-04:00', '2026-06-10T18:00:00-04:00')]),
      '2026-06-10T11:00:00Z',
      '2026-06-11T00:00:00.000Z',
    ],
    [
      'an absence over the whole day',
      withDaysOff(office, [span('2026-06-10T00:00:00-04:00', '2026-06-11T00:00:00-04:00')]),
      '2026-06-10T11:00:00Z',
      '2026-06-11T11:30:00.000Z',
    ],
    [
      'no hours, only a yearly day-off check-in',
      withDaysOff(buildSchedule({ timeZone: 'America/New_York' }), [yearly('12-25', ['10:00'])]),
      '2026-06-10T12:00:00Z',
      '2026-12-25T15:00:00.000Z',
    ],
  ])('%s', (_name, schedule, at, expected) => {
    expect(findResumeAt(schedule, new Date(at))?.toISOString()).toBe(expected);
  });

  it.each([
    [
      'no hours and no check-ins',
      buildSchedule({ timeZone: 'America/New_York', checkIns: ['09:00'] }),
      732,
    ],
    ['every day off for years', withDaysOff(office, [dates('2026-01-01', '2030-12-31')]), 732],
    [
      'an absence over the whole horizon',
      withDaysOff(office, [span('2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z')]),
      732,
    ],
    [
      'a check-in beyond the horizon',
      withDaysOff(buildSchedule({ timeZone: 'America/New_York' }), [yearly('12-25', ['10:00'])]),
      30,
    ],
  ])('null when nothing happens: %s', (_name, schedule, horizonDays) => {
    expect(findResumeAt(schedule, new Date('2026-06-10T12:00:00Z'), horizonDays)).toBeNull();
  });
});
