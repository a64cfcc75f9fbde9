import { describe, expect, it } from 'vitest';
import type { ClientSchedule, DayOff } from '../../../src/schedule/client-schedule.js';
import { describeAbsence } from '../../../src/schedule/describe-absence.js';
import { listAbsences } from '../../../src/schedule/list-absences.js';
import { buildSchedule, dates, span, weekdaysNineToFive, yearly } from './build-schedule.js';

// Monday 23 November 2026 is the week these cases live in (London is on UTC then).
const london = (daysOff: DayOff[]): ClientSchedule =>
  buildSchedule({
    timeZone: 'Europe/London',
    hours: weekdaysNineToFive,
    checkIns: ['08:30'],
    daysOff,
  });
const newYork = (daysOff: DayOff[]): ClientSchedule =>
  buildSchedule({ timeZone: 'America/New_York', hours: weekdaysNineToFive, daysOff });

const mondayMorning = '2026-11-23T10:00:00Z';

describe('listAbsences', () => {
  it.each<[name: string, ClientSchedule, now: string, days: number, expected: [string, string][]]>([
    [
      'one day off, as a whole local day',
      london([dates('2026-11-25', '2026-11-25')]),
      mondayMorning,
      3,
      [['2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z']],
    ],
    [
      'adjacent days off, given separately, are one absence',
      london([dates('2026-11-25', '2026-11-25'), dates('2026-11-26', '2026-11-26')]),
      mondayMorning,
      3,
      [['2026-11-25T00:00:00.000Z', '2026-11-27T00:00:00.000Z']],
    ],
    [
      'a Friday and a Monday off, the weekend between: one absence',
      london([dates('2026-11-27', '2026-11-27'), dates('2026-11-30', '2026-11-30')]),
      mondayMorning,
      4,
      [['2026-11-27T00:00:00.000Z', '2026-12-01T00:00:00.000Z']],
    ],
    [
      'an absence is listed whole, however far it reaches past the horizon',
      london([dates('2026-11-24', '2027-01-10')]),
      mondayMorning,
      1,
      [['2026-11-24T00:00:00.000Z', '2027-01-11T00:00:00.000Z']],
    ],
    [
      'a day off on a Saturday takes no working time: nothing to announce',
      london([dates('2026-11-28', '2026-11-28')]),
      mondayMorning,
      6,
      [],
    ],
    [
      'a yearly day off',
      london([yearly('11-25')]),
      mondayMorning,
      3,
      [['2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z']],
    ],
    [
      'a day off after the horizon (end of the local day 3 days ahead) is not listed yet',
      london([dates('2026-11-27', '2026-11-27')]),
      mondayMorning,
      3,
      [],
    ],
    [
      'the last day of the horizon is in',
      london([dates('2026-11-26', '2026-11-26')]),
      '2026-11-23T23:59:00Z',
      3,
      [['2026-11-26T00:00:00.000Z', '2026-11-27T00:00:00.000Z']],
    ],
    [
      'an absence under way is not listed, though more of it lies ahead',
      london([dates('2026-11-25', '2026-11-27')]),
      '2026-11-25T12:00:00Z',
      3,
      [],
    ],
    [
      'on the weekend inside a Friday-to-Monday absence, the Monday is not a new one',
      london([dates('2026-11-27', '2026-11-27'), dates('2026-11-30', '2026-11-30')]),
      '2026-11-29T12:00:00Z',
      3,
      [],
    ],
    [
      'an ICS timed absence inside working hours',
      london([span('2026-11-24T13:00:00Z', '2026-11-24T15:00:00Z')]),
      mondayMorning,
      3,
      [['2026-11-24T13:00:00.000Z', '2026-11-24T15:00:00.000Z']],
    ],
    [
      'an ICS evening event outside working hours takes no working time',
      london([span('2026-11-24T18:00:00Z', '2026-11-24T20:00:00Z')]),
      mondayMorning,
      3,
      [],
    ],
    [
      'an ICS absence running into a day off is one absence',
      london([
        span('2026-11-26T15:00:00Z', '2026-11-27T00:00:00Z'),
        dates('2026-11-27', '2026-11-27'),
      ]),
      mondayMorning,
      4,
      [['2026-11-26T15:00:00.000Z', '2026-11-28T00:00:00.000Z']],
    ],
    [
      'overlapping ICS events are one absence',
      london([
        span('2026-11-24T10:00:00Z', '2026-11-24T12:00:00Z'),
        span('2026-11-24T11:00:00Z', '2026-11-24T14:00:00Z'),
      ]),
      mondayMorning,
      3,
      [['2026-11-24T10:00:00.000Z', '2026-11-24T14:00:00.000Z']],
    ],
    [
      'the VA is back between an ICS absence and the next day off: two absences',
      london([
        span('2026-11-24T13:00:00Z', '2026-11-24T15:00:00Z'),
        dates('2026-11-25', '2026-11-25'),
      ]),
      mondayMorning,
      3,
      [
        ['2026-11-24T13:00:00.000Z', '2026-11-24T15:00:00.000Z'],
        ['2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z'],
      ],
    ],
    // Daylight saving starts on Sunday 8 March 2026 at 02:00 in New York: the Monday off
    // starts at midnight EDT (04:00Z), the Friday before it at midnight EST (05:00Z).
    [
      'New York: a Friday and a Monday off across the DST change',
      newYork([dates('2026-03-06', '2026-03-06'), dates('2026-03-09', '2026-03-09')]),
      '2026-03-04T15:00:00Z',
      3,
      [['2026-03-06T05:00:00.000Z', '2026-03-10T04:00:00.000Z']],
    ],
    // Summer time ends on Sunday 25 October 2026 in London.
    [
      'London: a Monday off just after summer time ends',
      london([dates('2026-10-26', '2026-10-26')]),
      '2026-10-23T12:00:00Z',
      3,
      [['2026-10-26T00:00:00.000Z', '2026-10-27T00:00:00.000Z']],
    ],
  ])('%s', (_name, schedule, now, days, expected) => {
    expect(
      listAbsences(schedule, new Date(now), days).map((absence) => [
        absence.start.toISOString(),
        absence.end.toISOString(),
      ]),
    ).toEqual(expected);
  });
});

