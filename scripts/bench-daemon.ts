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
import { readProcessMemory } from './bench-support/read-process-memory.js';
import { startBenchDaemon, type BenchDaemon } from './bench-support/start-bench-daemon.js';
import { stopBenchDaemon } from './bench-support/stop-bench-daemon.js';
import { summarizeSamples } from './bench-support/summarize-samples.js';

/*
 * The running daemon against the physical floor (`npm run build && npx tsx
 * scripts/bench-daemon.ts`). It starts its own Dovecot, Redis and SMTP sink, runs the built
 * daemon as a child process (`node dist/cli/main.js run --at <evening>`) and measures, in one
 * run: Dovecot's own IDLE notification delay, end-to-end reply latency, the 50 MiB message,
 * backlog throughput and memory. Everything it started is stopped at the end, on error, on
 * Ctrl-C and at the overall timeout.
 */

const overallTimeoutMs = 5 * 60_000;
const floorSamples = 20;
const endToEndSamples = 25;
const largeBase64Bytes = 50 * 1024 * 1024;
const backlogTotal = 2_000;
const backlogSenders = 300;
const backlogConnections = 3;
/** test-services.md: the whole pipeline batched by 500, measured on this machine. */
const docPipelinePerSecond = 1_078;

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
  });
  daemons = [backlog.daemon];

  const ms = (value: number) => `${Math.round(value)} ms`;
  const mib = (value: number) => `${value.toFixed(1)} MiB`;
  const wallRate = (backlogTotal / backlog.wallMs) * 1000;
  const triageRate = (backlogTotal / backlog.triageMs) * 1000;
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
          `${ms(backlog.wallMs)} from spawn; triage alone ${ms(backlog.triageMs)} = ${Math.round(triageRate)} msg/s`,
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
      `backlog vs doc pipeline (${docPipelinePerSecond}/s): from spawn ${(wallRate / docPipelinePerSecond).toFixed(2)}x, triage alone ${(triageRate / docPipelinePerSecond).toFixed(2)}x`,
      `backlog mix: ${counts['out-of-hours client']} out-of-hours client (${backlogSenders} senders), ${counts['in-hours client']} in-hours client, ${counts.newsletter} newsletters; ` +
        `${backlog.held} held, ${backlog.jobs} jobs; APPEND over ${backlogConnections} connections ${Math.round((backlogTotal / backlog.appendMs) * 1000)} msg/s`,
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
