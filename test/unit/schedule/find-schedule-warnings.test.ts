import { describe, expect, it } from 'vitest';
import {
  findScheduleWarnings,
  type ScheduleWarning,
} from '../../../src/schedule/find-schedule-warnings.js';
import { buildSchedule, dates } from './build-schedule.js';

function gap(message: string): ScheduleWarning {
  return { code: 'CHECKIN_IN_DST_GAP', message };
}

function overlap(message: string): ScheduleWarning {
  return { code: 'INTERVALS_OVERLAP', message };
}

describe('findScheduleWarnings', () => {
  it.each([
    [
      'a working-day check-in in the New York gap',
      buildSchedule({
        timeZone: 'America/New_York',
        hours: { 7: ['10:00-12:00'] },
        checkIns: ['02:30'],
      }),
      '2026-03-01T12:00:00Z',
      14,
      [
        gap(
          'check-in 02:30 does not exist on Sunday 8 March 2026 (clocks go forward); it will happen at 03:30',
        ),
      ],
    ],
    [
      'the gap outside the window',
      buildSchedule({
        timeZone: 'America/New_York',
        hours: { 7: ['10:00-12:00'] },
        checkIns: ['02:30'],
      }),
      '2026-03-09T12:00:00Z',
      14,
      [],
    ],
    [
      'a working-day check-in on a day without hours never happens',
      buildSchedule({
        timeZone: 'America/New_York',
        hours: { 1: ['10:00-12:00'] },
        checkIns: ['02:30'],
      }),
      '2026-03-01T12:00:00Z',
      14,
      [],
    ],
    [
      'an ambiguous fall-back check-in is fine',
      buildSchedule({
        timeZone: 'America/New_York',
        hours: { 7: ['10:00-12:00'] },
        checkIns: ['01:30'],
      }),
      '2026-10-25T12:00:00Z',
      14,
      [],
    ],
    [
      'a day-off check-in in the London gap',
      buildSchedule({
        timeZone: 'Europe/London',
        daysOff: [dates('2026-03-29', '2026-03-29', ['01:30'])],
      }),
      '2026-03-28T12:00:00Z',
      1,
      [
        gap(
          'check-in 01:30 does not exist on Sunday 29 March 2026 (clocks go forward); it will happen at 02:30',
        ),
      ],
    ],
    [
      'working hours starting in the Sydney gap',
      buildSchedule({ timeZone: 'Australia/Sydney', hours: { 7: ['02:00-05:00'] } }),
      '2026-10-01T00:00:00Z',
      7,
      [
        gap(
          'working hours 02:00-05:00 start at 02:00, which does not exist on Sunday 4 October 2026 (clocks go forward); they will start at 03:00',
        ),
      ],
    ],
    [
      'a night shift ending in the New York gap',
      buildSchedule({ timeZone: 'America/New_York', hours: { 6: ['22:00-02:30'] } }),
      '2026-03-07T12:00:00Z',
      1,
      [
        gap(
          'working hours 22:00-02:30 end at 02:30, which does not exist on Sunday 8 March 2026 (clocks go forward); they will end at 03:30',
        ),
      ],
    ],
    [
      'overlapping intervals on one weekday',
      buildSchedule({ timeZone: 'Europe/London', hours: { 1: ['12:00-17:00', '09:00-13:00'] } }),
      '2026-06-01T00:00:00Z',
      7,
      [overlap('working hours on Monday overlap: 09:00-13:00 and 12:00-17:00')],
    ],
    [
      'adjacent intervals do not overlap',
      buildSchedule({
        timeZone: 'Europe/London',
        hours: { 1: ['09:00-12:00', '12:00-17:00'], 5: ['22:00-02:00'], 6: ['02:00-04:00'] },
      }),
      '2026-06-01T00:00:00Z',
      7,
      [],
    ],
    [
      'a night shift running into the next day',
      buildSchedule({
        timeZone: 'Europe/London',
        hours: { 5: ['22:00-02:00'], 6: ['01:00-05:00'] },
      }),
      '2026-06-01T00:00:00Z',
      7,
      [overlap('working hours 22:00-02:00 on Friday run into 01:00-05:00 on Saturday')],
    ],
    [
      'Sunday night running into Monday',
      buildSchedule({
        timeZone: 'Europe/London',
        hours: { 7: ['23:00-01:00'], 1: ['00:30-03:00'] },
      }),
      '2026-06-01T00:00:00Z',
      7,
      [overlap('working hours 23:00-01:00 on Sunday run into 00:30-03:00 on Monday')],
    ],
  ])('%s', (_name, schedule, from, days, warnings) => {
    expect(findScheduleWarnings(schedule, new Date(from), days)).toEqual(warnings);
  });
});
