import { createZoneCalendar } from './create-zone-calendar.js';
import { describeLocalDate } from './describe-local-date.js';
import { formatMinutes } from './format-minutes.js';
import { readCivilDate } from './read-civil-date.js';
import { readInstant } from './read-instant.js';

/**
 * An instant for people, on the client's wall clock relative to `now`: "today at 16:30",
 * "tomorrow at 08:30", "on Friday 27 November at 11:00", and with the year when it is not
 * now's year in that zone: "on Friday 1 January 2027 at 09:00". Seconds are dropped.
 */
export function formatWallTime(instant: Date, timeZone: string, now: Date): string {
  const calendar = createZoneCalendar(timeZone);
  const local = calendar.readLocal(readInstant(instant));
  const today = calendar.readLocal(readInstant(now)).day;
  const time = formatMinutes(local.minute);
  if (local.day === today) return `today at ${time}`;
  if (local.day === today + 1) return `tomorrow at ${time}`;
  const withYear = readCivilDate(local.day).year !== readCivilDate(today).year;
  return `on ${describeLocalDate(local.day, withYear)} at ${time}`;
}
