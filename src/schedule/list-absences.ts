import type { ClientSchedule } from './client-schedule.js';
import { compileSchedule } from './compile-schedule.js';
import { findResumeAt } from './find-resume-at.js';
import { readInstant } from './read-instant.js';

/** A stretch of time the VA is away from one client: [start, end), instants. */
export interface Absence {
  readonly start: Date;
  readonly end: Date;
}

interface Period {
  start: number;
  end: number;
}

/** How far back an absence under way is looked for, so it is never taken for a new one. */
const lookbackDays = 31;
/** How far an absence may reach beyond its first day before it is cut (its end then). */
const maxLengthDays = 366;

const withoutDaysOff = new WeakMap<ClientSchedule, ClientSchedule>();

/**
 * The absences from one client that start after `now` and no later than the end of
 * the local day `days` days after today, in the client's zone, in order. An absence is a
 * run of days off (each a whole local day) and timed absences (ICS events with times)
 * that touch, or between which the VA does not come back (findResumeAt: no working
 * interval and no check-in in the gap, like a weekend between a Friday and a Monday off).
 * Only absences that take working time count: a day off on a day the client has no hours
 * and no check-in is no news to anyone.
 *
 * An absence under way at `now` is not listed, even where more of it lies ahead: it began
 * before now, and it is recognised as one run as long as it began within the last month.
 */
export function listAbsences(schedule: ClientSchedule, now: Date, days: number): Absence[] {
  const ms = readInstant(now);
  const compiled = compileSchedule(schedule);
  const { calendar } = compiled;
  const today = calendar.readLocal(ms).day;
  const firstDay = today - lookbackDays;
  const lastStart = calendar.resolveWallTime(today + days + 1, 0);
  const scanEnd = calendar.resolveWallTime(today + days + 1 + maxLengthDays, 0);

  const periods: Period[] = [];
  for (let day = firstDay; day <= today + days + maxLengthDays; day += 1) {
    if (compiled.planDay(day).dayOff)
      periods.push({
        start: calendar.resolveWallTime(day, 0),
        end: calendar.resolveWallTime(day + 1, 0),
      });
  }
  let cursor = calendar.resolveWallTime(firstDay, 0);
  if (compiled.isInAbsence(cursor)) {
    const end = compiled.skipAbsences(cursor);
    periods.push({ start: cursor, end });
    cursor = end;
  }
  for (;;) {
    const start = compiled.findAbsenceStartAfter(cursor);
    if (start >= scanEnd) break;
    cursor = compiled.skipAbsences(start);
    periods.push({ start, end: cursor });
  }
  periods.sort((a, b) => a.start - b.start);

  const absences: Period[] = [];
  let current: Period | null = null;
  for (const period of periods) {
    if (current !== null && isJoined(schedule, current, period)) {
      current.end = Math.max(current.end, period.end);
      continue;
    }
    if (current !== null) absences.push(current);
    if (period.start >= lastStart) {
      current = null;
      break;
    }
    current = { ...period };
  }
  if (current !== null) absences.push(current);

  const plain = readWithoutDaysOff(schedule);
  return absences
    .filter((absence) => absence.start > ms && absence.start < lastStart)
    .filter((absence) => takesWorkingTime(plain, absence))
    .map((absence) => ({ start: new Date(absence.start), end: new Date(absence.end) }));
}

/** Whether `next` belongs to the absence `current`: they touch, or the VA is not back between. */
function isJoined(schedule: ClientSchedule, current: Period, next: Period): boolean {
  if (next.start <= current.end) return true;
  const resume = findResumeAt(schedule, new Date(current.end));
  return resume === null || resume.getTime() >= next.start;
}

/** Whether the VA would have worked or checked in during the absence, were it not one. */
function takesWorkingTime(plain: ClientSchedule, absence: Period): boolean {
  const resume = findResumeAt(plain, new Date(absence.start));
  return resume !== null && resume.getTime() < absence.end;
}

function readWithoutDaysOff(schedule: ClientSchedule): ClientSchedule {
  let plain = withoutDaysOff.get(schedule);
  if (plain === undefined) {
    plain = { ...schedule, daysOff: [] };
    withoutDaysOff.set(schedule, plain);
  }
  return plain;
}
