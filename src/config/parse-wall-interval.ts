import type { WallInterval } from '../schedule/client-schedule.js';
import { parseWallTime } from './parse-wall-time.js';

const minutesPerDay = 24 * 60;

/**
 * A working interval written 'HH:MM-HH:MM', or null when the text is not one. An end at or
 * before the start crosses midnight, so '22:00-02:00' becomes 1320..1560 and stays with the
 * day it starts on.
 */
export function parseWallInterval(text: string): WallInterval | null {
  const parts = text.split('-');
  if (parts.length !== 2) return null;
  const start = parseWallTime(parts[0] ?? '');
  const end = parseWallTime(parts[1] ?? '', true);
  if (start === null || end === null) return null;
  return { start, end: end > start ? end : end + minutesPerDay };
}
