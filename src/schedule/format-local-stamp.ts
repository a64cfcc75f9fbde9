import { createZoneCalendar } from './create-zone-calendar.js';
import { formatMinutes } from './format-minutes.js';
import { readCivilDate } from './read-civil-date.js';
import { readInstant } from './read-instant.js';

/**
 * An instant as a wall clock in `timeZone` shows it, sortable and locale-free:
 * "2026-11-25 21:59" (seconds dropped), or only "21:59" with `timeOnly`.
 */
export function formatLocalStamp(
  instant: Date,
  timeZone: string,
  options: { timeOnly?: boolean } = {},
): string {
  const local = createZoneCalendar(timeZone).readLocal(readInstant(instant));
  const time = formatMinutes(local.minute);
  if (options.timeOnly === true) return time;
  const date = readCivilDate(local.day);
  return `${date.year}-${pad(date.month)}-${pad(date.day)} ${time}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
