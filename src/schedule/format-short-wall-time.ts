import { createZoneCalendar } from './create-zone-calendar.js';
import { formatMinutes } from './format-minutes.js';
import { readCivilDate } from './read-civil-date.js';
import { readInstant } from './read-instant.js';

// Written out rather than taken from Intl so the text never depends on the machine's locale.
const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An instant on the wall clock of `timeZone`, short: "Wed 25 Nov 21:41". */
export function formatShortWallTime(instant: Date, timeZone: string): string {
  const local = createZoneCalendar(timeZone).readLocal(readInstant(instant));
  const date = readCivilDate(local.day);
  return `${weekdays[date.weekday - 1] ?? ''} ${date.day} ${months[date.month - 1] ?? ''} ${formatMinutes(local.minute)}`;
}
