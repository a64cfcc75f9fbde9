/**
 * Backlog throughput: with the daemon stopped, a pile of mail is APPENDed; the daemon is
 * started again and timed until it has logged a decision for every message. The mailbox
 * must already have a checkpoint (the daemon ran on it before), or the first start would
 * skip the existing mail by design.
 */
import { performance } from 'node:perf_hooks';
import type { LogLine } from '../../test/support/start-offhours.js';
import { appendInParallel } from './append-in-parallel.js';
import { composeBacklog, type BacklogKind } from './compose-backlog.js';
import { readProcessMemory, type ProcessMemory } from './read-process-memory.js';
import { startBenchDaemon, type BenchDaemon } from './start-bench-daemon.js';

export interface BacklogSpec {
  readonly server: { host: string; port: number };
  readonly account: { user: string; pass: string };
  readonly configPath: string;
  readonly total: number;
  readonly senders: number;
  readonly connections: number;
  readonly timeoutMs: number;
}

export interface BacklogResult {
  readonly daemon: BenchDaemon;
  readonly counts: Record<BacklogKind, number>;
  readonly composeMs: number;
  readonly appendMs: number;
  /** Spawn of the daemon -> its last decision line read by the benchmark. */
  readonly wallMs: number;
  /** From the daemon's own log times: watching the mailbox -> last batch triaged. */
  readonly triageMs: number;
  readonly decisions: number;
  readonly held: number;
  readonly jobs: number;
  readonly memory: ProcessMemory;
}

export async function measureBacklog(spec: BacklogSpec): Promise<BacklogResult> {
  const composeStartedAt = performance.now();
  const backlog = composeBacklog(spec.total, spec.senders);
  const appendStartedAt = performance.now();
  await appendInParallel(spec.server, spec.account, backlog.raws, spec.connections);
  const appendedAt = performance.now();

  const daemon = await startBenchDaemon(spec.configPath, spec.account.pass, { waitReady: false });
  let decisions = 0;
  // waitForLog offers every line to the predicate exactly once, in order, so it can count.
  await daemon.process.waitForLog(
    (line) => line.event === 'decision' && ++decisions >= spec.total,
    spec.timeoutMs,
  );
  const decidedAt = performance.now();
  const lastBatch = await daemon.process.waitForLog(
    (line) =>
      line.event === 'batch_triaged' && sumBatches(daemon.process.logs, 'count') >= spec.total,
    spec.timeoutMs,
  );
  const memory = readProcessMemory(daemon.pid);
  const watching = daemon.process.logs.find(
    (line) => line.event === 'watcher_state' && line['state'] === 'watching',
  );
  return {
    daemon,
    counts: backlog.counts,
    composeMs: appendStartedAt - composeStartedAt,
    appendMs: appendedAt - appendStartedAt,
    wallMs: decidedAt - daemon.spawnedAt,
    triageMs: Number(lastBatch['time']) - Number(watching?.['time']),
    decisions,
    held: sumBatches(daemon.process.logs, 'held'),
    jobs: sumBatches(daemon.process.logs, 'jobs'),
    memory,
  };
}

function sumBatches(logs: readonly LogLine[], field: 'count' | 'held' | 'jobs'): number {
  return logs
    .filter((line) => line.event === 'batch_triaged')
    .reduce((sum, line) => sum + Number(line[field]), 0);
}
