import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/sandbox/wait-until.js';
import { awaitOutcomes } from './support/await-outcomes.js';
import { composeExpectedMail, uniqueSender } from './support/compose-fault-backlog.js';
import { countLost, isForward, isReply } from './support/count-outcomes.js';
import { reportFigures } from './support/report-figures.js';
import { startFaultRig, type FaultRig } from './support/start-fault-rig.js';

let rig: FaultRig | undefined;
afterAll(async () => {
  await rig?.stop();
});

// 45 s before Acme's 08:00 check-in: held mail has a release due soon after Redis returns.
const beforeCheckIn = '2026-11-26T07:59:15Z';
const outageMs = 6_000;

describe('Redis SIGKILL with delayed releases and retries pending', () => {
  it('restarts from its append-only file and loses nothing', async () => {
    rig = await startFaultRig();
    const { sink } = rig;
    const daemon = await rig.startDaemon({ at: beforeCheckIn });
    // Held now, back in the inbox at the check-in: a delayed release job.
    const held = Array.from({ length: 5 }, (_, index) =>
      composeExpectedMail(uniqueSender('held'), `Before the check-in ${index}`, {
        fate: 'inbox',
        reply: 'out-of-hours',
        forward: false,
      }),
    );
    // Their first reply attempt gets 451: a retry waits in backoff when Redis dies.
    const retried = Array.from({ length: 3 }, (_, index) =>
      composeExpectedMail(uniqueSender('retry'), `Deferred ${index}`, {
        fate: 'inbox',
        reply: 'out-of-hours',
        forward: false,
      }),
    );
    const retrySenders = new Set(retried.map((mail) => mail.expected.sender.toLowerCase()));
    let deferring = true;
    sink.setRule(({ to }) =>
      deferring && to.some((address) => retrySenders.has(address)) ? 451 : null,
    );
    for (const mail of [...held, ...retried]) await rig.mailbox.append(mail.raw);
    await sink.waitUntil(
      (accepted) => accepted.filter(isReply).length >= held.length,
      'the replies to the held mail',
      30_000,
    );
    const deferredOnce = () =>
      [...retrySenders].every((sender) =>
        sink.attempts.some((attempt) => attempt.code === 451 && attempt.to.includes(sender)),
      );
    await sink.waitUntil(deferredOnce, 'a 451 for every deferred reply', 30_000);
    // Held before the crash, so finding them in the inbox at the end means they were released.
    const heldIds = [...held, ...retried].map((mail) => mail.expected.messageId);
    await waitUntil(
      async () => {
        const inHold = new Set((await rig!.mailbox.list('Held')).map((entry) => entry.messageId));
        return heldIds.every((id) => inHold.has(id));
      },
      { description: 'the mail to be held', timeoutMs: 30_000, intervalMs: 250 },
    );

    await rig.redis.kill();
    const killedAt = performance.now();
    // Mail that arrives while Redis is down: an emergency, and mail from strangers (left in the inbox).
    const during = [
      composeExpectedMail(uniqueSender('during-alarm'), 'URGENT: the card reader is down', {
        fate: 'inbox',
        reply: 'emergency',
        forward: true,
      }),
      ...Array.from({ length: 3 }, (_, index) =>
        composeExpectedMail(
          uniqueSender('during', 'stranger.example'),
          `While Redis was down ${index}`,
          {
            fate: 'inbox',
            reply: null,
            forward: false,
          },
        ),
      ),
    ];
    for (const mail of during) await rig.mailbox.append(mail.raw);
    // The outage lasts a set time; nothing to wait for.
    await delay(outageMs);
    await rig.redis.start();
    deferring = false;
    const backAt = performance.now();
    const duringSender = during[0]!.expected.sender.toLowerCase();
    const duringHandledAt = await sink
      .waitUntil(
        (accepted) =>
          accepted.some(
            (mail) => isForward(mail) && mail.raw.includes(`<${during[0]!.expected.messageId}>`),
          ) && accepted.some((mail) => isReply(mail) && mail.to.includes(duringSender)),
        'the forward and the acknowledgement of the emergency sent during the outage',
        180_000,
      )
      .then(
        () => performance.now(),
        () => null,
      );

    const outcomes = await awaitOutcomes({
      expected: [...held, ...retried, ...during].map((mail) => mail.expected),
      sink,
      imap: rig.imap,
      redis: rig.redisKeys,
      timeoutMs: 180_000,
    });
    const recovery = duringHandledAt === null ? null : (duringHandledAt - backAt) / 1000;
    reportFigures({
      scenario: 'Redis SIGKILL, restart from AOF',
      messages: outcomes.messages,
      lost: countLost(outcomes),
      duplicateReplies: outcomes.duplicateReplies,
      duplicateForwards: outcomes.duplicateForwards,
      recoverySeconds: recovery,
      note:
        `Redis down ${((backAt - killedAt) / 1000).toFixed(1)} s with ${held.length + retried.length} releases delayed and ${retried.length} retries in backoff; ` +
        `recovery = Redis back -> the emergency sent during the outage forwarded and acknowledged; ` +
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
  });
});
