import type { ClientSchedule } from './client-schedule.js';
import { compileSchedule } from './compile-schedule.js';
import { readInstant } from './read-instant.js';

/**
 * The instant at which `durationMs` of the VA's working time for this client has passed,
 * counting from `from`: the reply-time promise's due time. The clock runs only inside
 * working intervals (on working days that are not days off, outside timed absences), so a
 * message that arrives out of hours starts its clock at the next working interval, and
 * what is left at an interval's end carries over to the next one.
 *
 * Working time is real elapsed time: an interval keeps its wall times on a DST day
 * (checkAvailability's rules), so 00:00-04:00 on a fall-back night holds five hours and on
 * a spring-forward night three. Intervals that overlap (Monday's 22:00-02:00 and Tuesday's
 * 01:00-03:00) count once. A duration of 0 gives the first working instant at or after
 * `from`. null when the duration is not used up within `horizonDays` local days.
 */
export function addWorkingTime(
  schedule: ClientSchedule,
  from: Date,
  durationMs: number,
  horizonDays = 732,
): Date | null {
  const fromMs = readInstant(from);
  const compiled = compileSchedule(schedule);
  const { calendar } = compiled;
  const { day: today } = calendar.readLocal(fromMs);
  let remaining = Math.max(0, durationMs);
  // Everything before the cursor is counted (or is before `from`): overlaps count once.
  let cursor = fromMs;

  // Start yesterday: an interval that began then may cross midnight and still be running.
  for (let day = today - 1; day <= today + horizonDays; day += 1) {
    for (const interval of compiled.planDay(day).intervals) {
      const end = calendar.resolveWallTime(day, interval.end);
      let start = Math.max(cursor, calendar.resolveWallTime(day, interval.start));
      while (start < end) {
        start = compiled.skipAbsences(start);
        if (start >= end) break;
        const stop = Math.min(end, compiled.findAbsenceStartAfter(start));
        if (stop - start >= remaining) return new Date(start + remaining);
        remaining -= stop - start;
        start = stop;
      }
      cursor = Math.max(cursor, end);
    }
  }
  return null;
}
