import { readCivilDate } from './read-civil-date.js';

// Written out rather than taken from Intl so the text never depends on the machine's locale.
const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Sunday 8 March" or, with the year, "Sunday 8 March 2026", for a day number. */
export function describeLocalDate(epochDay: number, withYear: boolean): string {
  const date = readCivilDate(epochDay);
  const text = `${weekdayNames[date.weekday - 1] ?? ''} ${date.day} ${monthNames[date.month - 1] ?? ''}`;
  return withYear ? `${text} ${date.year}` : text;
}
