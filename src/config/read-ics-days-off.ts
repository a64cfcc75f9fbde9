import { readFile } from 'node:fs/promises';
import { OffhoursError } from '../errors/offhours-error.js';
import type { DayOff } from '../schedule/client-schedule.js';
import { parseIcsDaysOff } from './parse-ics-days-off.js';

/**
 * The days off in an ICS calendar file (parseIcsDaysOff). Throws CALENDAR_INVALID, with the
 * file in its details, when the file cannot be read or its calendar cannot be used.
 */
export async function readIcsDaysOff(
  absolutePath: string,
  window: { from: Date; to: Date },
  timeZone: string,
): Promise<DayOff[]> {
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot be read';
    throw new OffhoursError('CALENDAR_INVALID', reason, {
      cause: error,
      details: { file: absolutePath },
    });
  }
  return parseIcsDaysOff(text, window, timeZone, { file: absolutePath });
}
