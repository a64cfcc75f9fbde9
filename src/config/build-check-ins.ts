import { parseWallTime } from './parse-wall-time.js';

/** Check-in times as ascending, distinct minutes after midnight; the schema has vetted the text. */
export function buildCheckIns(times: readonly string[]): number[] {
  const minutes = times.map((time) => parseWallTime(time)).filter((time) => time !== null);
  return [...new Set(minutes)].sort((a, b) => a - b);
}
