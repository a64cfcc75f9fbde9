import type { ClientSchedule } from './client-schedule.js';
import { compileSchedule } from './compile-schedule.js';
import { readInstant } from './read-instant.js';

const msPerDay = 86_400_000;
/** No zone is more than 14 hours ahead of UTC, so no wall time of a day resolves earlier. */
const maxAheadMs = 14 * 3_600_000;

/**
 * The next moment, at or after `at`, that the VA looks at this client's mail: `at` itself
 * when inside working hours, else the earliest of the next check-in that applies (working
 * days: schedule.checkIns; days off: only their own check-ins; other days: none; none inside
 * an absence) and the next start of working hours (skipping days off; when an absence
 * covers the start, the absence's end if it is still inside the interval).
 *
 * null when nothing happens within `horizonDays` local days: the client is never available.
 * Wall times follow checkAvailability: gap times move forward, ambiguous ones are earlier.
 */
export function findResumeAt(schedule: ClientSchedule, at: Date, horizonDays = 732): Date | null {
  const ms = readInstant(at);
  const compiled = compileSchedule(schedule);
  const { calendar } = compiled;
  const { day: today } = calendar.readLocal(ms);

  let best = Number.POSITIVE_INFINITY;
  // Start yesterday: an interval that began then may cross midnight and still be running.
  for (let day = today - 1; day <= today + horizonDays; day += 1) {
    if (day * msPerDay - maxAheadMs > best) break;
    const plan = compiled.planDay(day);
    for (const checkIn of plan.checkIns) {
      const instant = calendar.resolveWallTime(day, checkIn);
      if (instant >= ms && instant < best && !compiled.isInAbsence(instant)) best = instant;
    }
    for (const interval of plan.intervals) {
      const end = calendar.resolveWallTime(day, interval.end);
      if (end <= ms) continue;
      const start = compiled.skipAbsences(
        Math.max(ms, calendar.resolveWallTime(day, interval.start)),
      );
      if (start < end && start < best) best = start;
    }
  }
  return best === Number.POSITIVE_INFINITY ? null : new Date(best);
}
