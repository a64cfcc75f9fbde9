import { watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Watches the folder of each config file (editors replace files rather than write them in
 * place) and calls `onChange` once a burst of changes has settled.
 */
export function watchConfigFiles(files: readonly string[], onChange: () => void): FSWatcher[] {
  let timer: NodeJS.Timeout | undefined;
  const debounced = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 300);
  };
  const folders = new Set(files.map((file) => dirname(file)));
  return [...folders].map((folder) => watch(folder, { persistent: false }, debounced));
}
