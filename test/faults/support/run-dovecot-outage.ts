/**
 * Dovecot goes down for `outageMs` with mail just before (an emergency among it) and mail
 * right after it returns. Measures how long after Dovecot's return the daemon watches
 * again and how long the after-mail takes to be answered.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'vitest';
import { awaitOutcomes } from './await-outcomes.js';
import { composeExpectedMail, uniqueSender } from './compose-fault-backlog.js';
import { countLost, isReply } from './count-outcomes.js';
import { reportFigures } from './report-figures.js';
import { startFaultRig, type FaultRig } from './start-fault-rig.js';

const seconds = (ms: number) => ms / 1000;

export async function runDovecotOutage(
  outageMs: number,
  label: string,
  keep: (rig: FaultRig) => void,
): Promise<void> {
  const rig = await startFaultRig();
  keep(rig);
  const daemon = await rig.startDaemon();
  const before = [
    ...Array.from({ length: 5 }, (_, index) =>
      composeExpectedMail(uniqueSender('before'), `Before the outage ${index}`, {
        fate: 'held',
        reply: 'out-of-hours',
        forward: false,
      }),
    ),
    composeExpectedMail(uniqueSender('before-alarm'), 'URGENT: payroll is stuck', {
      fate: 'inbox',
      reply: 'emergency',
      forward: true,
    }),
  ];
  for (const mail of before) await rig.mailbox.append(mail.raw);
  const watchingLines = () =>
    daemon.process.logs.filter(
      (line) => line.event === 'watcher_state' && line['state'] === 'watching',
    ).length;
  const watchingBefore = watchingLines();
  await rig.dovecotControl.takeDown();
  // The outage itself is what is being tested: it lasts a set time, nothing to wait for.
  await delay(outageMs);
  await rig.dovecotControl.bringUp();
  const backAt = performance.now();
  // The daemon's log times are epoch milliseconds: the reconnect is read off its own line.
  const backAtEpochMs = Date.now();
  const mailbox = await rig.reconnectMailbox();
  const after = Array.from({ length: 5 }, (_, index) =>
    composeExpectedMail(uniqueSender('after'), `After the outage ${index}`, {
      fate: 'held',
      reply: 'out-of-hours',
      forward: false,
    }),
  );
  for (const mail of after) await mailbox.append(mail.raw);
  const afterSenders = new Set(after.map((mail) => mail.expected.sender.toLowerCase()));
  const answered = rig.sink.waitUntil(
    (accepted) =>
      accepted.filter((mail) => isReply(mail) && mail.to.some((to) => afterSenders.has(to)))
        .length >= after.length,
    'replies to the mail sent after the outage',
    15 * 60_000,
  );
  const reconnected = daemon.process.waitForLog(
    (line) =>
      line.event === 'watcher_state' &&
      line['state'] === 'watching' &&
      watchingLines() > watchingBefore,
    15 * 60_000,
  );
  const [reconnectedAtEpochMs, answeredAt] = await Promise.all([
    reconnected.then(
      (line) => Number(line['time']),
      () => null,
    ),
    answered.then(
      () => performance.now(),
      () => null,
    ),
  ]);

  const expected = [...before, ...after].map((mail) => mail.expected);
  const outcomes = await awaitOutcomes({
    expected,
    sink: rig.sink,
    imap: rig.imap,
    redis: rig.redisKeys,
    timeoutMs: 120_000,
  });
  const reconnectSeconds =
    reconnectedAtEpochMs === null ? null : seconds(reconnectedAtEpochMs - backAtEpochMs);
  reportFigures({
    scenario: label,
    messages: outcomes.messages,
    lost: countLost(outcomes),
    duplicateReplies: outcomes.duplicateReplies,
    duplicateForwards: outcomes.duplicateForwards,
    recoverySeconds: reconnectSeconds,
    note:
      `Dovecot back -> watching again: ${reconnectSeconds === null ? 'never' : `${reconnectSeconds.toFixed(1)} s`}; ` +
      `-> replies to the after-mail: ${answeredAt === null ? 'never' : `${seconds(answeredAt - backAt).toFixed(1)} s`}; ` +
      `misplaced ${outcomes.misplaced}, replies lost ${outcomes.lostReplies}, forwards lost ${outcomes.lostForwards}`,
  });
  expect(outcomes).toMatchObject({
    misplaced: 0,
    lostReplies: 0,
    lostForwards: 0,
    duplicateReplies: 0,
    duplicateForwards: 0,
    unexpectedReplies: 0,
    unexpectedForwards: 0,
  });
  expect(daemon.process.logs.some((line) => line.event === 'stopped')).toBe(false);
  // The backoff is capped: whatever the outage's length, watching again within 5 s.
  expect(reconnectSeconds).not.toBeNull();
  expect(reconnectSeconds).toBeLessThan(5);
}
