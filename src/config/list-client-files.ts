import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OffhoursError } from '../errors/offhours-error.js';
import type { ConfigProblem } from './config-problem.js';

export interface ClientFiles {
  /** Absolute paths of the client files, sorted by name. */
  readonly paths: string[];
  /** Client files that are symlinks to nothing, one problem each. */
  readonly problems: ConfigProblem[];
}

/**
 * The client files (*.yaml, *.yml) directly in `folder`, sorted by name. Symlinks are followed,
 * as Kubernetes ConfigMaps (`acme.yaml -> ..data/acme.yaml`) and GNU stow lay them out; a
 * symlink whose target is missing is a problem naming the file, never a silently missing
 * client. Anything else there (a calendars/ folder, notes, the ConfigMap's `..data`) is ignored.
 */
export async function listClientFiles(folder: string, shownAs: string): Promise<ClientFiles> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new OffhoursError(
      'CONFIG_UNREADABLE',
      `Cannot read the clients folder ${shownAs} (${reason}).`,
      { cause: error, details: { folder } },
    );
  }
  const paths: string[] = [];
  const problems: ConfigProblem[] = [];
  for (const entry of entries) {
    if (!/\.ya?ml$/i.test(entry.name) || entry.name.startsWith('..')) continue;
    const path = join(folder, entry.name);
    if (entry.isFile()) {
      paths.push(path);
    } else if (entry.isSymbolicLink()) {
      try {
        if ((await stat(path)).isFile()) paths.push(path);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
        problems.push({
          file: join(shownAs, entry.name),
          line: 1,
          keyPath: '',
          message: `is a symlink to a file that cannot be read (${reason}): fix or remove the link`,
        });
      }
    }
  }
  return { paths: paths.sort(), problems };
}
