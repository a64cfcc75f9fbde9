import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { OffhoursError } from '../errors/offhours-error.js';

/**
 * Absolute paths of the client files (*.yaml, *.yml) directly in `folder`, sorted by name.
 * Anything else there (a calendars/ folder, notes) is ignored.
 */
export async function listClientFiles(folder: string, shownAs: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
      .map((entry) => join(folder, entry.name))
      .sort();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new OffhoursError(
      'CONFIG_UNREADABLE',
      `Cannot read the clients folder ${shownAs} (${reason}).`,
      {
        cause: error,
        details: { folder },
      },
    );
  }
}
