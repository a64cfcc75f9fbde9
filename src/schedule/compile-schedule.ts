import { DateTime } from 'luxon';
import { OffhoursError } from '../errors/offhours-error.js';
import type { ClientSchedule, WallInterval, Weekday } from './client-schedule.js';
import { createZoneCalendar, type ZoneCalendar } from './create-zone-calendar.js';
import { requireLocalDate } from './parse-local-date.js';
import { readCivilDate, type CivilDate } from './read-civil-date.js';

/** What one local day holds: the check-ins that apply and the working intervals starting on it. */
export interface DayPlan {
  readonly dayOff: boolean;
  /** Empty on a day off or a weekday without hours. */
  readonly intervals: readonly WallInterval[];
  /** schedule.checkIns on a working day, the day off's own check-ins on a day off, else none. */
  readonly checkIns: readonly number[];
}

export interface CompiledSchedule {
  readonly calendar: ZoneCalendar;
  planDay(day: number): DayPlan;
  isInAbsence(ms: number): boolean;
  /** The first instant at or after `ms` that no absence covers. */
  skipAbsences(ms: number): number;
  /** Where the first absence starting after `ms` starts; +Infinity when none does. */
  findAbsenceStartAfter(ms: number): number;
}

interface DateRangeOff {
  readonly from: number;
  readonly to: number;
  readonly checkIns: readonly number[];
}

interface Span {
  readonly start: number;
  readonly end: number;
}

const compiled = new WeakMap<ClientSchedule, CompiledSchedule>();
const weekdays: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
/** A weekday without hours that is not a day off: nothing happens on it. */
const restDay: DayPlan = { dayOff: false, intervals: [], checkIns: [] };

/**
 * Turns a schedule's strings into numbers once, so each call of the hot functions is a few
 * integer comparisons per day. Memoised on the schedule object, which the config loader
 * replaces (never mutates) on reload.
 */
export function compileSchedule(schedule: ClientSchedule): CompiledSchedule {
  const known = compiled.get(schedule);
  if (known !== undefined) return known;

  const calendar = createZoneCalendar(schedule.timeZone);
  const checkIns = sortNumbers(schedule.checkIns);
  const workingPlans = new Map<Weekday, DayPlan>();
  for (const weekday of weekdays) {
    const intervals = [...(schedule.hours[weekday] ?? [])].sort((a, b) => a.start - b.start);
    workingPlans.set(
      weekday,
      intervals.length > 0 ? { dayOff: false, intervals, checkIns } : restDay,
    );
  }

  const ranges: DateRangeOff[] = [];
  const yearly = new Map<number, readonly number[]>();
  const spans: Span[] = [];
  for (const dayOff of schedule.daysOff) {
    switch (dayOff.kind) {
      case 'dates':
        ranges.push({
          from: requireLocalDate(dayOff.from, 'day off'),
          to: requireLocalDate(dayOff.to, 'day off'),
          checkIns: sortNumbers(dayOff.checkIns),
        });
        break;
      case 'yearly': {
        // 2028 is a leap year, so '02-29' parses; it then only ever matches a real 29 February.
        const day = readCivilDate(requireLocalDate(`2028-${dayOff.monthDay}`, 'yearly day off'));
        const key = day.month * 100 + day.day;
        yearly.set(key, mergeCheckIns(yearly.get(key), sortNumbers(dayOff.checkIns)));
        break;
      }
      case 'span': {
        const start = parseSpanInstant(dayOff.start, schedule.timeZone);
        const end = parseSpanInstant(dayOff.end, schedule.timeZone);
        if (end > start) spans.push({ start, end });
        break;
      }
      default:
        dayOff satisfies never;
    }
  }
  spans.sort((a, b) => a.start - b.start);

  const findDayOffCheckIns = (day: number, date: CivilDate): readonly number[] | undefined => {
    let found: readonly number[] | undefined;
    for (const range of ranges) {
      if (day >= range.from && day <= range.to) found = mergeCheckIns(found, range.checkIns);
    }
    const yearlyCheckIns = yearly.get(date.month * 100 + date.day);
    return yearlyCheckIns === undefined ? found : mergeCheckIns(found, yearlyCheckIns);
  };

  const skipAbsences = (ms: number): number => {
    let at = ms;
    // Sorted by start, so once a span starts after `at`, every later one does too.
    for (const span of spans) {
      if (span.start > at) break;
      if (span.end > at) at = span.end;
    }
    return at;
  };

  const result: CompiledSchedule = {
    calendar,
    planDay(day) {
      const date = readCivilDate(day);
      const dayOffCheckIns = findDayOffCheckIns(day, date);
      if (dayOffCheckIns !== undefined) {
        return { dayOff: true, intervals: [], checkIns: dayOffCheckIns };
      }
      return workingPlans.get(date.weekday) ?? restDay;
    },
    isInAbsence: (ms) => skipAbsences(ms) !== ms,
    skipAbsences,
    findAbsenceStartAfter: (ms) =>
      spans.find((span) => span.start > ms)?.start ?? Number.POSITIVE_INFINITY,
  };
  compiled.set(schedule, result);
  return result;
}

function sortNumbers(values: readonly number[]): readonly number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * Several days off can fall on one date; the VA then keeps every check-in any of them lists.
 * Both lists are sorted already.
 */
function mergeCheckIns(
  known: readonly number[] | undefined,
  more: readonly number[],
): readonly number[] {
  if (known === undefined) return more;
  return sortNumbers([...new Set([...known, ...more])]);
}

/** An absence without an offset is read in the client's zone, never the machine's. */
function parseSpanInstant(text: string, timeZone: string): number {
  const instant = DateTime.fromISO(text, { zone: timeZone });
  if (!instant.isValid) {
    throw new OffhoursError('CONFIG_INVALID', `"${text}" is not an ISO date-time.`, {
      details: { value: text, reason: instant.invalidExplanation },
    });
  }
  return instant.toMillis();
}
