import { createZoneCalendar } from './create-zone-calendar.js';
import { describeLocalDate } from './describe-local-date.js';
import { formatMinutes } from './format-minutes.js';
import type { Absence } from './list-absences.js';
import { readCivilDate } from './read-civil-date.js';
import { readInstant } from './read-instant.js';

/**
 * When an absence is, for people, on the client's wall clock: whole days as dates ("on
 * Thursday 24 December", "from Thursday 24 December to Monday 28 December"), other ends
 * with their time ("on Friday 4 December from 13:00 to 15:00", "from Friday 4 December at
 * 13:00 to Monday 7 December"). Dates carry the year when it is not now's year there.
 */
export function describeAbsence(absence: Absence, timeZone: string, now: Date): string {
  const calendar = createZoneCalendar(timeZone);
  const startMs = readInstant(absence.start);
  const endMs = readInstant(absence.end);
  const start = calendar.readLocal(startMs);
  const end = calendar.readLocal(endMs);
  // Midnight is tested as an instant: where a DST change skips 00:00, a day starts at 01:00.
  const startsAtMidnight = calendar.resolveWallTime(start.day, 0) === startMs;
  const endsAtMidnight = calendar.resolveWallTime(end.day, 0) === endMs;
  const thisYear = readCivilDate(calendar.readLocal(readInstant(now)).day).year;
  const date = (day: number): string =>
    describeLocalDate(day, readCivilDate(day).year !== thisYear);
  const lastDay = endsAtMidnight ? end.day - 1 : end.day;

  if (startsAtMidnight && endsAtMidnight)
    return start.day === lastDay
      ? `on ${date(start.day)}`
      : `from ${date(start.day)} to ${date(lastDay)}`;
  if (!startsAtMidnight && !endsAtMidnight && start.day === end.day)
    return `on ${date(start.day)} from ${formatMinutes(start.minute)} to ${formatMinutes(end.minute)}`;
  const from = startsAtMidnight
    ? date(start.day)
    : `${date(start.day)} at ${formatMinutes(start.minute)}`;
  const to = endsAtMidnight ? date(lastDay) : `${date(end.day)} at ${formatMinutes(end.minute)}`;
  return `from ${from} to ${to}`;
}
