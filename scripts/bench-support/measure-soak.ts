/**
 * Steady traffic for a long time (`npm run bench:soak [-- minutes]`, 30 by default): one
 * message every `intervalMs` (out-of-hours client mail from ever new senders, so replies keep
 * flowing, with in-hours mail and newsletters mixed in as composeBacklog mixes them), the
 * daemon's VmRSS sampled every `sampleMs`. The slope of a least-squares line through the
 * samples after the warm-up says whether memory grows with traffic (a leak) or levels off.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { MailboxClient } from '../../test/support/mailbox-client.js';
import { composeBacklog } from './compose-backlog.js';
import { readProcessMemory } from './read-process-memory.js';

export interface SoakSpec {
  readonly pid: number;
  readonly mailbox: MailboxClient;
  readonly minutes: number;
  readonly intervalMs: number;
  readonly sampleMs: number;
  /** Samples before this are left out of the slope (caches, JIT and pools filling up). */
  readonly warmUpMs: number;
  readonly sentSoFar: () => number;
  /** A run id, so a second soak on one mailbox brings new senders. */
  readonly run: string;
}

export interface SoakSample {
  readonly atMs: number;
  readonly rssMiB: number;
  readonly appended: number;
  readonly sent: number;
}

export interface SoakResult {
  readonly samples: readonly SoakSample[];
  /** MiB per hour, least squares over the samples after the warm-up. */
  readonly slopeMiBPerHour: number;
  readonly appended: number;
  readonly sent: number;
  readonly peakMiB: number;
}

export async function measureSoak(spec: SoakSpec): Promise<SoakResult> {
  const durationMs = spec.minutes * 60_000;
  const startedAt = performance.now();
  const samples: SoakSample[] = [];
  const sentBefore = spec.sentSoFar();
  let appended = 0;
  let nextSampleAt = 0;
  // Composed in chunks: a 30-minute run needs a few thousand messages.
  let pending: string[] = [];
  let chunk = 0;
  for (;;) {
    const elapsed = performance.now() - startedAt;
    if (elapsed >= nextSampleAt) {
      samples.push({
        atMs: elapsed,
        rssMiB: readProcessMemory(spec.pid).rssMiB,
        appended,
        sent: spec.sentSoFar() - sentBefore,
      });
      nextSampleAt += spec.sampleMs;
    }
    if (elapsed >= durationMs) break;
    if (pending.length === 0) {
      chunk += 1;
      // Senders numbered past every earlier chunk: each out-of-hours message is a new sender.
      pending = composeBacklog(500, 500).raws.map((raw) =>
        raw.replace(/sender-(\d+)@/g, `sender-${spec.run}-${chunk}-$1@`),
      );
    }
    await spec.mailbox.append(pending.shift() ?? '');
    appended += 1;
    const wait = startedAt + appended * spec.intervalMs - performance.now();
    if (wait > 0) await delay(wait);
  }
  const steady = samples.filter((sample) => sample.atMs >= spec.warmUpMs);
  return {
    samples,
    slopeMiBPerHour: slope(steady) * 3_600_000,
    appended,
    sent: spec.sentSoFar() - sentBefore,
    peakMiB: readProcessMemory(spec.pid).peakMiB,
  };
}

/** Least-squares slope of rssMiB over atMs (MiB per ms); 0 with fewer than two samples. */
function slope(samples: readonly SoakSample[]): number {
  if (samples.length < 2) return 0;
  const meanX = samples.reduce((sum, s) => sum + s.atMs, 0) / samples.length;
  const meanY = samples.reduce((sum, s) => sum + s.rssMiB, 0) / samples.length;
  let covariance = 0;
  let variance = 0;
  for (const sample of samples) {
    covariance += (sample.atMs - meanX) * (sample.rssMiB - meanY);
    variance += (sample.atMs - meanX) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}
