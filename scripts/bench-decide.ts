import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load-config.js';
import { parseMessage } from '../src/mail/parse-message.js';
import { decide } from '../src/triage/decide.js';
import type { MessageFacts } from '../src/triage/message-facts.js';

/*
 * Throughput of the triage core and of the parser on the mail fixtures
 * (`npx tsx scripts/bench-decide.ts`). decide() must keep up with a mailbox catching up
 * after days offline, so the target is 100,000 decisions a second; with --check the script
 * exits 1 below it. Each figure is the median of 5 rounds after a warm-up.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtureDir = join(root, 'test', 'fixtures', 'mail');
const targetDecisionsPerSecond = 100_000;
const rounds = 5;
const decideRoundMs = 2_000;
const parseRoundMs = 1_000;
const warmUpMs = 1_000;

/**
 * Spread over a week of Acme and Bloom hours, days off and an on-call override, so every
 * branch of decide() (in hours, held, replied, forwarded) is timed, not one cached path.
 */
const instants = [
  '2026-11-25T15:00:00Z',
  '2026-11-26T00:00:00Z',
  '2026-11-27T20:00:00Z',
  '2026-11-28T16:00:00Z',
  '2026-11-29T21:00:00Z',
  '2026-12-01T23:00:00Z',
  '2026-12-04T19:00:00Z',
  '2026-12-23T01:00:00Z',
].map((text) => new Date(text));

interface Figures {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Runs `work` (which does `batch` operations) repeatedly for `ms` and returns operations per second. */
function measureRate(work: () => void, batch: number, ms: number): number {
  let done = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    work();
    done += batch;
    elapsed = performance.now() - start;
  }
  return (done / elapsed) * 1000;
}

async function measureRateAsync(
  work: () => Promise<void>,
  batch: number,
  ms: number,
): Promise<number> {
  let done = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    await work();
    done += batch;
    elapsed = performance.now() - start;
  }
  return (done / elapsed) * 1000;
}

function summarize(rates: readonly number[]): Figures {
  const sorted = [...rates].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
  };
}

function formatRate(rate: number): string {
  return Math.round(rate).toLocaleString('en-US').padStart(12);
}

function formatRow(label: string, figures: Figures): string {
  return `${label.padEnd(44)}${formatRate(figures.median)}${formatRate(figures.min)}${formatRate(figures.max)}`;
}

const config = await loadConfig(join(root, 'config', 'offhours.example.yaml'), {
  env: { IMAP_PASS: 'bench', SMTP_PASS: 'bench' },
  now: instants[0] ?? new Date(0),
});
const names = (await readdir(fixtureDir)).filter((name) => name.endsWith('.eml')).sort();
const sources = await Promise.all(names.map((name) => readFile(join(fixtureDir, name))));
const messages: MessageFacts[] = [];
for (const source of sources) messages.push((await parseMessage(source)).facts);

// The sink keeps the optimiser from dropping decisions nobody reads.
let sink = 0;
const decideAll = (subset: readonly MessageFacts[]) => () => {
  for (const at of instants) {
    for (const message of subset) sink += decide(message, config, at).reasons.length;
  }
};

/** Fixtures grouped by what decide() does with them at the first out-of-hours instant. */
const kinds = new Map<string, MessageFacts[]>();
for (const message of messages) {
  const decision = decide(message, config, instants[1] ?? new Date(0));
  const kind =
    decision.client === null
      ? 'no client'
      : decision.automated
        ? 'automated'
        : decision.emergency
          ? 'emergency'
          : 'human';
  kinds.set(kind, [...(kinds.get(kind) ?? []), message]);
}

measureRate(decideAll(messages), messages.length * instants.length, warmUpMs);
const decideRates: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  decideRates.push(
    measureRate(decideAll(messages), messages.length * instants.length, decideRoundMs),
  );
}
const kindFigures = [...kinds].map(([kind, subset]) => {
  const rates: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    rates.push(measureRate(decideAll(subset), subset.length * instants.length, decideRoundMs / 4));
  }
  return {
    label: `  ${kind} (${subset.length} fixture${subset.length === 1 ? '' : 's'})`,
    figures: summarize(rates),
  };
});

const parseAll = async () => {
  for (const source of sources) sink += (await parseMessage(source)).warnings.length;
};
await measureRateAsync(parseAll, sources.length, warmUpMs);
const parseRates: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  parseRates.push(await measureRateAsync(parseAll, sources.length, parseRoundMs));
}

const decideFigures = summarize(decideRates);
console.log(
  `${messages.length} fixtures x ${instants.length} instants, ${rounds} rounds, Node ${process.version}`,
);
console.log(
  `${'per second'.padEnd(44)}${'median'.padStart(12)}${'min'.padStart(12)}${'max'.padStart(12)}`,
);
console.log(formatRow('decide() decisions', decideFigures));
for (const { label, figures } of kindFigures) console.log(formatRow(label, figures));
console.log(formatRow('parseMessage() messages', summarize(parseRates)));
const met = decideFigures.median >= targetDecisionsPerSecond;
console.log(
  `target ${targetDecisionsPerSecond.toLocaleString('en-US')} decisions/s: ${met ? 'met' : 'NOT met'} (checksum ${sink})`,
);
if (process.argv.includes('--check') && !met) process.exitCode = 1;
