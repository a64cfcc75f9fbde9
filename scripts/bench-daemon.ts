import { appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { startDovecot } from '../src/sandbox/start-dovecot.js';
import { startRedis } from '../src/sandbox/start-redis.js';
import { startSmtpSink } from '../src/sandbox/start-smtp-sink.js';
import { connectMailbox } from '../test/support/mailbox-client.js';
import { writeTestConfig } from '../test/support/write-test-config.js';
import { benchAt, benchClients } from './bench-support/bench-clients.js';
import { formatTable } from './bench-support/format-table.js';
import { measureBacklog } from './bench-support/measure-backlog.js';
import { measureEndToEnd } from './bench-support/measure-end-to-end.js';
import { measureIdleFloor } from './bench-support/measure-idle-floor.js';
import { measureLargeMessage } from './bench-support/measure-large-message.js';
import { measureSoak } from './bench-support/measure-soak.js';
import { readProcessMemory } from './bench-support/read-process-memory.js';
import { startBenchDaemon, type BenchDaemon } from './bench-support/start-bench-daemon.js';
import { stopBenchDaemon } from './bench-support/stop-bench-daemon.js';
import { summarizeSamples } from './bench-support/summarize-samples.js';

/*
 * The running daemon against the physical floor (`npm run build && npx tsx
 * scripts/bench-daemon.ts`). It starts its own Dovecot, Redis and SMTP sink, runs the built
 * daemon as a child process (`node dist/cli/main.js run --at <evening>`) and measures, in one
 * run: Dovecot's own IDLE notification delay, end-to-end reply latency, the 50 MiB message,
 * backlog throughput against a bare imapflow fetch-and-parse of the same backlog (the
 * ceiling), and memory, up to the peak of a 10,000-message backlog. `--soak [minutes]`
 * instead runs steady traffic (30 minutes by default) and reports the slope of the daemon's
 * RSS. Everything it started is stopped at the end, on error, on Ctrl-C and at the overall
 * timeout. docs/performance.md keeps the latest tables.
 */

const soakAt = process.argv.indexOf('--soak');
const soakMinutes = soakAt === -1 ? null : Number.parseFloat(process.argv[soakAt + 1] ?? '') || 30;
const overallTimeoutMs = soakMinutes === null ? 12 * 60_000 : (soakMinutes + 5) * 60_000;
const floorSamples = 20;
const endToEndSamples = 25;
const largeBase64Bytes = 50 * 1024 * 1024;
const backlogTotal = 2_000;
const backlogSenders = 300;
const backlogConnections = 3;
const bigBacklogTotal = 10_000;
/** The memory target at the peak of the 10,000-message backlog. */
const bigBacklogPeakTargetMiB = 200;
/** The throughput target: the daemon at least this share of the ceiling. */
const ceilingRatioTarget = 0.6;
/** Soak: one message every 2 s (30 a minute, replies to most), RSS sampled every 15 s. */
const soakIntervalMs = 2_000;
const soakSampleMs = 15_000;

const cleanups: (() => Promise<unknown>)[] = [];

function tracked<Service extends { stop(): Promise<void> }>(service: Service): Service {
  cleanups.push(() => service.stop());
  return service;
}

async function runBenchmark(): Promise<void> {
  // Each service is registered as soon as it is up, so one failing to start stops the others.
  const [dovecot, redis, sink] = await Promise.all([
    startDovecot().then(tracked),
    startRedis().then(tracked),
    startSmtpSink().then(tracked),
  ]);

  const floor = summarizeSamples(await measureIdleFloor(dovecot, dovecot.newUser(), floorSamples));

  const account = dovecot.newUser();
  const config = await writeTestConfig({
    imap: { host: dovecot.host, port: dovecot.port, ...account },
    smtpPort: sink.port,
    redis: { url: redis.url, prefix: 'oh-bench' },
    clients: benchClients,
  });
  cleanups.push(() => config.remove());
  // Caps out of the way: the backlog's replies flow while it is triaged, at full speed.
  appendFileSync(config.path, 'limits: { perAddressPerHour: 3, globalPerMinute: 100000 }\n');
  if (soakMinutes !== null) {
    await runSoak(config.path, account, dovecot, sink, soakMinutes);
    return;
  }
  const mailbox = await connectMailbox(dovecot, account);
  cleanups.push(() => mailbox.close());

  const watching = await startBenchDaemon(config.path, account.pass);
  let daemons: BenchDaemon[] = [watching];
  cleanups.push(() => Promise.all(daemons.map((daemon) => stopBenchDaemon(daemon))));
  const idle = readProcessMemory(watching.pid);

  const endToEnd = await measureEndToEnd(watching.process, mailbox, sink, endToEndSamples);
  const decision = summarizeSamples(endToEnd.map((sample) => sample.decisionMs));
  const reply = summarizeSamples(endToEnd.map((sample) => sample.replyMs));

  const large = await measureLargeMessage(watching, mailbox, sink, largeBase64Bytes);

  await stopBenchDaemon(watching);
  const backlog = await measureBacklog({
    server: dovecot,
    account,
    configPath: config.path,
    total: backlogTotal,
    senders: backlogSenders,
    connections: backlogConnections,
    timeoutMs: 120_000,
    sentSoFar: () => sink.messages.length,
  });
  daemons = [backlog.daemon];
  await stopBenchDaemon(backlog.daemon);
  const big = await measureBacklog({
    server: dovecot,
    account,
    configPath: config.path,
    total: bigBacklogTotal,
    senders: backlogSenders,
    connections: backlogConnections,
    timeoutMs: 300_000,
    sentSoFar: () => sink.messages.length,
  });
  daemons = [big.daemon];
  // The replies go on after the last decision: the peak is read once the sink is quiet.
  await untilQuiet(() => sink.messages.length, 5_000, 120_000);
  const bigSettled = readProcessMemory(big.daemon.pid);

  const ms = (value: number) => `${Math.round(value)} ms`;
  const mib = (value: number) => `${value.toFixed(1)} MiB`;
  const wallRate = (backlogTotal / backlog.wallMs) * 1000;
  const triageRate = (backlogTotal / backlog.triageMs) * 1000;
  const ceilingWallRate = (backlogTotal / backlog.ceiling.wallMs) * 1000;
  const ceilingRate = (backlogTotal / backlog.ceiling.fetchParseMs) * 1000;
  const bigWallRate = (bigBacklogTotal / big.wallMs) * 1000;
  const bigTriageRate = (bigBacklogTotal / big.triageMs) * 1000;
  const bigCeilingWallRate = (bigBacklogTotal / big.ceiling.wallMs) * 1000;
  const bigCeilingRate = (bigBacklogTotal / big.ceiling.fetchParseMs) * 1000;
  const peakJump = large.after.peakMiB - large.before.peakMiB;
  const { counts } = backlog;
  console.log(
    `offhours daemon benchmark, Node ${process.version}, daemon clock ${benchAt} (Acme out of hours, West in hours)`,
  );
  console.log(
    formatTable(
      ['measure', 'median', 'p90', 'n', 'note'],
      [
        [
          'Dovecot IDLE notification (floor)',
          ms(floor.median),
          ms(floor.p90),
          String(floor.n),
          'plain imapflow in IDLE: APPEND done -> exists',
        ],
        [
          'end to end: APPEND -> decision logged',
          ms(decision.median),
          ms(decision.p90),
          String(decision.n),
          'daemon log line read by the benchmark',
        ],
        [
          'end to end: APPEND -> reply at sink',
          ms(reply.median),
          ms(reply.p90),
          String(reply.n),
          'out-of-hours client, new sender each, sequential',
        ],
        [
          `${mib(large.messageBytes / 1024 / 1024)} message: APPEND -> decision`,
          ms(large.decisionMs),
          '-',
          '1',
          `APPEND itself took ${ms(large.appendMs)}; reply at sink after ${ms(large.replyMs)}`,
        ],
        [
          `${mib(large.messageBytes / 1024 / 1024)} message: daemon VmHWM`,
          `${mib(large.before.peakMiB)} -> ${mib(large.after.peakMiB)}`,
          '-',
          '1',
          `peak +${mib(peakJump)}; VmRSS ${mib(large.before.rssMiB)} -> ${mib(large.after.rssMiB)}`,
        ],
        [
          `backlog: ${backlogTotal} messages decided`,
          `${Math.round(wallRate)} msg/s`,
          '-',
          String(backlog.decisions),
          `${ms(backlog.wallMs)} from spawn; triage alone ${ms(backlog.triageMs)} = ${Math.round(triageRate)} msg/s; ${backlog.sentDuringTriage ?? 0} sent meanwhile`,
        ],
        [
          `ceiling: bare imapflow + mailparser, same ${backlogTotal}`,
          `${Math.round(ceilingWallRate)} msg/s`,
          '-',
          String(backlog.ceiling.messages),
          `${ms(backlog.ceiling.wallMs)} from connect; fetch+parse alone ${ms(backlog.ceiling.fetchParseMs)} = ${Math.round(ceilingRate)} msg/s`,
        ],
        [
          `backlog: ${bigBacklogTotal} messages decided`,
          `${Math.round(bigWallRate)} msg/s`,
          '-',
          String(big.decisions),
          `${ms(big.wallMs)} from spawn; triage alone ${ms(big.triageMs)} = ${Math.round(bigTriageRate)} msg/s; ${big.sentDuringTriage ?? 0} sent meanwhile`,
        ],
        [
          `ceiling: bare imapflow + mailparser, same ${bigBacklogTotal}`,
          `${Math.round(bigCeilingWallRate)} msg/s`,
          '-',
          String(big.ceiling.messages),
          `${ms(big.ceiling.wallMs)} from connect; fetch+parse alone ${ms(big.ceiling.fetchParseMs)} = ${Math.round(bigCeilingRate)} msg/s`,
        ],
        [
          `${bigBacklogTotal} backlog: daemon VmHWM (peak)`,
          mib(bigSettled.peakMiB),
          '-',
          '1',
          `target < ${bigBacklogPeakTargetMiB} MiB; VmRSS ${mib(big.memory.rssMiB)} at the last decision, ${mib(bigSettled.rssMiB)} once the replies were out`,
        ],
        [
          'backlog: daemon memory at the end',
          `VmRSS ${mib(backlog.memory.rssMiB)}`,
          '-',
          '1',
          `VmHWM (peak) ${mib(backlog.memory.peakMiB)}`,
        ],
        [
          'idle daemon, empty mailbox',
          `VmRSS ${mib(idle.rssMiB)}`,
          '-',
          '1',
          `VmHWM ${mib(idle.peakMiB)}, read at watcher_ready`,
        ],
      ],
    ),
  );
  console.log(
    [
      `ratio median reply / median IDLE floor:      ${(reply.median / floor.median).toFixed(2)}`,
      `ratio median decision / median IDLE floor:   ${(decision.median / floor.median).toFixed(2)}`,
      `reply after decision (queue + SMTP), median: ${ms(reply.median - decision.median)}`,
      `ratio daemon / ceiling, ${backlogTotal} backlog:  from spawn vs from connect ${(wallRate / ceilingWallRate).toFixed(2)}, triage alone vs fetch+parse alone ${(triageRate / ceilingRate).toFixed(2)} (target >= ${ceilingRatioTarget})`,
      `ratio daemon / ceiling, ${bigBacklogTotal} backlog: from spawn vs from connect ${(bigWallRate / bigCeilingWallRate).toFixed(2)}, triage alone vs fetch+parse alone ${(bigTriageRate / bigCeilingRate).toFixed(2)} (target >= ${ceilingRatioTarget})`,
      `peak RSS at the ${bigBacklogTotal} backlog: ${mib(bigSettled.peakMiB)} (target < ${bigBacklogPeakTargetMiB} MiB): ${bigSettled.peakMiB < bigBacklogPeakTargetMiB ? 'met' : 'NOT met'}`,
      `backlog mix: ${counts['out-of-hours client']} out-of-hours client (${backlogSenders} senders), ${counts['in-hours client']} in-hours client, ${counts.newsletter} newsletters; ` +
        `${backlog.held} held, ${backlog.jobs} jobs; APPEND over ${backlogConnections} connections ${Math.round((backlogTotal / backlog.appendMs) * 1000)} msg/s`,
    ].join('\n'),
  );
}

/** Resolves once `count` has not changed for `quietMs` (or after `timeoutMs`). */
async function untilQuiet(count: () => number, quietMs: number, timeoutMs: number): Promise<void> {
  const deadlineAt = Date.now() + timeoutMs;
  let last = count();
  let changedAt = Date.now();
  while (Date.now() < deadlineAt && Date.now() - changedAt < quietMs) {
    await delay(250);
    const now = count();
    if (now !== last) {
      last = now;
      changedAt = Date.now();
    }
  }
}

async function runSoak(
  configPath: string,
  account: { user: string; pass: string },
  server: { host: string; port: number },
  sink: { messages: readonly unknown[] },
  minutes: number,
): Promise<void> {
  const mailbox = await connectMailbox(server, account);
  cleanups.push(() => mailbox.close());
  const daemon = await startBenchDaemon(configPath, account.pass);
  cleanups.push(() => stopBenchDaemon(daemon));
  const warmUpMs = Math.min(5 * 60_000, (minutes * 60_000) / 5);
  const soak = await measureSoak({
    pid: daemon.pid,
    mailbox,
    minutes,
    intervalMs: soakIntervalMs,
    sampleMs: soakSampleMs,
    warmUpMs,
    sentSoFar: () => sink.messages.length,
    run: randomBytes(3).toString('hex'),
  });
  const everyRow = Math.max(1, Math.round(soak.samples.length / 12));
  console.log(
    `offhours soak, Node ${process.version}: ${minutes} min, one message every ${soakIntervalMs / 1000} s, VmRSS every ${soakSampleMs / 1000} s`,
  );
  console.log(
    formatTable(
      ['minute', 'VmRSS', 'appended', 'sent'],
      soak.samples
        .filter((_, index) => index % everyRow === 0 || index === soak.samples.length - 1)
        .map((sample) => [
          (sample.atMs / 60_000).toFixed(1),
          `${sample.rssMiB.toFixed(1)} MiB`,
          String(sample.appended),
          String(sample.sent),
        ]),
    ),
  );
  console.log(
    [
      `RSS slope after the first ${(warmUpMs / 60_000).toFixed(1)} min: ${soak.slopeMiBPerHour.toFixed(2)} MiB/hour (least squares over ${soak.samples.filter((s) => s.atMs >= warmUpMs).length} samples)`,
      `peak VmHWM ${soak.peakMiB.toFixed(1)} MiB; ${soak.appended} messages in, ${soak.sent} replies and forwards out`,
    ].join('\n'),
  );
}

let cleaning: Promise<void> | null = null;

/**
 * Stops everything started, newest first. One shared run: Ctrl-C also makes the phase in
 * progress fail, and that failure must not exit the process while the first run is still
 * stopping Dovecot and Redis.
 */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    // Popped one at a time: a phase still starting something adds to the list meanwhile.
    for (let cleanup = cleanups.pop(); cleanup !== undefined; cleanup = cleanups.pop()) {
      await cleanup().catch((error: unknown) => console.error('cleanup failed:', error));
    }
  })();
  return cleaning;
}

// Ctrl-C, and npx's SIGTERM when it is interrupted itself.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

const deadline = new AbortController();
try {
  await Promise.race([
    runBenchmark(),
    delay(overallTimeoutMs, undefined, { signal: deadline.signal }).then(() => {
      throw new Error(`benchmark did not finish within ${overallTimeoutMs / 1000} s`);
    }),
  ]);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  deadline.abort();
  await cleanUp();
}
// A phase cut short by the timeout may still hold a socket open.
process.exit();
