import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { statusCommand } from '../../src/cli/status-command.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { StatusReport } from '../../src/observability/read-status.js';
import { JobQueues } from '../../src/queue/job-queues.js';
import { pickFreePort } from '../../src/sandbox/pick-free-port.js';
import { HoldLedger } from '../../src/store/hold-ledger.js';
import { identifyMailbox, WatcherLock } from '../../src/store/watcher-lock.js';
import { cleanupPrefix } from '../support/cleanup-prefix.js';
import { useSharedRedis } from '../support/shared-redis.js';
import { writeTestConfig } from '../support/write-test-config.js';
import { useCleanups } from '../support/use-cleanups.js';

const runFile = promisify(execFile);
const cliPath = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');
// Wednesday 25 November 2026, 22:30 UTC: after both clients' hours.
const now = new Date('2026-11-25T22:30:00Z');
const env = { TEST_IMAP_PASS: 'unused' };
const clients = {
  acme: [
    'name: Acme Corp',
    'match: { domains: [acme.example] }',
    'timezone: UTC',
    'hours:',
    '  mon-fri: ["09:00-17:00"]',
    'checkIns: []',
    '',
  ].join('\n'),
  bloom: [
    'name: Bloom Studio',
    'match: { domains: [bloom.example] }',
    'timezone: America/New_York',
    'hours:',
    '  mon-fri: ["09:00-17:00"]',
    'checkIns: []',
    '',
  ].join('\n'),
};

const defer = useCleanups();

/** A prefix in the shared Redis seeded as a daemon would leave it: two held messages, queued jobs. */
async function seedScene() {
  const redis = useSharedRedis();
  const written = await writeTestConfig({
    imap: { host: '127.0.0.1', port: 1, user: 'dana', pass: 'unused' },
    smtpPort: 1,
    redis,
    clients,
  });
  const config = await loadConfig(written.path, { env, now });
  defer(() => written.remove());
  const client = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queues = new JobQueues(client, redis.prefix);
  defer(
    () => client.quit(),
    () => queues.close(),
    () => cleanupPrefix(redis.url, redis.prefix),
  );
  // As a running daemon would: its lease on the mailbox (long enough for the test).
  const mailboxId = identifyMailbox(config.imap);
  await new WatcherLock(client, redis.prefix, mailboxId, 'vm:4242:ab12cd34', 60_000).tryAcquire();
  await new HoldLedger(client, redis.prefix, mailboxId).record(
    new Map([
      [
        'key-acme',
        {
          clientId: 'acme',
          resumeAt: '2026-11-27T11:00:00.000Z',
          from: 'jane@acme.example',
          subject: 'Invoice question',
          heldAt: '2026-11-25T22:00:00.000Z',
          uid: 7,
        },
      ],
      [
        'key-bloom',
        {
          clientId: 'bloom',
          resumeAt: '2026-11-26T14:00:00.000Z',
          from: 'li@bloom.example',
          subject: 'Moodboard',
          heldAt: '2026-11-25T22:10:00.000Z',
          uid: 8,
        },
      ],
    ]),
  );
  // Far enough ahead to stay delayed whatever the real date; the status reads dueAt.
  const delayMs = 30 * 86_400_000;
  await queues.enqueue([
    {
      name: 'release',
      jobId: 'release-acme-1',
      data: { clientId: 'acme', dueAt: '2026-11-27T11:00:00.000Z' },
      delayMs,
    },
    {
      name: 'release',
      jobId: 'release-bloom-1',
      data: { clientId: 'bloom', dueAt: '2026-11-26T14:00:00.000Z' },
      delayMs,
    },
    {
      name: 'reply',
      jobId: 'reply-key-acme',
      data: {
        messageKey: 'key-acme',
        clientId: 'acme',
        kind: 'out-of-hours',
        to: 'jane@acme.example',
        subject: 'Auto: Invoice question',
        body: 'Back on Friday',
        inReplyTo: null,
        references: [],
        oncePerSeconds: 86_400,
      },
    },
  ]);
  return { config, configPath: written.path, prefix: redis.prefix };
}

