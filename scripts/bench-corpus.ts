import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseMessage } from '../src/mail/parse-message.js';
import { decide } from '../src/triage/decide.js';
import type { MessageFacts } from '../src/triage/message-facts.js';
import { formatTable } from './bench-support/format-table.js';
import { catchAllConfig, corpusInstant } from './corpus-support/catch-all-config.js';
import { corpusDir, readCorpusManifest } from './corpus-support/corpus-manifest.js';

/*
 * Parse and decide time per message on the real-mail corpus (test/corpus/), with the
 * catch-all client of scripts/corpus-report.ts (`npx tsx scripts/bench-corpus.ts`). Each
 * message's time is the median of its rounds after a warm-up pass, so one GC pause does not
 * make a message look slow. Targets (issue 8): median parse + decide under 1 ms, the slowest
 * message under 50 ms; with --check the script exits 1 when either is missed.
 */

const parseRounds = 5;
const decideRounds = 50;
const targetMedianMs = 1;
const targetSlowestMs = 50;

interface Timing {
  readonly file: string;
  readonly parseMs: number;
  readonly decideMs: number;
  readonly totalMs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? NaN;
}

function formatMs(ms: number): string {
  return ms < 1 ? ms.toFixed(3) : ms.toFixed(2);
}

const entries = await readCorpusManifest();
const sources = await Promise.all(entries.map((entry) => readFile(join(corpusDir, entry.file))));

// The sink keeps the optimiser from dropping work nobody reads.
let sink = 0;
for (const source of sources) {
  const { facts } = await parseMessage(source);
  sink += decide(facts, catchAllConfig, corpusInstant).reasons.length;
}

const timings: Timing[] = [];
for (const [index, source] of sources.entries()) {
  const parseTimes: number[] = [];
  let facts: MessageFacts | null = null;
  for (let round = 0; round < parseRounds; round += 1) {
    const start = performance.now();
    facts = (await parseMessage(source)).facts;
    parseTimes.push(performance.now() - start);
  }
  const decideTimes: number[] = [];
  for (let round = 0; round < decideRounds; round += 1) {
    const start = performance.now();
    if (facts !== null) sink += decide(facts, catchAllConfig, corpusInstant).reasons.length;
    decideTimes.push(performance.now() - start);
  }
  const parseMs = median(parseTimes);
  const decideMs = median(decideTimes);
  timings.push({
    file: entries[index]?.file ?? '',
    parseMs,
    decideMs,
    totalMs: parseMs + decideMs,
  });
}

const rows = (['parseMs', 'decideMs', 'totalMs'] as const).map((key) => {
  const values = timings.map((timing) => timing[key]);
  const slowest = timings.reduce((worst, timing) => (timing[key] > worst[key] ? timing : worst));
  return [
    { parseMs: 'parseMessage', decideMs: 'decide', totalMs: 'parse + decide' }[key],
    formatMs(median(values)),
    formatMs(percentile(values, 0.95)),
    formatMs(slowest[key]),
    slowest.file,
  ];
});

const totals = timings.map((timing) => timing.totalMs);
const medianTotal = median(totals);
const slowestTotal = Math.max(...totals);
console.log(
  `corpus: ${timings.length} messages, per-message median of ${parseRounds} parses and ${decideRounds} decisions, Node ${process.version}`,
);
console.log(formatTable(['ms per message', 'median', 'p95', 'slowest', 'slowest file'], rows));
const met = medianTotal < targetMedianMs && slowestTotal < targetSlowestMs;
console.log(
  `target median < ${targetMedianMs} ms, slowest < ${targetSlowestMs} ms: ${met ? 'met' : 'NOT met'} (checksum ${sink})`,
);
if (process.argv.includes('--check') && !met) process.exitCode = 1;
