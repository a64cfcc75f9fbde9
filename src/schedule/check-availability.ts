import type { ClientSchedule } from './client-schedule.js';
import { compileSchedule } from './compile-schedule.js';
import { readWeekday } from './read-civil-date.js';
import { readInstant } from './read-instant.js';

export type AvailabilityReason =
  | 'AVAILABLE_IN_HOURS'
  | 'UNAVAILABLE_OUTSIDE_HOURS'
  | 'UNAVAILABLE_NOT_WORKING_DAY'
  | 'UNAVAILABLE_DAY_OFF'
  | 'UNAVAILABLE_ABSENCE';

export interface Availability {
  readonly available: boolean;
  readonly reason: AvailabilityReason;
}

/**
 * Whether the VA works for this client at `at`.
 *
 * Intervals are wall-clock times on the day they START (22:00-02:00 on Friday runs into
 * Saturday and is cancelled by a day off on Friday). On DST days an interval keeps its wall
 * times, so it has fewer or more real hours: a wall time in a spring-forward gap moves
 * forward by the gap (02:30 becomes 03:30), and an ambiguous fall-back wall time is its
 * EARLIER occurrence (01:00-01:30 on a fall-back day is the first 01:00-01:30 only).
 *
 * When unavailable, the reason is the first that holds of: day off (the local date, or the
 * start day of an interval covering `at`), absence, no hours that weekday, outside hours.
 */
export function checkAvailability(schedule: ClientSchedule, at: Date): Availability {
  const ms = readInstant(at);
  const compiled = compileSchedule(schedule);
  const { calendar } = compiled;
  const { day } = calendar.readLocal(ms);

  let insideDayOffInterval = false;
  let insideWorkingInterval = false;
  // Only yesterday's intervals can cross midnight into today.
  for (const startDay of [day - 1, day]) {
    const weekdayIntervals = schedule.hours[readWeekday(startDay)] ?? [];
    if (weekdayIntervals.length === 0) continue;
    const covering = weekdayIntervals.some(
      (interval) =>
        calendar.resolveWallTime(startDay, interval.start) <= ms &&
        ms < calendar.resolveWallTime(startDay, interval.end),
    );
    if (!covering) continue;
    if (compiled.planDay(startDay).dayOff) insideDayOffInterval = true;
    else insideWorkingInterval = true;
  }

  const inAbsence = compiled.isInAbsence(ms);
  if (insideWorkingInterval && !inAbsence) return { available: true, reason: 'AVAILABLE_IN_HOURS' };
  const today = compiled.planDay(day);
  if (today.dayOff || insideDayOffInterval) return unavailable('UNAVAILABLE_DAY_OFF');
  if (inAbsence) return unavailable('UNAVAILABLE_ABSENCE');
  if (today.intervals.length === 0) return unavailable('UNAVAILABLE_NOT_WORKING_DAY');
  return unavailable('UNAVAILABLE_OUTSIDE_HOURS');
}

function unavailable(reason: Exclude<AvailabilityReason, 'AVAILABLE_IN_HOURS'>): Availability {
  return { available: false, reason };
}
