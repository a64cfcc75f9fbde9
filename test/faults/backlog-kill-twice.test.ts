/**
 * kill -9 twice in a backlog of 1,200 messages: repeat senders (one reply per sender for
 * several messages), one-off senders, emergencies (forwarded and acknowledged), auto-replies
 * (held, never answered) and in-hours mail. The daemon is killed once while it triages the
 * backlog and once more, after the restart, while replies and forwards are flowing; the
 * third daemon finishes. The second kill comes from the sink's own "accepted" event, so it
 * lands when deliveries are between the server's 250 and the daemon's record: the worst
 * instant. With `sentCopy: server` (the sink files each message in Sent before its 250, as
 * Gmail and Microsoft 365 do) nothing may be lost or sent twice. With `sentCopy: append`
 * nothing may be lost, and a second copy can only be a delivery that was in that window
 * (docs/exactly-once.md): the scenario counts them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, it } from 'vitest';
import { appendInParallel } from '../../scripts/bench-support/append-in-parallel.js';
import type { OffhoursProcess } from '../support/start-offhours.js';
import { awaitOutcomes } from './support/await-outcomes.js';
import { composeFaultBacklog } from './support/compose-fault-backlog.js';
import { countLost, isForward, isReply } from './support/count-outcomes.js';
import { reportFigures } from './support/report-figures.js';
import { startFaultRig, type FaultRig } from './support/start-fault-rig.js';

let rig: FaultRig | undefined;
let sentCopier: ImapFlow | undefined;
afterEach(async () => {
  await sentCopier?.logout().catch(() => undefined);
  await rig?.stop();
});

type Mode = 'server' | 'append';

/** The mail worker's concurrency (src/queue/start-workers.ts): the deliveries one kill can catch. */
const deliveriesInFlightAtMost = 4;

const mix = {
  repeatSenders: 100,
  messagesPerRepeatSender: 5,
  oneOffSenders: 400,
  emergencies: 50,
  autoReplies: 100,
  inHours: 150,
};
const total =
  mix.repeatSenders * mix.messagesPerRepeatSender +
  mix.oneOffSenders +
  mix.emergencies +
  mix.autoReplies +
  mix.inHours;

/** Counts the daemon's decision lines as they come (waitForLog offers each line once). */
function decisionsReached(daemon: OffhoursProcess, count: number, timeoutMs: number) {
  let seen = 0;
  return daemon.waitForLog((line) => line.event === 'decision' && ++seen >= count, timeoutMs);
}

/** Seconds from `since` (performance.now()) to the first line of `event`, or null. */
function secondsTo(daemon: OffhoursProcess, event: string, since: number) {
  return daemon
    .waitForLog((line) => line.event === event, 60_000)
    .then(
      () => (performance.now() - since) / 1000,
      () => null,
    );
}

