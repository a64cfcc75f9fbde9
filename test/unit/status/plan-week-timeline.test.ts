import { describe, expect, it } from 'vitest';
import { planWeekTimeline } from '../../../src/status/plan-week-timeline.js';
import { renderWeekTimeline } from '../../../src/status/render-week-timeline.js';
import { buildSchedule, dates, span, weekdaysNineToFive } from '../schedule/build-schedule.js';

/** The x attribute (percent) of every element of a class, in document order. */
function xsOf(svg: string, className: string): number[] {
  const pattern = new RegExp(`class="${className}" (?:x|x1|cx)="([\\d.-]+)%"`, 'g');
  return [...svg.matchAll(pattern)].map((match) => Number(match[1]));
}

describe('planWeekTimeline', () => {
  it('spring forward in London: the Sunday is 23 hours and Monday 09:00 BST sits where real time puts it', () => {
    // Saturday 28 March 2026, noon; clocks go forward at 01:00 UTC on Sunday 29 March.
    const london = buildSchedule({ timeZone: 'Europe/London', hours: weekdaysNineToFive });
    const timeline = planWeekTimeline(london, 'Europe/London', new Date('2026-03-28T12:00:00Z'));
    expect(timeline.from).toBe('2026-03-28T00:00:00.000Z');
    // Seven local days later is Saturday 4 April 00:00 BST: 167 real hours.
    expect(timeline.to).toBe('2026-04-03T23:00:00.000Z');
    expect(timeline.days.map((day) => day.label)).toEqual([
      'Sat 28',
      'Sun 29',
      'Mon 30',
      'Tue 31',
      'Wed 1',
      'Thu 2',
      'Fri 3',
    ]);
    expect(timeline.days[1]).toMatchObject({
      start: '2026-03-29T00:00:00.000Z',
      end: '2026-03-29T23:00:00.000Z',
      weekend: true,
    });
    expect(timeline.working[0]).toMatchObject({
      start: '2026-03-30T08:00:00.000Z',
      end: '2026-03-30T16:00:00.000Z',
      label: 'Working Mon 30 Mar 09:00–17:00',
    });
    expect(timeline.working).toHaveLength(5);

    const svg = renderWeekTimeline(timeline, 'London');
    // Monday starts 24 + 23 = 47 hours in; its 09:00 is 56 hours in, of 167.
    expect(xsOf(svg, 'tl-grid')[2]).toBeCloseTo((47 / 167) * 100, 3);
    expect(xsOf(svg, 'tl-work')[0]).toBeCloseTo((56 / 167) * 100, 3);
    expect(svg).toContain(`x="${Math.round((56 / 167) * 100 * 1000) / 1000}%"`);
    // The now-line: Saturday noon is 12 hours in.
    expect(xsOf(svg, 'tl-now')[0]).toBeCloseTo((12 / 167) * 100, 3);
  });

  it('fall back in New York, on a London axis: the 25-hour Sunday and the client’s hours moving on the VA’s clock', () => {
    // Friday 30 October 2026 in London (already GMT since 25 October); New York falls back on
    // Sunday 1 November, so its 09:00 is 13:00 London before and 14:00 after.
    const newYork = buildSchedule({ timeZone: 'America/New_York', hours: weekdaysNineToFive });
    const timeline = planWeekTimeline(newYork, 'Europe/London', new Date('2026-10-30T10:00:00Z'));
    expect(timeline.from).toBe('2026-10-30T00:00:00.000Z');
    expect(timeline.to).toBe('2026-11-06T00:00:00.000Z');
    const starts = timeline.working.map((span) => span.start);
    expect(starts).toEqual([
      '2026-10-30T13:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
      '2026-11-03T14:00:00.000Z',
      '2026-11-04T14:00:00.000Z',
      '2026-11-05T14:00:00.000Z',
    ]);
    expect(timeline.working[1]?.label).toBe(
      'Working Mon 2 Nov 09:00–17:00 New York time (14:00–22:00 your time)',
    );
    // The client's own 25-hour day: New York's Sunday 1 November from 04:00Z to 05:00Z next day.
    const fallBack = buildSchedule({
      timeZone: 'America/New_York',
      daysOff: [dates('2026-11-01', '2026-11-01')],
    });
    const off = planWeekTimeline(fallBack, 'America/New_York', new Date('2026-10-30T14:00:00Z'));
    expect(off.daysOff).toEqual([
      {
        start: '2026-11-01T04:00:00.000Z',
        end: '2026-11-02T05:00:00.000Z',
        label: 'Day off: Sunday 1 November',
      },
    ]);
    expect(off.days[2]).toMatchObject({
      start: '2026-11-01T04:00:00.000Z',
      end: '2026-11-02T05:00:00.000Z',
    });
  });

  it('days off cancel their intervals and keep their own check-ins; consecutive days off are one span', () => {
    const schedule = buildSchedule({
      timeZone: 'UTC',
      hours: weekdaysNineToFive,
      checkIns: ['08:30'],
      daysOff: [dates('2026-11-26', '2026-11-26'), dates('2026-11-27', '2026-11-27', ['11:00'])],
    });
    const timeline = planWeekTimeline(schedule, 'UTC', new Date('2026-11-25T20:00:00Z'));
    expect(timeline.daysOff).toEqual([
      {
        start: '2026-11-26T00:00:00.000Z',
        end: '2026-11-28T00:00:00.000Z',
        label: 'Day off: Thursday 26 November',
      },
    ]);
    expect(timeline.working.map((span) => span.start)).toEqual([
      '2026-11-25T09:00:00.000Z',
      '2026-11-30T09:00:00.000Z',
      '2026-12-01T09:00:00.000Z',
    ]);
    expect(timeline.checkIns.map((checkIn) => checkIn.at)).toEqual([
      '2026-11-25T08:30:00.000Z',
      '2026-11-27T11:00:00.000Z',
      '2026-11-30T08:30:00.000Z',
      '2026-12-01T08:30:00.000Z',
    ]);
  });

  it('absences are drawn, merged when they overlap, and check-ins inside them left out', () => {
    const schedule = buildSchedule({
      timeZone: 'UTC',
      hours: weekdaysNineToFive,
      checkIns: ['13:30'],
      daysOff: [
        span('2026-11-30T13:00:00Z', '2026-11-30T14:00:00Z'),
        span('2026-11-30T13:45:00Z', '2026-11-30T15:00:00Z'),
        // Running since before the week: drawn from its start.
        span('2026-11-20T00:00:00Z', '2026-11-25T10:00:00Z'),
      ],
    });
    const timeline = planWeekTimeline(schedule, 'UTC', new Date('2026-11-25T20:00:00Z'));
    expect(timeline.absences.map(({ start, end }) => [start, end])).toEqual([
      ['2026-11-25T00:00:00.000Z', '2026-11-25T10:00:00.000Z'],
      ['2026-11-30T13:00:00.000Z', '2026-11-30T15:00:00.000Z'],
    ]);
    expect(timeline.absences[1]?.label).toBe('Away Mon 30 Nov 13:00–15:00');
    expect(timeline.checkIns.map((checkIn) => checkIn.at)).not.toContain(
      '2026-11-30T13:30:00.000Z',
    );
    expect(timeline.checkIns.map((checkIn) => checkIn.at)).toContain('2026-11-25T13:30:00.000Z');
  });

  it('an interval crossing midnight into the week is clipped at its start', () => {
    const schedule = buildSchedule({ timeZone: 'UTC', hours: { 2: ['22:00-02:00'] } });
    // Wednesday 25 November: Tuesday's night shift runs into it.
    const timeline = planWeekTimeline(schedule, 'UTC', new Date('2026-11-25T01:00:00Z'));
    expect(timeline.working[0]).toMatchObject({
      start: '2026-11-25T00:00:00.000Z',
      end: '2026-11-25T02:00:00.000Z',
    });
    const svg = renderWeekTimeline(timeline, 'night');
    expect(xsOf(svg, 'tl-work')[0]).toBe(0);
  });
});
