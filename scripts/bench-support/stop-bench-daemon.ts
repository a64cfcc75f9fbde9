/** SIGTERM, as a user stops the daemon; SIGKILL if it has not exited within the bound. */
import { setTimeout as delay } from 'node:timers/promises';
import type { BenchDaemon } from './start-bench-daemon.js';

export async function stopBenchDaemon(daemon: BenchDaemon, boundMs = 15_000): Promise<void> {
  const bound = new AbortController();
  await Promise.race([
    daemon.process.stop(),
    delay(boundMs, undefined, { signal: bound.signal }).then(() => daemon.process.kill()),
  ]).finally(() => bound.abort());
}
