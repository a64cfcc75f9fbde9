/**
 * One scenario's world: its own Dovecot (which it can take down), its own Redis with AOF
 * in a temp dir (which it can SIGKILL and restart), the fault sink, a fresh mailbox, a
 * config in a temp dir, and any number of `offhours run` processes on that config (a
 * second one is a standby). `stop` undoes all of it, daemons first.
 */
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startDovecot, type DovecotServer } from '../../../src/sandbox/start-dovecot.js';
import { startRedis, type RedisServer } from '../../../src/sandbox/start-redis.js';
import { controlDovecot, type DovecotControl } from '../../support/control-dovecot.js';
import { connectMailbox, type MailboxClient } from '../../support/mailbox-client.js';
import { startOffhours, type LogLine, type OffhoursProcess } from '../../support/start-offhours.js';
import { writeTestConfig } from '../../support/write-test-config.js';
import { faultAt, faultClients } from './fault-clients.js';
import { startFaultSink, type FaultSink } from './start-fault-sink.js';

export const faultPrefix = 'oh-faults';

export interface RigOptions {
  clients?: Record<string, string>;
  /** limits.perAddressPerHour and limits.globalPerMinute; the defaults when absent. */
  limits?: { perAddressPerHour?: number; globalPerMinute?: number };
}

export interface FaultDaemon {
  readonly process: OffhoursProcess;
  /** performance.now() at spawn. */
  readonly spawnedAt: number;
}

export interface FaultRig {
  readonly dovecot: DovecotServer;
  readonly dovecotControl: DovecotControl;
  readonly redis: RedisServer;
  readonly sink: FaultSink;
  readonly account: { user: string; pass: string };
  readonly mailbox: MailboxClient;
  readonly configPath: string;
  readonly configDir: string;
  /** Where and as whom to read the mailbox (for readOutcomes). */
  readonly imap: { host: string; port: number; user: string; pass: string };
  readonly redisKeys: { url: string; prefix: string };
  readonly daemons: FaultDaemon[];
  /** Spawns `offhours run` at the scenario clock (or `at`); waits for `watcher_ready` unless told not to. */
  startDaemon(options?: { at?: string; waitReady?: boolean }): Promise<FaultDaemon>;
  /** Every log line of every daemon started so far, in start order. */
  allLogs(): LogLine[];
  /** A fresh IMAP connection (after an outage the old one is gone). */
  reconnectMailbox(): Promise<MailboxClient>;
  stop(): Promise<void>;
}

export async function startFaultRig(options: RigOptions = {}): Promise<FaultRig> {
  const undo: (() => Promise<unknown>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (let step = undo.pop(); step !== undefined; step = undo.pop()) {
      await step().catch((error: unknown) => console.error('fault rig cleanup failed:', error));
    }
  };
  try {
    const dovecot = await startDovecot();
    undo.push(() => dovecot.stop());
    const dovecotControl = controlDovecot(dovecot);
    undo.push(() => dovecotControl.release());
    const redis = await startRedis();
    undo.push(() => redis.stop());
    const sink = await startFaultSink();
    undo.push(() => sink.stop());
    const account = dovecot.newUser();
    const config = await writeTestConfig({
      imap: { host: dovecot.host, port: dovecot.port, ...account },
      smtpPort: sink.port,
      redis: { url: redis.url, prefix: faultPrefix },
      clients: options.clients ?? faultClients,
    });
    undo.push(() => config.remove());
    if (options.limits !== undefined) {
      const { perAddressPerHour = 3, globalPerMinute = 30 } = options.limits;
      appendFileSync(
        config.path,
        `limits: { perAddressPerHour: ${perAddressPerHour}, globalPerMinute: ${globalPerMinute} }\n`,
      );
    }
    const mailboxes: MailboxClient[] = [await connectMailbox(dovecot, account)];
    undo.push(() =>
      Promise.all(mailboxes.map((mailbox) => mailbox.close().catch(() => undefined))),
    );
    const daemons: FaultDaemon[] = [];
    undo.push(() => Promise.all(daemons.map((daemon) => daemon.process.stop())));

    return {
      dovecot,
      dovecotControl,
      redis,
      sink,
      account,
      mailbox: mailboxes[0] as MailboxClient,
      configPath: config.path,
      configDir: config.dir,
      imap: { host: dovecot.host, port: dovecot.port, ...account },
      redisKeys: { url: redis.url, prefix: faultPrefix },
      daemons,
      async startDaemon({ at = faultAt, waitReady = true } = {}) {
        const daemon: FaultDaemon = {
          spawnedAt: performance.now(),
          process: startOffhours(['run', '--config', config.path, '--at', at], {
            TEST_IMAP_PASS: account.pass,
            LOG_LEVEL: 'info',
          }),
        };
        daemons.push(daemon);
        if (waitReady)
          await daemon.process.waitForLog((line) => line.event === 'watcher_ready', 60_000);
        return daemon;
      },
      allLogs: () => daemons.flatMap((daemon) => daemon.process.logs),
      async reconnectMailbox() {
        const mailbox = await connectMailbox(dovecot, account);
        mailboxes.push(mailbox);
        return mailbox;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
