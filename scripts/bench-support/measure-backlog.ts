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
import {
  measureFetchParseCeiling,
  readUidNext,
  type CeilingResult,
} from './measure-fetch-parse-ceiling.js';
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
  /** Replies and forwards accepted by the SMTP sink so far (to show replies flowed meanwhile). */
  readonly sentSoFar?: () => number;
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
  /** The same backlog fetched and parsed by bare imapflow and mailparser, before the daemon ran. */
  readonly ceiling: CeilingResult;
  /** Deliveries the sink had accepted when the last decision was read (null: not counted). */
  readonly sentDuringTriage: number | null;
}

export async function measureBacklog(spec: BacklogSpec): Promise<BacklogResult> {
  const composeStartedAt = performance.now();
  const backlog = composeBacklog(spec.total, spec.senders);
  const firstUid = await readUidNext(spec.server, spec.account);
  const sentBefore = spec.sentSoFar?.() ?? 0;
  const appendStartedAt = performance.now();
  await appendInParallel(spec.server, spec.account, backlog.raws, spec.connections);
  const appendedAt = performance.now();
  // The ceiling reads the backlog read-only while the daemon is down, so both see the same mail.
  const ceiling = await measureFetchParseCeiling(spec.server, spec.account, firstUid);
  if (ceiling.messages !== spec.total)
    throw new Error(`the ceiling read ${ceiling.messages} messages, not ${spec.total}`);

  const daemon = await startBenchDaemon(spec.configPath, spec.account.pass, { waitReady: false });
  let decisions = 0;
  // waitForLog offers every line to the predicate exactly once, in order, so it can count.
  await daemon.process.waitForLog(
    (line) => line.event === 'decision' && ++decisions >= spec.total,
    spec.timeoutMs,
  );
  const decidedAt = performance.now();
  const sentDuringTriage = spec.sentSoFar === undefined ? null : spec.sentSoFar() - sentBefore;
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
    ceiling,
    sentDuringTriage,
  };
}

function sumBatches(logs: readonly LogLine[], field: 'count' | 'held' | 'jobs'): number {
  return logs
    .filter((line) => line.event === 'batch_triaged')
    .reduce((sum, line) => sum + Number(line[field]), 0);
}
