/**
 * Runs the built daemon (`node dist/cli/main.js run`) as start-offhours.ts does, at the
 * benchmark's clock, logging at info (the level users run). By default it resolves once the
 * daemon watches; `waitReady: false` returns at once, for timing a first triage pass.
 */
import { performance } from 'node:perf_hooks';
import { startOffhours, type OffhoursProcess } from '../../test/support/start-offhours.js';
import { benchAt } from './bench-clients.js';

export interface BenchDaemon {
  readonly process: OffhoursProcess;
  readonly pid: number;
  /** performance.now() when the process was spawned. */
  readonly spawnedAt: number;
}

export async function startBenchDaemon(
  configPath: string,
  imapPass: string,
  { waitReady = true, readyTimeoutMs = 30_000 } = {},
): Promise<BenchDaemon> {
  const spawnedAt = performance.now();
  const process = startOffhours(['run', '--config', configPath, '--at', benchAt], {
    TEST_IMAP_PASS: imapPass,
    LOG_LEVEL: 'info',
  });
  const daemon = { process, pid: process.pid, spawnedAt };
  if (waitReady) {
    await process.waitForLog((line) => line.event === 'watcher_ready', readyTimeoutMs);
  }
  return daemon;
}
