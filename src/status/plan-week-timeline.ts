import type { ClientSchedule } from '../schedule/client-schedule.js';
import { compileSchedule } from '../schedule/compile-schedule.js';
import { createZoneCalendar, type ZoneCalendar } from '../schedule/create-zone-calendar.js';
import { describeLocalDate } from '../schedule/describe-local-date.js';
import { formatLocalStamp } from '../schedule/format-local-stamp.js';
import { readCivilDate } from '../schedule/read-civil-date.js';
import { describeShortDate } from './describe-when.js';
import { nameTimeZone } from './name-time-zone.js';

/** A stretch of time on the timeline, with the words a tooltip shows. ISO instants. */
export interface TimelineSpan {
  readonly start: string;
  readonly end: string;
  readonly label: string;
}

export interface TimelineDay {
  readonly start: string;
  readonly end: string;
  /** "Mon 23" */
  readonly label: string;
  readonly weekend: boolean;
}

/**
 * One client's week on the VA's clock: local days of the VA's zone from today's midnight,
 * and in them the client's working intervals, check-ins, days off and timed absences (each
 * read in the client's own zone), and now. On a DST day the day is 23 or 25 real hours long.
 */
export interface WeekTimeline {
  readonly from: string;
  readonly to: string;
  readonly now: string;
  readonly days: readonly TimelineDay[];
  readonly working: readonly TimelineSpan[];
  readonly checkIns: readonly { readonly at: string; readonly label: string }[];
  readonly daysOff: readonly TimelineSpan[];
  readonly absences: readonly TimelineSpan[];
}

/**
 * The week timeline of a schedule, from local midnight of `now`'s day in `axisTimeZone` (the
 * VA's) for `dayCount` local days. Intervals follow the schedule functions (they belong to
 * the day they start, a day off cancels them, gap times move forward), clipped to the week;
 * check-ins inside an absence are left out, as findResumeAt skips them. Pure.
 */
export function planWeekTimeline(
  schedule: ClientSchedule,
  axisTimeZone: string,
  now: Date,
  dayCount = 7,
): WeekTimeline {
  const axis = createZoneCalendar(axisTimeZone);
  const today = axis.readLocal(now.getTime()).day;
  const fromMs = axis.resolveWallTime(today, 0);
  const toMs = axis.resolveWallTime(today + dayCount, 0);
  const days: TimelineDay[] = [];
  for (let index = 0; index < dayCount; index += 1) {
    const day = today + index;
    const date = readCivilDate(day);
    days.push({
      start: iso(axis.resolveWallTime(day, 0)),
      end: iso(axis.resolveWallTime(day + 1, 0)),
      label: `${describeShortDate(day).split(' ')[0] ?? ''} ${date.day}`,
      weekend: date.weekday >= 6,
    });
  }

  const compiled = compileSchedule(schedule);
  const { calendar } = compiled;
  const both = describeBothClocks(calendar, axisTimeZone);
  const working: TimelineSpan[] = [];
  const checkIns: { at: string; label: string }[] = [];
  const daysOff: TimelineSpan[] = [];
  const firstDay = calendar.readLocal(fromMs).day - 1;
  const lastDay = calendar.readLocal(toMs).day;
  for (let day = firstDay; day <= lastDay; day += 1) {
    const plan = compiled.planDay(day);
    if (plan.dayOff) {
      const start = Math.max(fromMs, calendar.resolveWallTime(day, 0));
      const end = Math.min(toMs, calendar.resolveWallTime(day + 1, 0));
      if (start < end) {
        const label = `Day off: ${describeLocalDate(day, false)}`;
        const previous = daysOff[daysOff.length - 1];
        if (previous !== undefined && Date.parse(previous.end) === start)
          daysOff[daysOff.length - 1] = { ...previous, end: iso(end) };
        else daysOff.push({ start: iso(start), end: iso(end), label });
      }
    }
    for (const interval of plan.intervals) {
      const start = calendar.resolveWallTime(day, interval.start);
      const end = calendar.resolveWallTime(day, interval.end);
      if (end <= fromMs || start >= toMs) continue;
      working.push({
        start: iso(Math.max(fromMs, start)),
        end: iso(Math.min(toMs, end)),
        label: `Working ${both(start, end)}`,
      });
    }
    for (const minute of plan.checkIns) {
      const at = calendar.resolveWallTime(day, minute);
      if (at < fromMs || at >= toMs || compiled.isInAbsence(at)) continue;
      checkIns.push({ at: iso(at), label: `Check-in ${both(at, null)}` });
    }
  }

  const absences: TimelineSpan[] = [];
  let cursor = fromMs;
  if (compiled.isInAbsence(cursor)) {
    const end = compiled.skipAbsences(cursor);
    absences.push({ start: iso(cursor), end: iso(Math.min(toMs, end)), label: '' });
    cursor = end;
  }
  while (cursor < toMs) {
    const start = compiled.findAbsenceStartAfter(cursor - 1);
    if (start >= toMs) break;
    const end = compiled.skipAbsences(start);
    absences.push({ start: iso(start), end: iso(Math.min(toMs, end)), label: '' });
    cursor = end;
  }

  return {
    from: iso(fromMs),
    to: iso(toMs),
    now: now.toISOString(),
    days,
    working: working.sort((a, b) => a.start.localeCompare(b.start)),
    checkIns: checkIns.sort((a, b) => a.at.localeCompare(b.at)),
    daysOff,
    absences: absences.map((span) => ({
      ...span,
      label: `Away ${both(Date.parse(span.start), Date.parse(span.end))}`,
    })),
  };
}

/**
 * "09:00–17:00 New York time (14:00–22:00 your time)", or one clock when both zones agree
 * on it; `end` null for an instant.
 */
function describeBothClocks(
  calendar: ZoneCalendar,
  axisTimeZone: string,
): (start: number, end: number | null) => string {
  const clock = (timeZone: string, start: number, end: number | null): string => {
    const from = formatLocalStamp(new Date(start), timeZone, { timeOnly: true });
    return end === null
      ? from
      : `${from}–${formatLocalStamp(new Date(end), timeZone, { timeOnly: true })}`;
  };
  return (start, end) => {
    const own = clock(calendar.timeZone, start, end);
    const theirs = clock(axisTimeZone, start, end);
    const ownDay = describeShortDate(calendar.readLocal(start).day);
    if (calendar.timeZone === axisTimeZone || own === theirs) return `${ownDay} ${own}`;
    return `${ownDay} ${own} ${nameTimeZone(calendar.timeZone)} time (${theirs} your time)`;
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