async function runStatus(config: Awaited<ReturnType<typeof loadConfig>>, json: boolean) {
  let out = '';
  let err = '';
  const code = await statusCommand(config, {
    now,
    json,
    write: (text) => (out += text),
    writeError: (text) => (err += text),
  });
  return { code, out, err };
}

describe('offhours status', () => {
  it('--json: held mail by return time, queue counts, the next releases, on call and each client', async () => {
    const scene = await seedScene();
    const { code, out, err } = await runStatus(scene.config, true);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out) as StatusReport;
    expect(report.prefix).toBe(scene.prefix);
    expect(report.onCall).toEqual({ name: 'Sam Ortiz', address: 'sam@studio.example' });
    expect(report.watcher).toBe('vm:4242:ab12cd34');
    expect(report.held.map((entry) => [entry.clientId, entry.resumeAt, entry.timeZone])).toEqual([
      ['bloom', '2026-11-26T14:00:00.000Z', 'America/New_York'],
      ['acme', '2026-11-27T11:00:00.000Z', 'UTC'],
    ]);
    expect(report.queues).toEqual({
      mail: { waiting: 1, delayed: 0, active: 0, failed: 0 },
      hold: { waiting: 0, delayed: 2, active: 0, failed: 0 },
    });
    expect(report.nextReleases.map((release) => [release.clientId, release.dueAt])).toEqual([
      ['bloom', '2026-11-26T14:00:00.000Z'],
      ['acme', '2026-11-27T11:00:00.000Z'],
    ]);
    expect(report.clients).toEqual([
      {
        id: 'acme',
        name: 'Acme Corp',
        timeZone: 'UTC',
        available: false,
        reason: 'UNAVAILABLE_OUTSIDE_HOURS',
        nextLookAt: '2026-11-26T09:00:00.000Z',
      },
      {
        id: 'bloom',
        name: 'Bloom Studio',
        timeZone: 'America/New_York',
        available: false,
        reason: 'UNAVAILABLE_OUTSIDE_HOURS',
        nextLookAt: '2026-11-26T14:00:00.000Z',
      },
    ]);
  });

  it('text: readable by the VA, times on each client’s clock', async () => {
    const scene = await seedScene();
    const { code, out } = await runStatus(scene.config, false);
    expect(code).toBe(0);
    expect(out).toContain('Held: 2 messages');
    expect(out).toContain(
      'acme  back on Friday 27 November at 11:00  from jane@acme.example  "Invoice question"',
    );
    expect(out).toContain('bloom  back tomorrow at 09:00  from li@bloom.example  "Moodboard"');
    expect(out).toContain('mail (replies, forwards)  1 waiting, 0 scheduled, 0 running, 0 failed');
    expect(out).toContain('release of bloom tomorrow at 09:00');
    expect(out).toContain('on call  Sam Ortiz <sam@studio.example>');
  });

  it('runs from the CLI (dist) with --config, --at and --json', async () => {
    const scene = await seedScene();
    const { stdout } = await runFile(
      process.execPath,
      [cliPath, 'status', '--config', scene.configPath, '--at', now.toISOString(), '--json'],
      { env: { ...process.env, ...env } },
    );
    const report = JSON.parse(stdout) as StatusReport;
    expect(report.at).toBe(now.toISOString());
    expect(report.held).toHaveLength(2);
  });

  it('exits 1 with REDIS_UNAVAILABLE, and no credentials, when Redis cannot be reached', async () => {
    const port = await pickFreePort();
    const written = await writeTestConfig({
      imap: { host: '127.0.0.1', port: 1, user: 'dana', pass: 'unused' },
      smtpPort: 1,
      redis: { url: `redis://:s3cret@127.0.0.1:${port}`, prefix: 'oh-status-down' },
      clients,
    });
    defer(() => written.remove());
    const config = await loadConfig(written.path, { env, now });
    const { code, out, err } = await runStatus(config, false);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(
      new RegExp(`^REDIS_UNAVAILABLE: cannot reach Redis at 127\\.0\\.0\\.1:${port}`),
    );
    expect(err).not.toContain('s3cret');
  });
});
