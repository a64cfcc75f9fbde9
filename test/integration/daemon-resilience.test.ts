import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { Redis } from 'ioredis';
import { composeMail } from '../support/compose-mail.js';
import { connectMailbox } from '../support/mailbox-client.js';
import type { LogLine } from '../support/start-offhours.js';
import { startTestDaemon, type TestDaemon } from '../support/start-test-daemon.js';
import { useMailServices } from '../support/use-mail-services.js';
import { useCleanups } from '../support/use-cleanups.js';

// Wednesday 25 November 2026 after hours; the next check-in is far away (Thursday 08:00).
const eveningAt = '2026-11-25T21:00:00Z';

const clientFile = (domain: string, name: string) =>
  [
    `name: ${name}`,
    `match: { domains: [${domain}] }`,
    'timezone: UTC',
    'hours:',
    '  mon-fri: ["09:00-17:00"]',
    'checkIns: ["08:00"]',
    'emergency: { keywords: [urgent] }',
    '',
  ].join('\n');

let dovecot: DovecotServer;
let sink: SmtpSink;
const defer = useCleanups();

const services = useMailServices();
beforeEach(() => {
  ({ dovecot, sink } = services());
});

async function setUp(
  spec: Parameters<typeof startTestDaemon>[3] = {
    clients: { acme: clientFile('acme.example', 'Acme Corp') },
  },
): Promise<TestDaemon> {
  const test = await startTestDaemon(dovecot, sink.port, eveningAt, spec);
  defer(() => test.cleanup());
  return test;
}

const uniqueSender = (domain = 'acme.example') => `pat-${randomBytes(4).toString('hex')}@${domain}`;
const decisionFor = (messageId: string) => (line: LogLine) =>
  line.event === 'decision' && line['messageId'] === messageId;
const sentTo = (address: string) =>
  sink.messages.filter((mail) => mail.envelope.to.includes(address));