describe('kill -9 twice during a backlog', () => {
  it.each<Mode>(['server', 'append'])(`sentCopy %s: ${total} messages`, async (mode) => {
    // Caps high enough that the backlog's replies are not spread over minutes: the caps
    // have their own scenarios.
    rig = await startFaultRig({ limits: { perAddressPerHour: 3, globalPerMinute: 100_000 } });
    const { sink } = rig;
    writeFileSync(
      rig.configPath,
      readFileSync(rig.configPath, 'utf8').replace(
        /^(smtp: \{[^\n]*?) \}$/m,
        `$1, sentCopy: ${mode} }`,
      ),
    );
    if (mode === 'server') {
      const copier = new ImapFlow({
        host: rig.imap.host,
        port: rig.imap.port,
        secure: false,
        auth: { user: rig.imap.user, pass: rig.imap.pass },
        logger: false,
      });
      copier.on('error', () => undefined);
      await copier.connect();
      await copier.mailboxCreate('Sent').catch(() => undefined);
      sentCopier = copier;
      // The provider files what it accepted in Sent before it answers 250.
      sink.setGate(async (sunk) => {
        await copier.append('Sent', sunk.raw, ['\\Seen']);
      });
    }
    // A first start sets the mailbox's checkpoint (a new mailbox's old mail is not triaged).
    const first = await rig.startDaemon();
    await first.process.stop();

    const backlog = composeFaultBacklog(mix);
    expect(backlog.raws).toHaveLength(total);
    await appendInParallel(rig.imap, rig.account, backlog.raws, 3);

    // Kill 1: a third of the way through triage.
    const triaging = await rig.startDaemon({ waitReady: false });
    await decisionsReached(triaging.process, Math.floor(total / 3), 120_000);
    await triaging.process.kill();
    const firstKillAt = performance.now();
    const sentAtFirstKill = sink.accepted.length;

    // Kill 2: after the restart, at the instant the sink accepts the 150th further delivery.
    const sending = await rig.startDaemon({ waitReady: false });
    const firstTakeover = secondsTo(sending.process, 'lease_taken', firstKillAt);
    let killing: Promise<void> | null = null;
    let secondKillAt = 0;
    let sentAtSecondKill = 0;
    const killAfter = sentAtFirstKill + 150;
    sink.onAccepted(() => {
      if (killing !== null || sink.accepted.length < killAfter) return;
      secondKillAt = performance.now();
      sentAtSecondKill = sink.accepted.length;
      killing = sending.process.kill();
    });
    await sink.waitUntil(
      (accepted) => accepted.length >= killAfter,
      '150 more deliveries after the first restart',
      180_000,
    );
    await sending.process.waitForExit(30_000);
    sink.onAccepted(null);

    const finishing = await rig.startDaemon({ waitReady: false });
    const secondTakeover = secondsTo(finishing.process, 'lease_taken', secondKillAt);
    const outcomes = await awaitOutcomes({
      expected: backlog.expected,
      sink,
      imap: rig.imap,
      redis: rig.redisKeys,
      timeoutMs: 300_000,
    });
    const doneAt = performance.now();
    const replies = sink.accepted.filter(isReply).length;
    const forwards = sink.accepted.filter(isForward).length;
    const takeovers = [await firstTakeover, await secondTakeover];
    const duplicates = outcomes.duplicateReplies + outcomes.duplicateForwards;
    reportFigures({
      scenario: `kill -9 twice in a backlog, sentCopy ${mode}`,
      messages: outcomes.messages,
      lost: countLost(outcomes),
      duplicateReplies: outcomes.duplicateReplies,
      duplicateForwards: outcomes.duplicateForwards,
      recoverySeconds: takeovers.includes(null) ? null : Math.max(...(takeovers as number[])),
      note:
        `killed at ${Math.floor(total / 3)} decisions (${sentAtFirstKill} sent) and at the sink's ${sentAtSecondKill}th acceptance; ` +
        `kill -> lease taken ${takeovers.map((s) => (s === null ? 'never' : `${s.toFixed(1)} s`)).join(' and ')}; ` +
        `${replies} replies, ${forwards} forwards, all settled ${((doneAt - secondKillAt) / 1000).toFixed(1)} s after kill 2; ` +
        `misplaced ${outcomes.misplaced}, replies to one message twice ${outcomes.duplicateRepliesToOneMessage}`,
    });
    expect(takeovers.every((seconds) => seconds !== null && seconds < 5)).toBe(true);
    expect(outcomes).toMatchObject({
      misplaced: 0,
      lostReplies: 0,
      lostForwards: 0,
      unexpectedReplies: 0,
      unexpectedForwards: 0,
    });
    if (mode === 'append') {
      // Only a delivery caught between its 250 and its record can go out twice.
      expect(duplicates).toBeLessThanOrEqual(deliveriesInFlightAtMost);
      expect(replies + forwards - duplicates).toBe(
        mix.repeatSenders + mix.oneOffSenders + 2 * mix.emergencies,
      );
      return;
    }
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
    // Each sender answered once, each emergency forwarded once: the exact totals.
    expect(replies).toBe(mix.repeatSenders + mix.oneOffSenders + mix.emergencies);
    expect(forwards).toBe(mix.emergencies);
  });
});
