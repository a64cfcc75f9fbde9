import type { Weekday } from '../schedule/client-schedule.js';

const dayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const allDays: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** The spelling of each ISO weekday in `hours` keys, for messages. */
export function nameWeekday(day: Weekday): string {
  return dayNames[day - 1] ?? String(day);
}

function parseDayName(text: string): Weekday | null {
  const index = (dayNames as readonly string[]).indexOf(text.trim().toLowerCase());
  return index === -1 ? null : ((index + 1) as Weekday);
}

function parseDayRange(text: string): Weekday[] | null {
  const [firstText, lastText, ...rest] = text.split('-');
  if (rest.length > 0 || firstText === undefined) return null;
  const first = parseDayName(firstText);
  const last = lastText === undefined ? first : parseDayName(lastText);
  if (first === null || last === null) return null;
  // 'fri-mon' wraps over the weekend, as people say it.
  const days: Weekday[] = [first];
  for (let day = first; day !== last; day = ((day % 7) + 1) as Weekday) {
    days.push(((day % 7) + 1) as Weekday);
  }
  return days;
}

/**
 * The ISO weekdays an `hours` key names: 'daily', a day 'mon', a range 'mon-fri' (which may
 * wrap: 'fri-mon'), or a comma list of those, 'mon,wed,fri'. Null when the key is not one.
 */
export function parseDayKey(key: string): Weekday[] | null {
  if (key.trim().toLowerCase() === 'daily') return [...allDays];
  const days = new Set<Weekday>();
  for (const part of key.split(',')) {
    const range = parseDayRange(part);
    if (range === null) return null;
    for (const day of range) days.add(day);
  }
  return [...days].sort((a, b) => a - b);
}
