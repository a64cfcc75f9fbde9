import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { StoredRecord } from '../../src/records/activity-record.js';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { RecordLog } from '../../src/store/record-log.js';
import { identifyMailbox } from '../../src/store/watcher-lock.js';
import { composeAcmeClient } from '../support/compose-acme-client.js';
import { composeMail } from '../support/compose-mail.js';
import type { LogLine } from '../support/start-offhours.js';
import { startTestDaemon, type TestDaemon } from '../support/start-test-daemon.js';
import { useCleanups } from '../support/use-cleanups.js';
import { useMailServices } from '../support/use-mail-services.js';

/*
 * The daemon writes the record of what it decided and did: the decision from the triage
 * shell, each outcome from the workers when its job finished. Against real Dovecot, Redis
 * and the SMTP sink; the records are read back from Redis as `offhours log` reads them.
 */

// Wednesday 25 November 2026, 21:59:52 UTC: after Acme's hours, 8 s before the 22:00 check-in.
const eveningAt = '2026-11-25T21:59:52Z';
const checkIn = '2026-11-25T22:00:00.000Z';
const acmeClient = composeAcmeClient(['emergency: { keywords: [urgent, "site down"] }']);

let dovecot: DovecotServer;
let sink: SmtpSink;
const defer = useCleanups();
const services = useMailServices();
beforeEach(() => {
  ({ dovecot, sink } = services());
});

async function startScene(): Promise<{ scene: TestDaemon; records: RecordLog; redis: Redis }> {
  const scene = await startTestDaemon(dovecot, sink.port, eveningAt, {
    clients: { acme: acmeClient },
  });
  defer(() => scene.cleanup());
  const config = await loadConfig(scene.configPath, {
    env: { TEST_IMAP_PASS: scene.account.pass },
    now: new Date(eveningAt),
  });
  const redis = new Redis(scene.redis.url);
  defer(() => redis.quit());
  const records = new RecordLog(redis, scene.redis.prefix, identifyMailbox(config.imap), {
    keepForSeconds: 90 * 86_400,
    subjects: true,
  });
  return { scene, records, redis };
}

const unique = (name: string) => `${name}-${randomBytes(4).toString('hex')}@acme.example`;
const recorded = (messageKey: string, outcome: string) => (line: LogLine) =>
  line.event === 'recorded' && line['outcome'] === outcome && line['messageKey'] === messageKey;

/** The records of one message, oldest first, as [outcome, the outcome's details]. */
function stepsOf(all: readonly StoredRecord[], messageId: string): unknown[] {
  return all
    .filter((record) => record.messageId === messageId)
    .reverse()
    .map((record) => record.outcome);
}

