import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { awaitOutcomes } from './support/await-outcomes.js';
import { composeExpectedMail, uniqueSender } from './support/compose-fault-backlog.js';
import { countLost } from './support/count-outcomes.js';
import { reportFigures } from './support/report-figures.js';
import { waitForReplies } from './support/wait-for-replies.js';
import { startFaultRig, type FaultRig } from './support/start-fault-rig.js';

let rig: FaultRig | undefined;
afterAll(async () => {
  await rig?.stop();
});

const batch = (label: string) => [
  ...Array.from({ length: 15 }, (_, index) =>
    composeExpectedMail(uniqueSender(label), `${label} ${index}`, {
      fate: 'held',
      reply: 'out-of-hours',
      forward: false,
    }),
  ),
  ...Array.from({ length: 3 }, (_, index) =>
    composeExpectedMail(uniqueSender(`${label}-alarm`), `URGENT: ${label} ${index}`, {
      fate: 'inbox',
      reply: 'emergency',
      forward: true,
    }),
  ),
];

describe('a standby takes over when the active daemon is killed', () => {
  it('takes over the mailbox and handles every message once', async () => {
    rig = await startFaultRig();
    const { sink } = rig;
    const active = await rig.startDaemon();
    const standby = await rig.startDaemon({ waitReady: false });
    await standby.process.waitForLog(
      (line) => line.event === 'watcher_state' && line['state'] === 'standby',
      30_000,
    );
    const before = batch('before');
    for (const mail of before) await rig.mailbox.append(mail.raw);
    const handledBefore = await awaitOutcomes({
      expected: before.map((mail) => mail.expected),
      sink,
      imap: rig.imap,
      redis: rig.redisKeys,
      timeoutMs: 60_000,
    });
    expect(countLost(handledBefore)).toBe(0);
    const decidedByStandby = standby.process.logs.filter((line) => line.event === 'decision');

    await active.process.kill();
    const killedAt = performance.now();
    const after = batch('after');
    for (const mail of after) await rig.mailbox.append(mail.raw);
    const tookOverAt = await standby.process
      .waitForLog((line) => line.event === 'watcher_state' && line['state'] === 'watching', 120_000)
      .then(
        () => performance.now(),
        () => null,
      );
    const afterSenders = after.map((mail) => mail.expected.sender.toLowerCase());
    const answeredAt = await waitForReplies(
      sink,
      afterSenders,
      'replies to the mail sent after the kill',
      120_000,
    );
    const outcomes = await awaitOutcomes({
      expected: [...before, ...after].map((mail) => mail.expected),
      sink,
      imap: rig.imap,
      redis: rig.redisKeys,
      timeoutMs: 60_000,
    });
    // Every message decided by one daemon only, whichever.
    const decidedBy = (logs: readonly { event?: string; messageId?: unknown }[]) =>
      new Set(
        logs.filter((line) => line.event === 'decision').map((line) => String(line.messageId)),
      );
    const byActive = decidedBy(active.process.logs);
    const byBoth = [...decidedBy(standby.process.logs)].filter((id) => byActive.has(id));
    const takeover = tookOverAt === null ? null : (tookOverAt - killedAt) / 1000;
    reportFigures({
      scenario: 'standby takeover after kill -9',
      messages: outcomes.messages,
      lost: countLost(outcomes),
      duplicateReplies: outcomes.duplicateReplies,
      duplicateForwards: outcomes.duplicateForwards,
      recoverySeconds: takeover,
      note:
        `kill -> standby watching: ${takeover === null ? 'never' : `${takeover.toFixed(1)} s`}; ` +
        `kill -> replies to the mail sent after it: ${answeredAt === null ? 'never' : `${((answeredAt - killedAt) / 1000).toFixed(1)} s`}; ` +
        `decided by both daemons: ${byBoth.length}; misplaced ${outcomes.misplaced}`,
    });
    expect(decidedByStandby).toEqual([]);
    expect(byBoth).toEqual([]);
    expect(outcomes).toMatchObject({
      misplaced: 0,
      lostReplies: 0,
      lostForwards: 0,
      duplicateReplies: 0,
      duplicateForwards: 0,
      unexpectedReplies: 0,
      unexpectedForwards: 0,
    });
  });
});
