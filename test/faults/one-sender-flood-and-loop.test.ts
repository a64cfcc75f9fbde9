import { afterAll, describe, expect, it } from 'vitest';
import { appendInParallel } from '../../scripts/bench-support/append-in-parallel.js';
import { waitUntil } from '../../src/sandbox/wait-until.js';
import { composeMail } from '../support/compose-mail.js';
import { awaitOutcomes } from './support/await-outcomes.js';
import { composeExpectedMail, uniqueSender } from './support/compose-fault-backlog.js';
import { countLost, type ExpectedMail } from './support/count-outcomes.js';
import { reportFigures } from './support/report-figures.js';
import { startFaultRig, type FaultRig } from './support/start-fault-rig.js';
import type { SinkMail } from './support/start-fault-sink.js';
import { waitForReplies } from './support/wait-for-replies.js';
import { waitForSettledQueues } from './support/wait-for-settled-queues.js';

let rig: FaultRig | undefined;
afterAll(async () => {
  await rig?.stop();
});

const floodSize = 300;
/** A runaway loop is a failure long before this; the bound only keeps a broken run finite. */
const responderBound = 50;

/**
 * What a header-less auto-responder sends back: a person's subject and addresses, no
 * Auto-Submitted, Precedence or X-Autoreply, only a robotic text. Nothing in its headers
 * tells offhours it is a robot, so only once-per-period (and the breaker) stop the loop.
 */
function composeAwayAnswer(
  loopSender: string,
  to: SinkMail,
): { raw: string; expected: ExpectedMail } {
  const inReplyTo = to.headers.get('message-id') ?? '';
  const mail = composeMail({
    from: `Lee Loop <${loopSender}>`,
    subject: `Re: ${to.headers.get('subject') ?? ''}`,
    body: [
      "I'm away from my desk until Monday and will read your message when I return.",
      'For anything else please write to the office.',
    ].join('\r\n'),
    headers: { 'In-Reply-To': inReplyTo, References: inReplyTo },
  });
  return {
    raw: mail.raw,
    expected: {
      messageId: mail.messageId,
      sender: loopSender,
      fate: 'held',
      // Answered already: the sender's one reply of the period went out before this came.
      reply: null,
      forward: false,
    },
  };
}

describe('300 messages from one sender, and a loop with a header-less auto-responder', () => {
  it('sends each of them the once-per-period reply and nothing more, and the loop stops', async () => {
    // The 300 messages are 300 reply jobs; the global cap is raised so the run is bounded
    // by the daemon: what is tested is once-per-period, the caps are the backstop.
    rig = await startFaultRig({ limits: { globalPerMinute: 1_000 } });
    const { sink, mailbox } = rig;
    const daemon = await rig.startDaemon();

    const floodSender = uniqueSender('flood');
    const loopSender = uniqueSender('loop');
    const answers: { raw: string; expected: ExpectedMail }[] = [];
    const appending: Promise<void>[] = [];
    sink.onAccepted((mail) => {
      if (!mail.to.includes(loopSender) || answers.length >= responderBound) return;
      const answer = composeAwayAnswer(loopSender, mail);
      answers.push(answer);
      appending.push(mailbox.append(answer.raw));
    });

    const flood = Array.from({ length: floodSize }, (_, index) =>
      composeExpectedMail(floodSender, `Question ${index} about the launch`, {
        fate: 'held',
        reply: 'out-of-hours',
        forward: false,
      }),
    );
    const opener = composeExpectedMail(loopSender, 'Can we talk tomorrow?', {
      fate: 'held',
      reply: 'out-of-hours',
      forward: false,
    });
    await mailbox.append(opener.raw);
    await appendInParallel(
      rig.dovecot,
      rig.account,
      flood.map((mail) => mail.raw),
      3,
    );

    const bothAnswered = await waitForReplies(
      sink,
      [floodSender, loopSender],
      'a reply to the flooding sender and to the looping one',
      180_000,
    );
    // Every answer of the responder decided: had offhours replied to one, the responder
    // would have answered again, and that answer must be decided too before counting.
    await waitUntil(
      async () => {
        await Promise.all(appending);
        await waitForSettledQueues(rig!.redisKeys.url, rig!.redisKeys.prefix);
        const decided = new Set(
          daemon.process.logs
            .filter((line) => line.event === 'decision')
            .map((line) => String(line['messageId'])),
        );
        return answers.every((answer) => decided.has(answer.expected.messageId));
      },
      { description: 'every answer of the auto-responder decided', timeoutMs: 180_000 },
    ).catch(() => undefined);
    sink.onAccepted(null);

    const outcomes = await awaitOutcomes({
      expected: [...flood, opener, ...answers].map((mail) => mail.expected),
      sink,
      imap: rig.imap,
      redis: rig.redisKeys,
      timeoutMs: 120_000,
    });
    const sentTo = (address: string) =>
      sink.attempts.filter((attempt) => attempt.to.includes(address)).length;
    const sentToFlood = sentTo(floodSender);
    const sentToLoop = sentTo(loopSender);
    const suppressed = daemon.process.logs.filter(
      (line) =>
        line.event === 'reply_suppressed' &&
        (line['to'] === floodSender || line['to'] === loopSender),
    );
    const byReason = new Map<string, number>();
    for (const line of suppressed) {
      const reason = String(line['reason']);
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
    reportFigures({
      scenario: 'one sender x300 + auto-responder loop',
      messages: outcomes.messages,
      lost: countLost(outcomes),
      duplicateReplies: outcomes.duplicateReplies,
      duplicateForwards: outcomes.duplicateForwards,
      recoverySeconds: null,
      note:
        `sent to the flooding sender: ${sentToFlood} for ${floodSize} messages; ` +
        `sent to the looping one: ${sentToLoop}, its responder answered ${answers.length}; ` +
        `suppressed ${[...byReason].map(([reason, count]) => `${reason} ${count}`).join(', ') || 'none'}; ` +
        `${bothAnswered === null ? 'a first reply never came' : 'first replies came'}; misplaced ${outcomes.misplaced}`,
    });
    expect(sentToFlood).toBe(1);
    expect(sentToLoop).toBe(1);
    expect(answers).toHaveLength(1);
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
