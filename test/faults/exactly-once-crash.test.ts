/**
 * kill -9 at every step of a delivery, and a restart: each reply and forward reaches the
 * SMTP server exactly once. `server` mode plays a provider that files its own Sent copy
 * before answering 250 (Gmail, Microsoft 365); `append` mode has offhours file the copy.
 * The steps: before the SMTP transaction (OFFHOURS_CRASH_AT=before-send), after the server
 * took the message but before its 250 reached offhours (the sink's gate kills the daemon),
 * after the 250 (after-accept) and after the delivery record (after-record). The one step
 * not here, after-accept with `append`, is the window docs/exactly-once.md measures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffhours } from '../support/start-offhours.js';
import { composeExpectedMail, uniqueSender } from './support/compose-fault-backlog.js';
import { isForward, isReply } from './support/count-outcomes.js';
import { faultAt } from './support/fault-clients.js';
import { reportFigures } from './support/report-figures.js';
import { startFaultRig, type FaultRig } from './support/start-fault-rig.js';
import type { SinkMail } from './support/start-fault-sink.js';
import { waitForSettledQueues } from './support/wait-for-settled-queues.js';

let rig: FaultRig | undefined;
let sentCopier: ImapFlow | undefined;
beforeAll(async () => {
  rig = await startFaultRig();
  sentCopier = new ImapFlow({
    host: rig.imap.host,
    port: rig.imap.port,
    secure: false,
    auth: { user: rig.imap.user, pass: rig.imap.pass },
    logger: false,
  });
  sentCopier.on('error', () => undefined);
  await sentCopier.connect();
  await sentCopier.mailboxCreate('Sent').catch(() => undefined);
}, 120_000);
afterAll(async () => {
  // The window no copy can close (sentCopy append or none): from the server's 250 to the
  // delivery record, as every daemon of this file measured it.
  const windows = (rig?.allLogs() ?? [])
    .filter((line) => line.event === 'delivery_recorded' && typeof line['windowMs'] === 'number')
    .map((line) => Number(line['windowMs']))
    .sort((a, b) => a - b);
  if (windows.length > 0)
    reportFigures({
      scenario: 'window: 250 to delivery record',
      messages: windows.length,
      lost: 0,
      duplicateReplies: 0,
      duplicateForwards: 0,
      recoverySeconds: null,
      note: `median ${windows[Math.floor(windows.length / 2)]?.toFixed(2)} ms, max ${windows.at(-1)?.toFixed(2)} ms over ${windows.length} deliveries`,
    });
  await sentCopier?.logout().catch(() => undefined);
  await rig?.stop();
});

type Mode = 'server' | 'append';
type Crash =
  | 'before-send'
  | 'before-250'
  | 'after-accept'
  | 'after-accept:forward'
  | 'after-record'
  | 'after-record:forward';

function useSentCopy(mode: Mode): void {
  const { configPath } = rig as FaultRig;
  const text = readFileSync(configPath, 'utf8').replace(
    /^(smtp: \{[^\n]*?)(?:, sentCopy: \w+)? \}$/m,
    `$1, sentCopy: ${mode} }`,
  );
  writeFileSync(configPath, text);
}

function spawnDaemon(env: Record<string, string> = {}) {
  const current = rig as FaultRig;
  const process = startOffhours(['run', '--config', current.configPath, '--at', faultAt], {
    TEST_IMAP_PASS: current.account.pass,
    LOG_LEVEL: 'debug',
    ...env,
  });
  current.daemons.push({ process, spawnedAt: performance.now() });
  return process;
}

const kinds = (mail: SinkMail) => (isForward(mail) ? 'forward' : isReply(mail) ? 'reply' : null);

describe('kill -9 at every step of a delivery', () => {
  it.each<[Mode, Crash, 'reply' | 'forward', string]>([
    ['server', 'before-send', 'reply', 'delivery_resumed'],
    ['server', 'before-250', 'reply', 'delivery_recovered'],
    ['server', 'after-accept', 'reply', 'delivery_recovered'],
    ['server', 'after-accept:forward', 'forward', 'delivery_recovered'],
    ['append', 'before-send', 'reply', 'delivery_resumed'],
    ['append', 'after-record', 'reply', 'reply_already_sent'],
    ['append', 'after-record:forward', 'forward', 'forward_already_sent'],
  ])(
    'sentCopy %s, killed %s: one %s, and the restart logs %s',
    async (mode, crash, kind, recoveryEvent) => {
      const current = rig as FaultRig;
      const copier = sentCopier as ImapFlow;
      useSentCopy(mode);
      const sender = uniqueSender(`${mode}-${crash.replace(':', '-')}`);
      const mail =
        kind === 'reply'
          ? composeExpectedMail(sender, `Invoice question (${crash})`, {
              fate: 'held',
              reply: 'out-of-hours',
              forward: false,
            })
          : composeExpectedMail(sender, `URGENT: site down (${crash})`, {
              fate: 'inbox',
              reply: 'emergency',
              forward: true,
            });
      const mine = (sunk: SinkMail) =>
        sunk.to.includes(sender.toLowerCase()) ||
        (sunk.raw.includes(mail.expected.messageId) && isForward(sunk));
      const counted = () => current.sink.accepted.filter(mine);
      const count = (what: 'reply' | 'forward') =>
        counted().filter((m) => kinds(m) === what).length;

      let victim: ReturnType<typeof spawnDaemon> | undefined;
      // Provider mode: the copy is filed before the 250, as Gmail does.
      current.sink.setGate(async (sunk) => {
        if (!mine(sunk)) return;
        if (mode === 'server') await copier.append('Sent', sunk.raw, ['\\Seen']);
        if (crash === 'before-250' && victim !== undefined) {
          const dying = victim;
          victim = undefined;
          await dying.kill();
        }
      });
      const crashEnv: Record<string, string> =
        crash === 'before-250' ? {} : { OFFHOURS_CRASH_AT: crash };
      victim = spawnDaemon(crashEnv);
      const first = victim;
      await first.waitForLog((line) => line.event === 'watcher_ready', 60_000);
      await current.mailbox.append(mail.raw);
      const exited = await first.waitForExit(60_000);
      expect(exited).toBe('SIGKILL');

      const killedAt = performance.now();
      const second = spawnDaemon();
      // The delivery the crash cut off is taken up again (a stalled job) and settles.
      await second.waitForLog((line) => line.event === recoveryEvent, 90_000);
      const wantReplies = 1;
      const wantForwards = kind === 'forward' ? 1 : 0;
      await current.sink.waitUntil(
        () => count('reply') >= wantReplies && count('forward') >= wantForwards,
        'the delivery after the restart',
        90_000,
      );
      const recoverySeconds = (performance.now() - killedAt) / 1000;
      // Nothing left queued that could still send: a duplicate would show up before this.
      const outstanding = await waitForSettledQueues(
        current.redisKeys.url,
        current.redisKeys.prefix,
      );
      expect(outstanding).toBe(0);
      await second.stop();
      current.sink.setGate(null);
      expect(count('reply')).toBe(wantReplies);
      expect(count('forward')).toBe(wantForwards);
      reportFigures({
        scenario: `kill -9 ${crash}, sentCopy ${mode} (${kind})`,
        messages: 1,
        lost:
          wantReplies -
          Math.min(count('reply'), wantReplies) +
          (wantForwards - Math.min(count('forward'), wantForwards)),
        duplicateReplies: Math.max(0, count('reply') - wantReplies),
        duplicateForwards: Math.max(0, count('forward') - wantForwards),
        recoverySeconds,
        note: `restart logged ${recoveryEvent}`,
      });
    },
    240_000,
  );
});
