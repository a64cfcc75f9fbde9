import type { QuietHours } from './client-schedule.js';
import { createZoneCalendar } from './create-zone-calendar.js';
import { readWeekday } from './read-civil-date.js';
import { readInstant } from './read-instant.js';

/**
 * Whether `at` falls inside one of a backup's quiet intervals, read on the wall clock of
 * the backup's zone. As with working hours, an interval belongs to the day it starts on
 * (a Friday 22:00-07:00 runs into Saturday morning) and keeps its wall times across a DST
 * change, so it is an hour shorter or longer that night. No quiet hours: never quiet.
 */
export function isInQuietHours(quiet: QuietHours | undefined, at: Date): boolean {
  if (quiet === undefined) return false;
  const ms = readInstant(at);
  const calendar = createZoneCalendar(quiet.timeZone);
  const { day } = calendar.readLocal(ms);
  // Only yesterday's intervals can cross midnight into today.
  return [day - 1, day].some((startDay) =>
    (quiet.hours[readWeekday(startDay)] ?? []).some(
      (interval) =>
        calendar.resolveWallTime(startDay, interval.start) <= ms &&
        ms < calendar.resolveWallTime(startDay, interval.end),
    ),
  );
}