describe('offhours run keeps a record of every decision and outcome', () => {
  it('records a reply, a suppressed reply, a forward, a robot held unanswered and the releases', async () => {
    const { scene, records } = await startScene();
    const jane = unique('jane');
    const first = composeMail({ from: `Jane Doe <${jane}>`, subject: 'Invoice question' });
    const second = composeMail({ from: `Jane Doe <${jane}>`, subject: 'One more thing' });
    const ceo = unique('ceo');
    const emergency = composeMail({ from: ceo, subject: 'URGENT: site down' });
    const robot = composeMail({
      from: unique('news'),
      subject: 'Acme weekly',
      headers: { 'List-Id': '<weekly.acme.example>', Precedence: 'list' },
    });
    await scene.mailbox.append(first.raw);
    // The first reply goes out before the second message comes, so the second is the one
    // suppressed.
    await sink.waitFor((mail) => mail.envelope.to.includes(jane), 15_000);
    for (const mail of [second, emergency, robot]) await scene.mailbox.append(mail.raw);

    const keyOf = async (messageId: string) =>
      (
        await scene.daemon.waitForLog(
          (line) => line.event === 'decision' && line['messageId'] === messageId,
        )
      )['messageKey'] as string;
    const keys = {
      first: await keyOf(first.messageId),
      second: await keyOf(second.messageId),
      emergency: await keyOf(emergency.messageId),
      robot: await keyOf(robot.messageId),
    };
    await scene.daemon.waitForLog(recorded(keys.first, 'replied'));
    await scene.daemon.waitForLog(recorded(keys.second, 'reply-suppressed'));
    await scene.daemon.waitForLog(recorded(keys.emergency, 'forwarded'));
    await scene.daemon.waitForLog(recorded(keys.emergency, 'replied'));
    // The 22:00 check-in brings the held mail back: one record per message.
    for (const key of [keys.first, keys.second, keys.robot])
      await scene.daemon.waitForLog(recorded(key, 'released'), 30_000);

    const all = await records.list();
    expect(stepsOf(all, first.messageId)).toEqual([
      { type: 'held', until: checkIn },
      { type: 'replied', to: jane, sentMessageId: expect.any(String) as unknown },
      { type: 'released', found: true },
    ]);
    expect(stepsOf(all, second.messageId)).toEqual([
      { type: 'held', until: checkIn },
      { type: 'reply-suppressed', reason: 'once-per-period' },
      { type: 'released', found: true },
    ]);
    const emergencySteps = stepsOf(all, emergency.messageId);
    expect(emergencySteps[0]).toEqual({ type: 'left' });
    // The forward and the acknowledgement run side by side: either may finish first.
    expect(emergencySteps.slice(1)).toEqual(
      expect.arrayContaining([
        { type: 'forwarded', to: 'sam@studio.example' },
        { type: 'replied', to: ceo, sentMessageId: expect.any(String) as unknown },
      ]),
    );
    expect(emergencySteps).toHaveLength(3);
    expect(stepsOf(all, robot.messageId)).toEqual([
      { type: 'held', until: checkIn },
      { type: 'released', found: true },
    ]);

    // Every step carries what the decision said, never a body.
    const firstRecords = all.filter((record) => record.messageId === first.messageId);
    for (const record of firstRecords)
      expect(record).toMatchObject({
        client: 'acme',
        from: jane,
        subject: 'Invoice question',
        decision: 'reply-and-hold',
        automated: false,
        emergency: false,
        reasons: expect.arrayContaining(['UNAVAILABLE_OUTSIDE_HOURS']) as unknown,
      });
    expect(firstRecords.find((record) => record.outcome.type === 'held')?.jobId).toBeNull();
    expect(firstRecords.find((record) => record.outcome.type === 'replied')?.jobId).toMatch(
      /^reply-/,
    );
    const robotDecision = all.find(
      (record) => record.messageId === robot.messageId && record.jobId === null,
    );
    expect(robotDecision).toMatchObject({
      decision: 'hold',
      automated: true,
      reasons: expect.arrayContaining(['AUTO_LIST_HEADER', 'AUTO_PRECEDENCE']) as unknown,
    });
    expect(all.find((record) => record.messageId === emergency.messageId)).toMatchObject({
      decision: 'forward-and-reply',
      emergency: true,
    });
    expect(JSON.stringify(all)).not.toContain('Could you have a look');
  });

  it('a record that cannot be written is logged record_failed and the mail is handled as usual', async () => {
    const { scene, records, redis } = await startScene();
    // The stream's key holds a string: every XADD to it fails (WRONGTYPE).
    await redis.set(records.key, 'not a stream');
    const jane = unique('jane');
    const mail = composeMail({ from: jane, subject: 'Still answered' });
    await scene.mailbox.append(mail.raw);

    await sink.waitFor((received) => received.envelope.to.includes(jane), 15_000);
    const failed = await scene.daemon.waitForLog((line) => line.event === 'record_failed');
    expect(failed['code']).toBe('RECORD_FAILED');
    await scene.daemon.waitForLog(
      (line) => line.event === 'record_failed' && line['outcome'] === 'replied',
    );
    await scene.daemon.waitForLog((line) => line.event === 'batch_triaged' && line['held'] === 1);
    expect((await scene.mailbox.list('Held')).map((entry) => entry.messageId)).toEqual([
      mail.messageId,
    ]);
    await scene.daemon.waitForLog(
      (line) => line.event === 'released' && line['released'] === 1,
      30_000,
    );
    expect((await scene.mailbox.list('INBOX')).map((entry) => entry.messageId)).toEqual([
      mail.messageId,
    ]);
    expect(sink.messages.filter((received) => received.envelope.to.includes(jane))).toHaveLength(1);
    expect(scene.daemon.logs.some((line) => line.event === 'recorded')).toBe(false);
  });
});
