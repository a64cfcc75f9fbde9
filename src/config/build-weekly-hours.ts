import type { WallInterval, Weekday, WeeklyHours } from '../schedule/client-schedule.js';
import { parseDayKey } from './parse-day-key.js';
import { parseWallInterval } from './parse-wall-interval.js';

/** `hours` as written ('mon-fri': ['09:00-17:00']) as intervals per ISO weekday, in order. */
export function buildWeeklyHours(hours: Readonly<Record<string, readonly string[]>>): WeeklyHours {
  const byDay: Partial<Record<Weekday, WallInterval[]>> = {};
  for (const [key, texts] of Object.entries(hours)) {
    const intervals = texts
      .map(parseWallInterval)
      .filter((interval) => interval !== null)
      .sort((a, b) => a.start - b.start);
    for (const day of parseDayKey(key) ?? []) byDay[day] = intervals;
  }
  return byDay;
}
