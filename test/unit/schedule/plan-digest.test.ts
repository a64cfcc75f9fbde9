import { describe, expect, it } from 'vitest';
import type { ClientSchedule } from '../../../src/schedule/client-schedule.js';
import { planDigest, type DigestPlanInput } from '../../../src/schedule/plan-digest.js';
import { buildSchedule, dates, span, toMinutes, weekdaysNineToFive } from './build-schedule.js';

const london = buildSchedule({
  timeZone: 'Europe/London',
  hours: weekdaysNineToFive,
  checkIns: ['08:30', '20:00'],
});
const londonMornings = buildSchedule({
  timeZone: 'Europe/London',
  hours: weekdaysNineToFive,
  checkIns: ['08:30'],
});
const newYork = buildSchedule({ timeZone: 'America/New_York', hours: weekdaysNineToFive });
const tokyo = buildSchedule({ timeZone: 'Asia/Tokyo', hours: weekdaysNineToFive });
const sundays = buildSchedule({ timeZone: 'Europe/London', hours: { 7: ['10:00-12:00'] } });
const mondayNights = buildSchedule({ timeZone: 'Europe/London', hours: { 1: ['22:00-02:00'] } });

const off = (schedule: ClientSchedule, daysOff: ClientSchedule['daysOff']): ClientSchedule => ({
  ...schedule,
  daysOff,
});

interface Case {
  readonly name: string;
  readonly schedules: readonly ClientSchedule[];
  readonly at?: DigestPlanInput['at'];
  readonly timeZone?: string;
  readonly since: string;
  readonly now: string;
  readonly overdue: string | null;
  readonly next: string | null;
}