describe('describeAbsence', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it.each<[name: string, start: string, end: string, timeZone: string, text: string]>([
    [
      'one whole day',
      '2026-11-25T00:00:00Z',
      '2026-11-26T00:00:00Z',
      'Europe/London',
      'on Wednesday 25 November',
    ],
    [
      'whole days',
      '2026-11-27T00:00:00Z',
      '2026-12-01T00:00:00Z',
      'Europe/London',
      'from Friday 27 November to Monday 30 November',
    ],
    [
      'hours on one day',
      '2026-11-24T13:00:00Z',
      '2026-11-24T15:00:00Z',
      'Europe/London',
      'on Tuesday 24 November from 13:00 to 15:00',
    ],
    [
      'from a time to the end of a later day',
      '2026-11-26T15:00:00Z',
      '2026-11-28T00:00:00Z',
      'Europe/London',
      'from Thursday 26 November at 15:00 to Friday 27 November',
    ],
    [
      'in the client’s zone',
      '2026-11-25T05:00:00Z',
      '2026-11-26T05:00:00Z',
      'America/New_York',
      'on Wednesday 25 November',
    ],
    [
      'the year when it is not this year',
      '2026-12-31T00:00:00Z',
      '2027-01-02T00:00:00Z',
      'Europe/London',
      'from Thursday 31 December to Friday 1 January 2027',
    ],
    [
      'across the DST change, whole local days',
      '2026-03-06T05:00:00Z',
      '2026-03-10T04:00:00Z',
      'America/New_York',
      'from Friday 6 March to Monday 9 March',
    ],
  ])('%s', (_name, start, end, timeZone, text) => {
    expect(describeAbsence({ start: new Date(start), end: new Date(end) }, timeZone, now)).toBe(
      text,
    );
  });
});
