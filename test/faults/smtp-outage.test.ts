import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { awaitOutcomes } from './support/await-outcomes.js';
import { composeExpectedMail, uniqueSender } from './support/compose-fault-backlog.js';
import { countLost, isForward, isReply } from './support/count-outcomes.js';
import { reportFigures } from './support/report-figures.js';
import { startFaultRig, type FaultRig } from './support/start-fault-rig.js';

let rig: FaultRig | undefined;
afterAll(async () => {
  await rig?.stop();
});

const outageMs = 60_000;

describe('SMTP answers 451 for 60 s, then 550 for one recipient', () => {
  it('sends every other reply exactly once after the outage and gives up on the refused one', async () => {
    // The default limits: a cap that counted failed attempts would drop replies here.
    rig = await startFaultRig();
    const { sink } = rig;
    const daemon = await rig.startDaemon();

    const answered = Array.from({ length: 8 }, (_, index) =>
      composeExpectedMail(uniqueSender('deferred'), `Contract question ${index}`, {
        fate: 'held',
        reply: 'out-of-hours',
        forward: false,
      }),
    );
    const emergency = composeExpectedMail(uniqueSender('alarm'), 'URGENT: the shop is down', {
      fate: 'inbox',
      reply: 'emergency',
      forward: true,
    });
    const refusedSender = uniqueSender('refused');
    // Held like the others; its reply never arrives, so none is expected at the sink.
    const refused = composeExpectedMail(refusedSender, 'Contract question for you', {
      fate: 'held',
      reply: null,
      forward: false,
    });
    const mails = [...answered, emergency, refused];
    const recipients = mails.map((mail) => mail.expected.sender.toLowerCase());

    sink.setRule(() => 451);
    const outageStartedAt = performance.now();
    for (const mail of mails) await rig.mailbox.append(mail.raw);
    const deferredEach = () =>
      recipients.every((to) =>
        sink.attempts.some((attempt) => attempt.code === 451 && attempt.to.includes(to)),
      );
    await sink.waitUntil(deferredEach, 'a 451 for every reply', 30_000).catch(() => undefined);
    const everyReplyDeferred = deferredEach();
    // The outage lasts a set time; nothing to wait for.
    await delay(Math.max(0, outageMs - (performance.now() - outageStartedAt)));
    sink.setRule(({ to }) => (to.includes(refusedSender) ? 550 : null));
    const outageEndedAt = performance.now();
    const attemptsDuringOutage = sink.attempts.length;

    const othersSentAt = await sink
      .waitUntil(
        (accepted) =>
          recipients
            .filter((to) => to !== refusedSender)
            .every((to) => accepted.some((mail) => isReply(mail) && mail.to.includes(to))) &&
          accepted.some(
            (mail) => isForward(mail) && mail.raw.includes(`<${emergency.expected.messageId}>`),
          ),
        'every reply but the refused one, and the forward',
        5 * 60_000,
      )
      .then(
        () => performance.now(),
        () => null,
      );
    const outcomes = await awaitOutcomes({
      expected: mails.map((mail) => mail.expected),
      sink,
      imap: rig.imap,
      redis: rig.redisKeys,
      timeoutMs: 60_000,
    });
    const refusals = sink.attempts
      .slice(attemptsDuringOutage)
      .filter((attempt) => attempt.code === 550 && attempt.to.includes(refusedSender));
    const permanentFailures = daemon.process.logs.filter(
      (line) => line.event === 'job_failed' && line['code'] === 'SMTP_PERMANENT',
    );
    const recovery = othersSentAt === null ? null : (othersSentAt - outageEndedAt) / 1000;
    reportFigures({
      scenario: 'SMTP 451 for 60 s, then 550 for one',
      messages: outcomes.messages,
      lost: countLost(outcomes),
      duplicateReplies: outcomes.duplicateReplies,
      duplicateForwards: outcomes.duplicateForwards,
      recoverySeconds: recovery,
      note:
        `${attemptsDuringOutage} attempts answered 451; outage end -> every other reply and the forward sent: ` +
        `${recovery === null ? 'never' : `${recovery.toFixed(1)} s`}; ` +
        `the 550 recipient: ${refusals.length} attempt(s) after the outage, ` +
        `${permanentFailures.length} SMTP_PERMANENT failure(s) logged (willRetry ${permanentFailures.map((line) => String(line['willRetry'])).join(', ') || '-'}); ` +
        `misplaced ${outcomes.misplaced}, replies lost ${outcomes.lostReplies}, forwards lost ${outcomes.lostForwards}`,
    });
    expect(everyReplyDeferred).toBe(true);
    expect(outcomes).toMatchObject({
      misplaced: 0,
      lostReplies: 0,
      lostForwards: 0,
      duplicateReplies: 0,
      duplicateRepliesToOneMessage: 0,
      duplicateForwards: 0,
      unexpectedReplies: 0,
      unexpectedForwards: 0,
    });
    // Refused once after the outage and never tried again (the queues settled with no
    // retry of it due), logged as a permanent failure with its code.
    expect(refusals).toHaveLength(1);
    expect(permanentFailures).toHaveLength(1);
    expect(permanentFailures[0]).toMatchObject({ job: 'reply', willRetry: false });
    expect(daemon.process.logs.some((line) => line.event === 'stopped')).toBe(false);
  });
});
