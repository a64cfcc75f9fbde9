import { describe, expect, it } from 'vitest';
import { addWorkingTime } from '../../../src/schedule/add-working-time.js';
import { buildSchedule, dates, span, weekdaysNineToFive } from './build-schedule.js';

const minute = 60_000;
const hour = 60 * minute;

const newYork = buildSchedule({ timeZone: 'America/New_York', hours: weekdaysNineToFive });
const newYorkSplit = buildSchedule({
  timeZone: 'America/New_York',
  hours: { 1: ['09:00-12:30', '13:30-17:00'], 2: ['09:00-12:30', '13:30-17:00'] },
});
/** Thanksgiving (Thursday 26 November 2026) off, the dentist on Friday 4 December 13:00-15:00. */
const newYorkWithDaysOff = buildSchedule({
  timeZone: 'America/New_York',
  hours: weekdaysNineToFive,
  daysOff: [
    dates('2026-11-26', '2026-11-26', ['11:00']),
    span('2026-12-04T13:00:00-05:00', '2026-12-04T15:00:00-05:00'),
  ],
});
/** Night shifts across the DST changes: Saturday 7 March and Saturday 31 October 2026. */
const newYorkNights = buildSchedule({
  timeZone: 'America/New_York',
  hours: { 6: ['22:00-04:00'], 7: ['00:00-04:00'] },
});
/** Monday's 22:00-02:00 and Tuesday's 01:00-03:00 overlap for an hour. */
const newYorkOverlap = buildSchedule({
  timeZone: 'America/New_York',
  hours: { 1: ['22:00-02:00'], 2: ['01:00-03:00'] },
});
/** A Friday night shift; Friday 27 November 2026 is a day off, which cancels all of it. */
const newYorkFridayNight = buildSchedule({
  timeZone: 'America/New_York',
  hours: { 5: ['22:00-02:00'] },
  daysOff: [dates('2026-11-27', '2026-11-27')],
});
/** Easter Monday 30 March 2026 off, the day after the clocks go forward (29 March). */
const london = buildSchedule({
  timeZone: 'Europe/London',
  hours: weekdaysNineToFive,
  daysOff: [dates('2026-03-30', '2026-03-30')],
});
/** Sunday 29 March 2026 00:30-03:00: 01:00-02:00 does not exist, so it holds 1.5 hours. */
const londonSundayNight = buildSchedule({
  timeZone: 'Europe/London',
  hours: { 7: ['00:30-03:00'], 1: ['09:00-10:00'] },
});
const never = buildSchedule({ timeZone: 'Europe/London', hours: {} });

