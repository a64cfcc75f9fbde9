/** Work to undo after each test of the file, last registered first (stop daemons before their services). */
import { afterEach } from 'vitest';

export function useCleanups(): (...cleanup: (() => unknown)[]) => void {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return (...cleanup) => {
    cleanups.push(...cleanup);
  };
}