const cases: Case[] = [
  {
    name: 'a weekday before the first check-in: due at 08:30',
    schedules: [london],
    since: '2026-06-09T07:30:00Z',
    now: '2026-06-10T06:00:00Z',
    overdue: null,
    next: '2026-06-10T07:30:00.000Z',
  },
  {
    name: 'just after a digest: the next working day',
    schedules: [london],
    since: '2026-06-10T07:30:00Z',
    now: '2026-06-10T07:30:00Z',
    overdue: null,
    next: '2026-06-11T07:30:00.000Z',
  },
  {
    name: 'Friday’s digest sent: Monday’s next, none at the weekend',
    schedules: [london],
    since: '2026-06-12T07:30:00Z',
    now: '2026-06-12T10:00:00Z',
    overdue: null,
    next: '2026-06-15T07:30:00.000Z',
  },
  {
    name: 'a day off of every client is skipped',
    schedules: [off(london, [dates('2026-06-15', '2026-06-16')])],
    since: '2026-06-12T07:30:00Z',
    now: '2026-06-12T10:00:00Z',
    overdue: null,
    next: '2026-06-17T07:30:00.000Z',
  },
  {
    name: 'a day off that keeps a check-in is still a day off',
    schedules: [off(london, [dates('2026-06-15', '2026-06-15', ['12:00'])])],
    since: '2026-06-12T07:30:00Z',
    now: '2026-06-12T10:00:00Z',
    overdue: null,
    next: '2026-06-16T07:30:00.000Z',
  },
  {
    name: 'one client off, another working: the other’s first moment',
    schedules: [off(london, [dates('2026-06-15', '2026-06-15')]), newYork],
    since: '2026-06-12T07:30:00Z',
    now: '2026-06-12T10:00:00Z',
    overdue: null,
    // 09:00 in New York (EDT) is 14:00 in London (BST).
    next: '2026-06-15T13:00:00.000Z',
  },
  {
    name: 'the earliest moment over clients in several zones',
    schedules: [
      newYork,
      buildSchedule({ timeZone: 'Europe/London', hours: { 3: ['10:00-12:00'] } }),
    ],
    since: '2026-06-09T13:00:00Z',
    now: '2026-06-09T20:00:00Z',
    overdue: null,
    next: '2026-06-10T09:00:00.000Z',
  },
  {
    name: 'a client far ahead: Tokyo’s Monday 09:00 is Monday 01:00 in London',
    schedules: [tokyo],
    since: '2026-06-12T00:00:00Z',
    now: '2026-06-12T10:00:00Z',
    overdue: null,
    next: '2026-06-15T00:00:00.000Z',
  },
  {
    name: 'a check-in inside an absence does not count; the hours start after it',
    schedules: [off(london, [span('2026-06-10T08:00:00+01:00', '2026-06-10T09:45:00+01:00')])],
    since: '2026-06-09T07:30:00Z',
    now: '2026-06-10T06:00:00Z',
    overdue: null,
    next: '2026-06-10T08:45:00.000Z',
  },
  {
    name: 'a night shift: the day it starts',
    schedules: [mondayNights],
    since: '2026-06-08T21:00:00Z',
    now: '2026-06-09T10:00:00Z',
    overdue: null,
    next: '2026-06-15T21:00:00.000Z',
  },
  {
    name: 'at HH:MM: that time on working days only',
    schedules: [london],
    at: toMinutes('07:00'),
    since: '2026-06-12T06:00:00Z',
    now: '2026-06-12T10:00:00Z',
    overdue: null,
    next: '2026-06-15T06:00:00.000Z',
  },
  {
    name: 'the daemon was down for days: the latest missed digest is overdue, once',
    schedules: [london],
    since: '2026-06-08T07:30:00Z',
    now: '2026-06-11T12:00:00Z',
    overdue: '2026-06-11T07:30:00.000Z',
    next: '2026-06-12T07:30:00.000Z',
  },
  {
    name: 'no client has any hours: nothing',
    schedules: [buildSchedule({ timeZone: 'Europe/London' })],
    since: '2026-06-08T07:30:00Z',
    now: '2026-06-11T12:00:00Z',
    overdue: null,
    next: null,
  },
  {
    name: 'no clients: nothing',
    schedules: [],
    since: '2026-06-08T07:30:00Z',
    now: '2026-06-11T12:00:00Z',
    overdue: null,
    next: null,
  },
  // DST: New York moves on 8 March 2026, London on 29 March.
  {
    name: 'DST: a New York client seen from London, before both changes',
    schedules: [newYork],
    since: '2026-03-05T14:00:00Z',
    now: '2026-03-05T20:00:00Z',
    overdue: null,
    next: '2026-03-06T14:00:00.000Z',
  },
  {
    name: 'DST: between the changes New York’s 09:00 is 13:00 in London',
    schedules: [newYork],
    since: '2026-03-06T14:00:00Z',
    now: '2026-03-06T20:00:00Z',
    overdue: null,
    next: '2026-03-09T13:00:00.000Z',
  },
  {
    name: 'DST: 07:00 in London is 07:00Z on Friday, 06:00Z after the spring change',
    schedules: [london],
    at: toMinutes('07:00'),
    since: '2026-03-27T07:00:00Z',
    now: '2026-03-27T12:00:00Z',
    overdue: null,
    next: '2026-03-30T06:00:00.000Z',
  },
  {
    name: 'DST: 01:30 does not exist on 29 March in London: it moves forward by the gap',
    schedules: [sundays],
    at: toMinutes('01:30'),
    since: '2026-03-22T01:30:00Z',
    now: '2026-03-22T12:00:00Z',
    overdue: null,
    next: '2026-03-29T01:30:00.000Z',
  },
  {
    name: 'DST: 01:30 happens twice on 25 October in London: the first time',
    schedules: [sundays],
    at: toMinutes('01:30'),
    since: '2026-10-18T00:30:00Z',
    now: '2026-10-18T12:00:00Z',
    overdue: null,
    next: '2026-10-25T00:30:00.000Z',
  },
  {
    name: 'the VA in Auckland: London’s Friday 20:00 check-in is her Saturday 07:00',
    schedules: [london],
    timeZone: 'Pacific/Auckland',
    since: '2026-06-12T07:30:00Z',
    now: '2026-06-12T10:00:00Z',
    overdue: null,
    next: '2026-06-12T19:00:00.000Z',
  },
  {
    name: 'the VA in Auckland: London’s Monday 08:30 is her Monday 19:30',
    schedules: [londonMornings],
    timeZone: 'Pacific/Auckland',
    since: '2026-06-12T07:30:00Z',
    now: '2026-06-12T10:00:00Z',
    overdue: null,
    next: '2026-06-15T07:30:00.000Z',
  },
];

describe('planDigest', () => {
  it.each(cases)('$name', (entry) => {
    const plan = planDigest({
      timeZone: entry.timeZone ?? 'Europe/London',
      schedules: entry.schedules,
      at: entry.at ?? 'first-check-in',
      since: new Date(entry.since),
      now: new Date(entry.now),
    });
    expect({
      overdue: plan.overdue?.toISOString() ?? null,
      next: plan.next?.toISOString() ?? null,
    }).toEqual({ overdue: entry.overdue, next: entry.next });
  });

  it.each([
    ['a digest instant', '2026-06-11T07:30:00Z', true],
    ['an hour after it', '2026-06-11T08:30:00Z', false],
    ['a Saturday', '2026-06-13T07:30:00Z', false],
  ])(
    'tells whether %s is still a digest instant (the stale-job check)',
    (_name, instant, expected) => {
      const dueAt = new Date(instant);
      const plan = planDigest({
        timeZone: 'Europe/London',
        schedules: [london],
        at: 'first-check-in',
        since: new Date(dueAt.getTime() - 1),
        now: dueAt,
      });
      expect(plan.overdue?.getTime() === dueAt.getTime()).toBe(expected);
    },
  );
});
