import { DateTime } from 'luxon';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written 'YYYY-MM-DD' ('2026-02-30' is not one). */
export function isCalendarDate(text: string): boolean {
  return datePattern.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;
}

/**
 * The inclusive dates of a day off written 'YYYY-MM-DD' or 'YYYY-MM-DD..YYYY-MM-DD', or null
 * when either side is not a real date or the range ends before it starts.
 */
export function parseDateRange(text: string): { from: string; to: string } | null {
  const [from = '', to = from, ...rest] = text.trim().split('..');
  if (rest.length > 0 || !isCalendarDate(from) || !isCalendarDate(to)) return null;
  // ISO dates compare correctly as text.
  return from <= to ? { from, to } : null;
}