describe('offhours run keeps going and never doubles up', () => {
  it('brings a sender’s held mail back at once when they follow up with an emergency', async () => {
    const test = await setUp();
    const sender = uniqueSender();
    const first = composeMail({ from: sender, subject: 'Contract question' });
    await test.mailbox.append(first.raw);
    await test.daemon.waitForLog((line) => line.event === 'batch_triaged' && line['held'] === 1);
    expect((await test.mailbox.list('Held')).map((entry) => entry.messageId)).toEqual([
      first.messageId,
    ]);

    const urgent = composeMail({
      from: sender,
      subject: 'URGENT: need the contract signed tonight',
    });
    await test.mailbox.append(urgent.raw);
    await test.daemon.waitForLog((line) => line.event === 'released' && line['sender'] === sender);
    const inbox = await test.mailbox.list('INBOX');
    expect(inbox.map((entry) => entry.messageId).sort()).toEqual(
      [first.messageId, urgent.messageId].sort(),
    );
    expect(inbox.find((entry) => entry.messageId === first.messageId)?.flags.has('\\Seen')).toBe(
      false,
    );
    expect(await test.mailbox.list('Held')).toEqual([]);
  });

  it('brings a held message back at once when someone else escalates its thread', async () => {
    const test = await setUp();
    const asker = uniqueSender();
    const question = composeMail({ from: asker, subject: 'Order 1182 status' });
    await test.mailbox.append(question.raw);
    await test.daemon.waitForLog((line) => line.event === 'batch_triaged' && line['held'] === 1);

    const boss = uniqueSender();
    const escalation = composeMail({
      from: boss,
      subject: 'Re: Order 1182 status - URGENT',
      headers: { 'In-Reply-To': `<${question.messageId}>`, References: `<${question.messageId}>` },
    });
    await test.mailbox.append(escalation.raw);
    const released = await test.daemon.waitForLog(
      (line) => line.event === 'released' && line['sender'] === boss,
    );
    expect(released['released']).toBe(1);
    const inbox = await test.mailbox.list('INBOX');
    expect(inbox.map((entry) => entry.messageId).sort()).toEqual(
      [question.messageId, escalation.messageId].sort(),
    );
    expect(await test.mailbox.list('Held')).toEqual([]);
  });

  it('does not retry a reply the SMTP server refuses permanently (5xx), and retries a 4xx', async () => {
    const test = await setUp();
    const refused = uniqueSender();
    sink.failNext(550, 'mailbox unavailable');
    await test.mailbox.append(composeMail({ from: refused, subject: 'Refused' }).raw);
    const failure = await test.daemon.waitForLog(
      (line) => line.event === 'job_failed' && line['job'] === 'reply',
    );
    expect(failure).toMatchObject({ code: 'SMTP_PERMANENT', attempt: 1, willRetry: false });

    const deferred = uniqueSender();
    sink.failNext(451, 'try again later');
    await test.mailbox.append(composeMail({ from: deferred, subject: 'Deferred' }).raw);
    const transient = await test.daemon.waitForLog(
      (line) => line.event === 'job_failed' && line['code'] === 'SMTP_TRANSIENT',
    );
    expect(transient).toMatchObject({ attempt: 1, willRetry: true });
    await sink.waitFor((mail) => mail.envelope.to.includes(deferred), 20_000);
    expect(sentTo(deferred)).toHaveLength(1);
    expect(sentTo(refused)).toHaveLength(0);
    expect(
      test.daemon.logs.filter(
        (line) => line.event === 'job_failed' && line['code'] === 'SMTP_PERMANENT',
      ),
    ).toHaveLength(1);
  });

  it('reports an invalid config edit with file, line and key, keeps the last good config, and applies the next valid edit', async () => {
    const test = await setUp();
    const clientPath = join(test.configDir, 'clients', 'acme.yaml');
    writeFileSync(
      clientPath,
      readFileSync(clientPath, 'utf8').replace('09:00-17:00', '09:00-1700'),
    );
    const rejected = await test.daemon.waitForLog((line) => line.event === 'config_rejected');
    expect(String(rejected.msg)).toContain(
      "clients/acme.yaml line 5, hours.mon-fri[0]: '09:00-1700' is not HH:MM-HH:MM",
    );

    const mail = composeMail({ from: uniqueSender(), subject: 'Still there?' });
    await test.mailbox.append(mail.raw);
    const decision = await test.daemon.waitForLog(decisionFor(mail.messageId));
    expect(decision['actions']).toEqual(['reply', 'hold']);

    // A valid edit takes effect without a restart: Acme now works evenings too.
    writeFileSync(
      clientPath,
      readFileSync(clientPath, 'utf8').replace('09:00-1700', '09:00-23:00'),
    );
    await test.daemon.waitForLog((line) => line.event === 'config_reloaded');
    const later = composeMail({ from: uniqueSender(), subject: 'Evening hours now?' });
    await test.mailbox.append(later.raw);
    const inHours = await test.daemon.waitForLog(decisionFor(later.messageId));
    expect(inHours).toMatchObject({ available: true, actions: [] });
  });

  it('lets only one of two daemons on the same mailbox watch it', async () => {
    const test = await setUp();
    const first = test.daemon;
    const second = await test.start(eveningAt, { waitReady: false });
    await second.waitForLog(
      (line) => line.event === 'watcher_state' && line['state'] === 'standby',
    );
    const mail = composeMail({ from: uniqueSender(), subject: 'Only once' });
    await test.mailbox.append(mail.raw);
    await first.waitForLog(decisionFor(mail.messageId));
    await first.waitForLog((line) => line.event === 'batch_triaged');
    expect(second.logs.filter((line) => line.event === 'decision')).toEqual([]);
  });

  it('reconnects after the IMAP server restarts and catches up on mail that arrived meanwhile', async () => {
    const test = await setUp();
    await dovecot.restart();
    await test.daemon.waitForLog(
      (line) => line.event === 'watcher_state' && line['state'] === 'disconnected',
    );
    const mailbox = await connectMailbox(dovecot, test.account);
    defer(() => mailbox.close());
    const mail = composeMail({ from: uniqueSender(), subject: 'Sent while you reconnected' });
    await mailbox.append(mail.raw);
    const decision = await test.daemon.waitForLog(decisionFor(mail.messageId), 30_000);
    expect(decision['actions']).toEqual(['reply', 'hold']);
    const states = test.daemon.logs
      .filter((line) => line.event === 'watcher_state')
      .map((line) => line['state']);
    expect(states.filter((state) => state === 'disconnected')).toHaveLength(1);
  });

  it('decides odd mail (broken MIME, a huge header) and keeps going', async () => {
    const test = await setUp();
    const broken = composeMail({ from: uniqueSender(), subject: 'Broken', headers: {} });
    const brokenRaw = broken.raw.replace(
      'Content-Type: text/plain; charset=utf-8',
      'Content-Type: multipart/mixed; boundary="never-closed"',
    );
    const huge = composeMail({ from: uniqueSender(), subject: `Huge ${'x'.repeat(200_000)}` });
    await test.mailbox.append(brokenRaw);
    await test.mailbox.append(huge.raw);
    for (const messageId of [broken.messageId, huge.messageId]) {
      const decision = await test.daemon.waitForLog(decisionFor(messageId));
      expect(decision['client']).toBe('acme');
    }
    const reply = await sink.waitFor((mail) => mail.subject.startsWith('Auto: Huge'), 15_000);
    expect(reply.subject.length).toBeLessThanOrEqual(250);
  });

  it('stops after one reply each when two offhours answer each other', async () => {
    const dana = await setUp({
      assistant: { name: 'Dana Reyes', address: 'dana@studio.example' },
      clients: { bloom: clientFile('bloom.example', 'Bloom Florists') },
    });
    const lee = await setUp({
      assistant: { name: 'Lee Tan', address: 'lee@bloom.example' },
      backup: { name: 'Kim Park', address: 'kim@bloom.example' },
      clients: { studio: clientFile('studio.example', 'Dana’s studio') },
    });
    await dana.mailbox.append(
      composeMail({
        from: 'Lee Tan <lee@bloom.example>',
        to: 'dana@studio.example',
        subject: 'Catch up?',
      }).raw,
    );
    await lee.mailbox.append(
      composeMail({
        from: 'Dana Reyes <dana@studio.example>',
        to: 'lee@bloom.example',
        subject: 'Invoice',
      }).raw,
    );
    const toLee = await sink.waitFor(
      (mail) => mail.envelope.to.includes('lee@bloom.example'),
      15_000,
    );
    const toDana = await sink.waitFor(
      (mail) => mail.envelope.to.includes('dana@studio.example'),
      15_000,
    );

    // Deliver each auto-reply to the other side, as a mail server would.
    await lee.mailbox.append(`Return-Path: <${toLee.envelope.from}>\r\n${toLee.raw.toString()}`);
    await dana.mailbox.append(`Return-Path: <${toDana.envelope.from}>\r\n${toDana.raw.toString()}`);
    const idOf = (raw: Buffer) => /^Message-ID:\s*<([^>]+)>/im.exec(raw.toString())?.[1] ?? '';
    const atLee = await lee.daemon.waitForLog(decisionFor(idOf(toLee.raw)));
    const atDana = await dana.daemon.waitForLog(decisionFor(idOf(toDana.raw)));
    for (const decision of [atLee, atDana]) {
      expect(decision['automated']).toBe(true);
      expect(decision['actions']).toEqual(['hold']);
      expect(decision['reasons']).toContain('AUTO_OFFHOURS_MARKER');
    }
    await lee.daemon.waitForLog(
      (line) =>
        line.event === 'batch_triaged' &&
        line['held'] === 1 &&
        lee.daemon.logs.filter((l) => l.event === 'batch_triaged').length >= 2,
    );
    expect(sentTo('lee@bloom.example')).toHaveLength(1);
    expect(sentTo('dana@studio.example')).toHaveLength(1);
  });

  it('brings back held mail whose hold record was lost, when it starts', async () => {
    const test = await setUp();
    const sender = uniqueSender();
    const mail = composeMail({ from: sender, subject: 'Held, then forgotten' });
    await test.mailbox.append(mail.raw);
    await sink.waitFor((received) => received.envelope.to.includes(sender), 15_000);
    await test.daemon.waitForLog((line) => line.event === 'batch_triaged' && line['held'] === 1);
    expect(await test.daemon.stop()).toBe(0);

    // Redis loses the hold ledger and the scheduled release (e.g. restored from an old copy).
    const redis = new Redis(test.redis.url);
    try {
      const keys = await redis.keys(`${test.redis.prefix}:*`);
      const holdKeys = keys.filter(
        (key) =>
          key.startsWith(`${test.redis.prefix}:held:`) ||
          key.startsWith(`${test.redis.prefix}:hold:`),
      );
      expect(holdKeys.length).toBeGreaterThan(1);
      await redis.del(...holdKeys);
    } finally {
      await redis.quit();
    }
    expect((await test.mailbox.list('Held')).map((entry) => entry.messageId)).toEqual([
      mail.messageId,
    ]);

    const restarted = await test.start();
    await restarted.waitForLog((line) => line.event === 'released' && line['released'] === 1);
    const inbox = await test.mailbox.list('INBOX');
    expect(inbox.map((entry) => entry.messageId)).toEqual([mail.messageId]);
    expect(inbox[0]?.flags.has('\\Seen')).toBe(false);
    expect(await test.mailbox.list('Held')).toEqual([]);
    // A later message is triaged after the released one came back: only it gets a decision.
    const sentinel = composeMail({ from: uniqueSender(), subject: 'After the sweep' });
    await test.mailbox.append(sentinel.raw);
    await restarted.waitForLog(decisionFor(sentinel.messageId));
    const decided = restarted.logs.filter((line) => line.event === 'decision');
    expect(decided.map((line) => line['messageId'])).toEqual([sentinel.messageId]);
    expect(sentTo(sender)).toHaveLength(1);
  });

  it('never writes a password to its logs', async () => {
    const test = await setUp();
    await test.mailbox.append(composeMail({ from: uniqueSender(), subject: 'Hello' }).raw);
    await test.daemon.waitForLog((line) => line.event === 'batch_triaged');
    const everything = [
      ...test.daemon.logs.map((line) => JSON.stringify(line)),
      ...test.daemon.stderr,
    ].join('\n');
    expect(everything).toContain(test.account.user);
    expect(everything).not.toContain(test.account.pass);
  });
});