describe('addWorkingTime', () => {
  it.each([
    // New York, no DST change
    {
      name: 'in hours: arrival plus the promise',
      schedule: newYork,
      from: '2026-11-23T15:00:00Z', // Mon 10:00 EST
      duration: 2 * hour,
      due: '2026-11-23T17:00:00.000Z', // Mon 12:00 EST
    },
    {
      name: 'the lunch gap does not count',
      schedule: newYorkSplit,
      from: '2026-11-23T16:30:00Z', // Mon 11:30 EST: 1 h before lunch
      duration: 2 * hour,
      due: '2026-11-23T19:30:00.000Z', // 13:30 + 1 h = 14:30 EST
    },
    {
      name: 'what is left at 17:00 carries to the next morning',
      schedule: newYork,
      from: '2026-11-23T21:00:00Z', // Mon 16:00 EST
      duration: 2 * hour,
      due: '2026-11-24T15:00:00.000Z', // Tue 10:00 EST
    },
    {
      name: 'before hours: the clock starts at 09:00',
      schedule: newYork,
      from: '2026-11-23T12:00:00Z', // Mon 07:00 EST
      duration: 2 * hour,
      due: '2026-11-23T16:00:00.000Z', // Mon 11:00 EST
    },
    {
      name: 'arriving exactly at the end of hours',
      schedule: newYork,
      from: '2026-11-23T22:00:00Z', // Mon 17:00 EST
      duration: hour,
      due: '2026-11-24T15:00:00.000Z', // Tue 10:00 EST
    },
    {
      name: 'Friday afternoon: the weekend does not count',
      schedule: newYork,
      from: '2026-11-20T21:30:00Z', // Fri 16:30 EST
      duration: 2 * hour,
      due: '2026-11-23T15:30:00.000Z', // Mon 10:30 EST
    },
    {
      name: 'a day off in between (its check-in is no working time)',
      schedule: newYorkWithDaysOff,
      from: '2026-11-25T21:00:00Z', // Wed 16:00 EST, Thursday off
      duration: 2 * hour,
      due: '2026-11-27T15:00:00.000Z', // Fri 10:00 EST
    },
    {
      name: 'mail on a day off starts at the next working day',
      schedule: newYorkWithDaysOff,
      from: '2026-11-26T16:00:00Z', // Thu 11:00 EST, the day off's check-in
      duration: 30 * minute,
      due: '2026-11-27T14:30:00.000Z', // Fri 09:30 EST
    },
    {
      name: 'an absence pauses the clock',
      schedule: newYorkWithDaysOff,
      from: '2026-12-04T17:00:00Z', // Fri 12:00 EST: 1 h, then 13:00-15:00 away
      duration: 2 * hour,
      due: '2026-12-04T21:00:00.000Z', // 15:00 + 1 h = 16:00 EST
    },
    {
      name: 'mail during an absence starts when it ends',
      schedule: newYorkWithDaysOff,
      from: '2026-12-04T18:30:00Z', // Fri 13:30 EST
      duration: 30 * minute,
      due: '2026-12-04T20:30:00.000Z', // 15:30 EST
    },
    {
      name: 'a day off cancels the night shift starting on it',
      schedule: newYorkFridayNight,
      from: '2026-11-27T12:00:00Z', // Fri 27 Nov 07:00 EST (off)
      duration: hour,
      due: '2026-12-05T04:00:00.000Z', // Fri 4 Dec 23:00 EST
    },
    {
      name: 'overlapping intervals count once',
      schedule: newYorkOverlap,
      from: '2026-11-24T03:00:00Z', // Mon 22:00 EST; 22:00-03:00 is 5 h
      duration: 4.5 * hour,
      due: '2026-11-24T07:30:00.000Z', // Tue 02:30 EST
    },
    {
      name: 'duration 0: when the clock starts',
      schedule: newYork,
      from: '2026-11-21T15:00:00Z', // Sat
      duration: 0,
      due: '2026-11-23T14:00:00.000Z', // Mon 09:00 EST
    },
    // New York, DST changes
    {
      name: 'spring forward over the weekend: Monday 10:00 is EDT',
      schedule: newYork,
      from: '2026-03-06T21:00:00Z', // Fri 6 March 16:00 EST
      duration: 2 * hour,
      due: '2026-03-09T14:00:00.000Z', // Mon 10:00 EDT
    },
    {
      name: 'spring-forward night: 22:00-04:00 holds 5 real hours',
      schedule: newYorkNights,
      from: '2026-03-08T03:00:00Z', // Sat 7 March 22:00 EST
      duration: 5 * hour,
      due: '2026-03-08T08:00:00.000Z', // Sun 04:00 EDT
    },
    {
      name: 'spring-forward night: the rest carries to the next shift',
      schedule: newYorkNights,
      from: '2026-03-08T03:00:00Z',
      duration: 6 * hour, // 5 h Saturday night; Sunday's 00:00-04:00 lies inside it
      due: '2026-03-15T03:00:00.000Z', // Sat 14 March 22:00 EDT + 1 h
    },
    {
      name: 'fall back over the weekend: Monday 10:00 is EST',
      schedule: newYork,
      from: '2026-10-30T20:00:00Z', // Fri 30 October 16:00 EDT
      duration: 2 * hour,
      due: '2026-11-02T15:00:00.000Z', // Mon 10:00 EST
    },
    {
      name: 'fall-back night: 00:00-04:00 holds 5 real hours',
      schedule: newYorkNights,
      from: '2026-11-01T04:00:00Z', // Sun 1 November 00:00 EDT (inside Saturday's shift)
      duration: 4.5 * hour,
      due: '2026-11-01T08:30:00.000Z', // 03:30 EST
    },
    // London, DST changes
    {
      name: 'spring forward, then a day off: Friday to Tuesday',
      schedule: london,
      from: '2026-03-27T16:00:00Z', // Fri 27 March 16:00 GMT
      duration: 2 * hour,
      due: '2026-03-31T09:00:00.000Z', // Tue 10:00 BST
    },
    {
      name: 'spring-forward night: 00:30-03:00 holds 1.5 real hours',
      schedule: londonSundayNight,
      from: '2026-03-29T00:30:00Z', // Sun 00:30 GMT
      duration: 2 * hour,
      due: '2026-03-30T08:30:00.000Z', // 1.5 h, then Mon 09:00 BST + 30 min
    },
    {
      name: 'fall back over the weekend: Monday 09:30 is GMT',
      schedule: london,
      from: '2026-10-23T15:30:00Z', // Fri 23 October 16:30 BST
      duration: hour,
      due: '2026-10-26T09:30:00.000Z', // Mon 09:30 GMT
    },
    {
      name: 'a long promise spans days, a weekend and a day off',
      schedule: london,
      from: '2026-03-26T09:00:00Z', // Thu 26 March 09:00 GMT
      duration: 20 * hour, // Thu 8 h, Fri 8 h, (Mon off), Tue 4 h
      due: '2026-03-31T12:00:00.000Z', // Tue 13:00 BST
    },
  ])('$name', ({ schedule, from, duration, due }) => {
    expect(addWorkingTime(schedule, new Date(from), duration)?.toISOString()).toBe(due);
  });

  it('is null when the time is never used up within the horizon', () => {
    expect(addWorkingTime(never, new Date('2026-11-23T15:00:00Z'), hour)).toBeNull();
    expect(addWorkingTime(newYork, new Date('2026-11-23T15:00:00Z'), 30 * 8 * hour, 7)).toBeNull();
  });
});
