/**
 * One isolated offhours set-up for a test: a fresh mailbox user on the harness Dovecot, a
 * fresh queue prefix on the shared Redis, a config in a temp dir, and the daemon process
 * started (`start`) and awaited until it watches. Everything is undone by `cleanup`.
 */
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import { cleanupPrefix } from './cleanup-prefix.js';
import { connectMailbox, type MailboxClient } from './mailbox-client.js';
import { useSharedRedis } from './shared-redis.js';
import { startOffhours, type OffhoursProcess } from './start-offhours.js';
import { writeTestConfig, type TestConfigSpec } from './write-test-config.js';

export interface TestDaemon {
  readonly account: { user: string; pass: string };
  readonly mailbox: MailboxClient;
  readonly configPath: string;
  readonly configDir: string;
  readonly redis: { url: string; prefix: string };
  /** The running daemon (the last one started). */
  daemon: OffhoursProcess;
  /** `env`: more environment for this process (OFFHOURS_CRASH_AT...). */
  start(
    at?: string,
    options?: { waitReady?: boolean; env?: Record<string, string> },
  ): Promise<OffhoursProcess>;
  cleanup(): Promise<void>;
}

export async function startTestDaemon(
  dovecot: DovecotServer,
  smtpPort: number,
  at: string,
  spec: Pick<TestConfigSpec, 'clients'> &
    Partial<Omit<TestConfigSpec, 'imap' | 'smtpPort' | 'redis'>> & {
      /** A Redis of the test's own (e.g. one it kills); default the shared one. */
      redisUrl?: string;
      /** More environment for the first daemon process (OFFHOURS_CRASH_AT...). */
      startEnv?: Record<string, string>;
    },
): Promise<TestDaemon> {
  const account = dovecot.newUser();
  const { redisUrl, startEnv, ...configSpec } = spec;
  const shared = useSharedRedis();
  const redis = { url: redisUrl ?? shared.url, prefix: shared.prefix };
  const config = await writeTestConfig({
    ...configSpec,
    imap: { ...dovecot, ...account },
    smtpPort,
    redis,
  });
  const mailbox = await connectMailbox(dovecot, account);
  const started: OffhoursProcess[] = [];
  const test: TestDaemon = {
    account,
    mailbox,
    configPath: config.path,
    configDir: config.dir,
    redis,
    daemon: undefined as unknown as OffhoursProcess,
    async start(startAt = at, { waitReady = true, env = {} } = {}) {
      const daemon = startOffhours(['run', '--config', config.path, '--at', startAt], {
        ...env,
        TEST_IMAP_PASS: account.pass,
      });
      started.push(daemon);
      test.daemon = daemon;
      if (waitReady) await daemon.waitForLog((line) => line.event === 'watcher_ready');
      return daemon;
    },
    async cleanup() {
      await Promise.all(started.map((daemon) => daemon.stop()));
      await mailbox.close();
      await cleanupPrefix(redis.url, redis.prefix);
      await config.remove();
    },
  };
  await test.start(at, { env: startEnv ?? {} });
  return test;
}
