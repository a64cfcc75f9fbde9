import { OffhoursError } from '../errors/offhours-error.js';

const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

/**
 * Days since 1970-01-01 of a calendar date written 'YYYY-MM-DD', or undefined when the text
 * is not a real date. Whole-day numbers let the hot paths compare dates without luxon objects.
 */
export function parseLocalDate(text: string): number | undefined {
  const match = localDatePattern.exec(text);
  if (match === null) return undefined;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC rolls 02-30 over into March and maps years below 100 to 19xx; reject both.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return undefined;
  }
  return ms / msPerDay;
}

/** parseLocalDate for dates the config loader has already validated; `what` names the field. */
export function requireLocalDate(text: string, what: string): number {
  const day = parseLocalDate(text);
  if (day === undefined) {
    throw new OffhoursError('CONFIG_INVALID', `${what} "${text}" is not a date (YYYY-MM-DD).`, {
      details: { value: text },
    });
  }
  return day;
}
