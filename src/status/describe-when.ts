import { createZoneCalendar } from '../schedule/create-zone-calendar.js';
import { formatMinutes } from '../schedule/format-minutes.js';
import { readCivilDate } from '../schedule/read-civil-date.js';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A past or near instant, short, on the wall clock of `timeZone` relative to `now`:
 * "20:01" today, "yesterday 20:01", "tomorrow 08:30", else "Tue 24 Nov 20:01".
 */
export function describeWhen(instant: Date, timeZone: string, now: Date): string {
  const calendar = createZoneCalendar(timeZone);
  const local = calendar.readLocal(instant.getTime());
  const today = calendar.readLocal(now.getTime()).day;
  const time = formatMinutes(local.minute);
  if (local.day === today) return time;
  if (local.day === today - 1) return `yesterday ${time}`;
  if (local.day === today + 1) return `tomorrow ${time}`;
  return `${describeShortDate(local.day)} ${time}`;
}

/** "Tue 24 Nov" for a day number. */
export function describeShortDate(day: number): string {
  const date = readCivilDate(day);
  return `${weekdays[date.weekday - 1] ?? ''} ${date.day} ${months[date.month - 1] ?? ''}`;
}
