import type { ClientSchedule, WallInterval, Weekday } from './client-schedule.js';
import { compileSchedule } from './compile-schedule.js';
import type { ZoneCalendar } from './create-zone-calendar.js';
import { describeLocalDate } from './describe-local-date.js';
import { formatMinutes } from './format-minutes.js';
import { readInstant } from './read-instant.js';

export interface ScheduleWarning {
  readonly code: 'CHECKIN_IN_DST_GAP' | 'INTERVALS_OVERLAP';
  readonly message: string;
}

const weekdayNames: Readonly<Record<Weekday, string>> = {
  1: 'Monday',
  2: 'Tuesday',
  3: 'Wednesday',
  4: 'Thursday',
  5: 'Friday',
  6: 'Saturday',
  7: 'Sunday',
};

/**
 * Things in a schedule that are legal but probably not what the VA meant, for `check`:
 * working intervals that overlap on a weekday (or run past midnight into the next day's
 * first interval), and, on the local dates from `from` to `from + days`, check-ins or
 * interval boundaries whose wall time does not exist because the clocks go forward. Only
 * check-ins and intervals that apply on that date are reported (a working-day check-in on
 * a Sunday without hours never happens, so its gap does not matter).
 */
export function findScheduleWarnings(
  schedule: ClientSchedule,
  from: Date,
  days: number,
): ScheduleWarning[] {
  return [...findOverlaps(schedule), ...findGaps(schedule, readInstant(from), days)];
}

function findOverlaps(schedule: ClientSchedule): ScheduleWarning[] {
  const warnings: ScheduleWarning[] = [];
  for (const weekday of [1, 2, 3, 4, 5, 6, 7] as const) {
    const intervals = sortIntervals(schedule.hours[weekday]);
    intervals.forEach((interval, index) => {
      for (const later of intervals.slice(index + 1)) {
        if (later.start < interval.end) {
          warnings.push({
            code: 'INTERVALS_OVERLAP',
            message: `working hours on ${weekdayNames[weekday]} overlap: ${formatInterval(interval)} and ${formatInterval(later)}`,
          });
        }
      }
    });
    const nextWeekday = ((weekday % 7) + 1) as Weekday;
    for (const interval of intervals.filter((candidate) => candidate.end > 1440)) {
      for (const next of sortIntervals(schedule.hours[nextWeekday])) {
        if (next.start < interval.end - 1440) {
          warnings.push({
            code: 'INTERVALS_OVERLAP',
            message: `working hours ${formatInterval(interval)} on ${weekdayNames[weekday]} run into ${formatInterval(next)} on ${weekdayNames[nextWeekday]}`,
          });
        }
      }
    }
  }
  return warnings;
}

function findGaps(schedule: ClientSchedule, from: number, days: number): ScheduleWarning[] {
  const compiled = compileSchedule(schedule);
  const { calendar } = compiled;
  const firstDay = calendar.readLocal(from).day;
  const lastDay = firstDay + days;
  const warnings: ScheduleWarning[] = [];
  const warnIfMissing = (
    day: number,
    minute: number,
    describe: (date: string, moved: string) => string,
  ): void => {
    if (day < firstDay || day > lastDay) return;
    const moved = findMovedWallTime(calendar, day, minute);
    if (moved !== undefined) {
      warnings.push({
        code: 'CHECKIN_IN_DST_GAP',
        message: describe(describeLocalDate(day, true), moved),
      });
    }
  };

  // From the day before: an interval starting then can end inside a gap on the first day.
  for (let day = firstDay - 1; day <= lastDay; day += 1) {
    const plan = compiled.planDay(day);
    for (const checkIn of plan.checkIns) {
      const time = formatMinutes(checkIn);
      warnIfMissing(
        day,
        checkIn,
        (date, moved) =>
          `check-in ${time} does not exist on ${date} (clocks go forward); it will happen at ${moved}`,
      );
    }
    for (const interval of plan.intervals) {
      const hours = formatInterval(interval);
      warnIfMissing(
        day,
        interval.start,
        (date, moved) =>
          `working hours ${hours} start at ${formatMinutes(interval.start)}, which does not exist on ${date} (clocks go forward); they will start at ${moved}`,
      );
      const endDay = day + Math.floor(interval.end / 1440);
      const endMinute = interval.end % 1440;
      warnIfMissing(
        endDay,
        endMinute,
        (date, moved) =>
          `working hours ${hours} end at ${formatMinutes(endMinute)}, which does not exist on ${date} (clocks go forward); they will end at ${moved}`,
      );
    }
  }
  return warnings;
}

/** The wall time a non-existent wall time becomes, or undefined when it exists. */
function findMovedWallTime(
  calendar: ZoneCalendar,
  day: number,
  minute: number,
): string | undefined {
  const local = calendar.readLocal(calendar.resolveWallTime(day, minute));
  if (local.day === day && local.minute === minute) return undefined;
  return formatMinutes(local.minute);
}

function sortIntervals(intervals: readonly WallInterval[] | undefined): WallInterval[] {
  return [...(intervals ?? [])].sort((a, b) => a.start - b.start);
}

function formatInterval(interval: WallInterval): string {
  return `${formatMinutes(interval.start)}-${formatMinutes(interval.end)}`;
}
