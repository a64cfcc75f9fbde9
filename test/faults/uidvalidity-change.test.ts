import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import type { MailboxClient } from '../support/mailbox-client.js';
import { awaitOutcomes } from './support/await-outcomes.js';
import { composeExpectedMail, uniqueSender } from './support/compose-fault-backlog.js';
import { countLost } from './support/count-outcomes.js';
import { inHoursDomain } from './support/fault-clients.js';
import { reportFigures } from './support/report-figures.js';
import { waitForReplies } from './support/wait-for-replies.js';
import { startFaultRig, type FaultRig } from './support/start-fault-rig.js';

let rig: FaultRig | undefined;
afterAll(async () => {
  await rig?.stop();
});

/**
 * Makes Dovecot forget the inbox's UIDs and keywords, as a rebuilt or restored mailbox
 * would: a new UIDVALIDITY, and the $Offhours marks gone. A session that is still closing
 * may write the old index back, so it forgets until a fresh session sees the change.
 */
async function forgetInboxUids(started: FaultRig, previous: string): Promise<MailboxClient> {
  const maildir = join(started.dovecot.dir, 'mail', started.account.user, 'Maildir');
  for (let attempt = 1; ; attempt += 1) {
    for (const name of readdirSync(maildir)) {
      if (name.startsWith('dovecot')) rmSync(join(maildir, name), { recursive: true, force: true });
    }
    const mailbox = await started.reconnectMailbox();
    if ((await mailbox.readUidValidity('INBOX')) !== previous) return mailbox;
    await mailbox.close();
    if (attempt === 20) throw new Error('Dovecot kept the old UIDVALIDITY');
  }
}

describe('the inbox’s UIDVALIDITY changes', () => {
  it('sends no second reply or forward for the mail it had handled', async () => {
    rig = await startFaultRig();
    const { sink } = rig;
    const first = await rig.startDaemon();
    const repeat = uniqueSender('repeat');
    const handled = [
      ...Array.from({ length: 10 }, (_, index) =>
        composeExpectedMail(uniqueSender('once'), `Question ${index}`, {
          fate: 'held',
          reply: 'out-of-hours',
          forward: false,
        }),
      ),
      ...Array.from({ length: 5 }, (_, index) =>
        composeExpectedMail(repeat, `Follow-up ${index}`, {
          fate: 'held',
          reply: 'out-of-hours',
          forward: false,
        }),
      ),
      // Emergencies and in-hours mail stay in the inbox, so the resync sees them again.
      ...Array.from({ length: 5 }, (_, index) =>
        composeExpectedMail(uniqueSender('alarm'), `URGENT: server ${index} is down`, {
          fate: 'inbox',
          reply: 'emergency',
          forward: true,
        }),
      ),
      ...Array.from({ length: 5 }, (_, index) =>
        composeExpectedMail(uniqueSender('pat', inHoursDomain), `In hours ${index}`, {
          fate: 'inbox',
          reply: null,
          forward: false,
        }),
      ),
    ];
    for (const mail of handled) await rig.mailbox.append(mail.raw);
    const beforeChange = await awaitOutcomes({
      expected: handled.map((mail) => mail.expected),
      sink,
      imap: rig.imap,
      redis: rig.redisKeys,
      timeoutMs: 60_000,
    });
    expect(countLost(beforeChange)).toBe(0);
    expect(await first.process.stop()).toBe(0);

    const previous = await rig.mailbox.readUidValidity('INBOX');
    // An open session would write the old index back.
    await rig.mailbox.close();
    const mailbox = await forgetInboxUids(rig, previous);
    const latecomers = Array.from({ length: 5 }, (_, index) =>
      composeExpectedMail(uniqueSender('late'), `Sent during the rebuild ${index}`, {
        fate: 'held',
        reply: 'out-of-hours',
        forward: false,
      }),
    );
    for (const mail of latecomers) await mailbox.append(mail.raw);

    const restartedAt = performance.now();
    const restarted = await rig.startDaemon({ waitReady: false });
    const lateSenders = latecomers.map((mail) => mail.expected.sender.toLowerCase());
    const lateAnsweredAt = await waitForReplies(
      sink,
      lateSenders,
      'replies to the mail sent during the rebuild',
      120_000,
    );
    const outcomes = await awaitOutcomes({
      expected: [...handled, ...latecomers].map((mail) => mail.expected),
      sink,
      imap: rig.imap,
      redis: rig.redisKeys,
      timeoutMs: 60_000,
    });
    const changed = restarted.process.logs.some((line) => line.event === 'uidvalidity_changed');
    reportFigures({
      scenario: 'UIDVALIDITY change',
      messages: outcomes.messages,
      lost: countLost(outcomes),
      duplicateReplies: outcomes.duplicateReplies,
      duplicateForwards: outcomes.duplicateForwards,
      recoverySeconds: lateAnsweredAt === null ? null : (lateAnsweredAt - restartedAt) / 1000,
      note:
        `UIDVALIDITY ${previous} -> ${await mailbox.readUidValidity('INBOX')}, ${changed ? 'logged' : 'not logged'} by the daemon; ` +
        `recovery = restart -> replies to the mail sent during the rebuild; misplaced ${outcomes.misplaced}`,
    });
    expect(changed).toBe(true);
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
