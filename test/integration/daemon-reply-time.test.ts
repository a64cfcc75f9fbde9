import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { ReceivedMail, SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { RecordLog } from '../../src/store/record-log.js';
import { identifyMailbox } from '../../src/store/watcher-lock.js';
import { composeAcmeClient } from '../support/compose-acme-client.js';
import { composeMail } from '../support/compose-mail.js';
import type { LogLine } from '../support/start-offhours.js';
import { startTestDaemon, type TestDaemon } from '../support/start-test-daemon.js';
import { useCleanups } from '../support/use-cleanups.js';
import { useMailServices } from '../support/use-mail-services.js';

/*
 * Reply-time promises against real Dovecot, Redis and the SMTP sink: Acme promises a reply
 * within a few seconds of working time (weekdays 09:00-17:00 UTC). The daemon checks when
 * the promise runs out: a reply of the VA's in the Sent folder ends it; without one the
 * message is flagged and the VA gets one reminder.
 */

// Wednesday 25 November 2026, in Acme's hours.
const inHoursAt = '2026-11-25T10:00:00Z';
// 8 s before Acme's hours start: out of hours, held until 09:00 and answered automatically.
const beforeHoursAt = '2026-11-25T08:59:52Z';
const assistant = 'dana@studio.example';

let dovecot: DovecotServer;
let sink: SmtpSink;
const defer = useCleanups();
const services = useMailServices();
beforeEach(() => {
  ({ dovecot, sink } = services());
});

async function startScene(
  at: string,
  replyWithin: string,
  extra: { unknownSenders?: string } = {},
): Promise<{ scene: TestDaemon; records: RecordLog }> {
  const scene = await startTestDaemon(dovecot, sink.port, at, {
    clients: { acme: composeAcmeClient([`replyWithin: ${replyWithin}`]) },
    ...extra,
  });
  defer(() => scene.cleanup());
  const config = await loadConfig(scene.configPath, {
    env: { TEST_IMAP_PASS: scene.account.pass },
    now: new Date(at),
  });
  const redis = new Redis(scene.redis.url);
  defer(() => redis.quit());
  const records = new RecordLog(redis, scene.redis.prefix, identifyMailbox(config.imap), {
    keepForSeconds: 90 * 86_400,
    subjects: true,
  });
  return { scene, records };
}

const unique = (name: string) => `${name}-${randomBytes(4).toString('hex')}@acme.example`;
const reminderFor = (subject: string) => (mail: ReceivedMail) =>
  mail.envelope.to.includes(assistant) && mail.subject === `Reply overdue: ${subject}`;

/** The reply_due_planned line of a message, found by its decision's message key. */
async function waitForPlan(scene: TestDaemon, messageId: string): Promise<LogLine> {
  const decision = await scene.daemon.waitForLog(
    (line) => line.event === 'decision' && line['messageId'] === messageId,
  );
  return scene.daemon.waitForLog(
    (line) => line.event === 'reply_due_planned' && line['messageKey'] === decision['messageKey'],
  );
}

async function flagsOf(scene: TestDaemon, path: string, messageId: string): Promise<Set<string>> {
  const entry = (await scene.mailbox.list(path)).find((item) => item.messageId === messageId);
  if (entry === undefined) throw new Error(`${messageId} is not in ${path}`);
  return entry.flags;
}

describe('offhours run keeps reply-time promises', () => {
  it('a reply of the VA’s in the Sent folder stops the reminder', async () => {
    const { scene, records } = await startScene(inHoursAt, '5s');
    const jane = unique('jane');
    const subject = `Contract draft ${randomBytes(3).toString('hex')}`;
    const mail = composeMail({ from: jane, subject });
    await scene.mailbox.append(mail.raw);
    const plan = await waitForPlan(scene, mail.messageId);
    expect(plan['client']).toBe('acme');

    // The VA answers from her mail program, which files the copy in Sent.
    await scene.mailbox.create('Sent');
    const answer = composeMail({
      from: `Dana Reyes <${assistant}>`,
      to: jane,
      subject: `Re: ${subject}`,
      headers: { 'In-Reply-To': `<${mail.messageId}>`, References: `<${mail.messageId}>` },
    });
    await scene.mailbox.append(answer.raw, 'Sent');

    const seen = await scene.daemon.waitForLog(
      (line) => line.event === 'reply_seen' && line['messageId'] === mail.messageId,
      20_000,
    );
    expect(seen['via']).toBe('sent-folder');
    // Checked when the promise ran out, not before (log times are real time).
    expect(Number(seen['time']) - Number(plan['time'])).toBeGreaterThanOrEqual(4_000);
    const key = String(plan['messageKey']);
    await scene.daemon.waitForLog(
      (line) =>
        line.event === 'recorded' && line['messageKey'] === key && line['outcome'] === 'answered',
    );
    expect(sink.messages.filter(reminderFor(subject))).toEqual([]);
    expect(await flagsOf(scene, 'INBOX', mail.messageId)).not.toContain('\\Flagged');
    expect(scene.daemon.logs.some((line) => line.event === 'reminder_sent')).toBe(false);
    const steps = (await records.list())
      .filter((record) => record.messageKey === key)
      .map((record) => record.outcome);
    expect(steps).toEqual([{ type: 'answered', via: 'sent-folder' }, { type: 'left' }]);
  });

  it('a message the VA’s mail program marked \\Answered counts as answered', async () => {
    const { scene } = await startScene(inHoursAt, '5s');
    const jane = unique('jane');
    const subject = `Call notes ${randomBytes(3).toString('hex')}`;
    const mail = composeMail({ from: jane, subject });
    await scene.mailbox.append(mail.raw);
    await waitForPlan(scene, mail.messageId);
    await scene.mailbox.addFlags(mail.messageId, 'INBOX', ['\\Answered']);

    const seen = await scene.daemon.waitForLog(
      (line) => line.event === 'reply_seen' && line['messageId'] === mail.messageId,
      20_000,
    );
    expect(seen['via']).toBe('answered-flag');
    expect(await flagsOf(scene, 'INBOX', mail.messageId)).not.toContain('\\Flagged');
    expect(sink.messages.filter(reminderFor(subject))).toEqual([]);
  });

  it('no reply: the message is flagged and the VA gets exactly one reminder; offhours’ own auto-reply does not count', async () => {
    // unknownSenders: acme, so the reminder coming back to the watched inbox is triaged
    // under Acme's rules and must still start no clock.
    const { scene, records } = await startScene(beforeHoursAt, '5s', { unknownSenders: 'acme' });
    const jane = unique('jane');
    const subject = `Invoice ${randomBytes(3).toString('hex')}`;
    const mail = composeMail({ from: `Jane Doe <${jane}>`, subject });
    await scene.mailbox.append(mail.raw);
    const plan = await waitForPlan(scene, mail.messageId);
    // Out of hours: the clock starts at 09:00, not when the message came.
    expect(plan['dueAt']).toBe('2026-11-25T09:00:05.000Z');

    // The out-of-hours reply answers the message too, and its copy is in Sent.
    const autoReply = await sink.waitFor((sent) => sent.envelope.to.includes(jane), 15_000);
    expect(autoReply.headers['in-reply-to']?.[0]).toBe(`<${mail.messageId}>`);
    await scene.daemon.waitForLog((line) => line.event === 'released', 30_000);

    const reminder = await sink.waitFor(reminderFor(subject), 30_000);
    expect(reminder.envelope.to).toEqual([assistant]);
    expect(reminder.headers['auto-submitted']).toEqual(['auto-generated']);
    expect(reminder.headers['x-offhours']).toEqual(['reminder; client=acme']);
    expect(reminder.text).toContain(`${jane} (client: Acme Corp) wrote today at 08:59`);
    expect(reminder.text).toContain(
      'within 5 seconds of working time; that ran out today at 09:00',
    );
    expect(reminder.text).toContain('It is flagged in INBOX.');
    const sent = await scene.daemon.waitForLog(
      (line) => line.event === 'reminder_sent' && line['messageId'] === mail.messageId,
    );
    expect(sent['flaggedIn']).toBe('INBOX');
    expect(await flagsOf(scene, 'INBOX', mail.messageId)).toContain('\\Flagged');

    // The reminder reaches the VA's (watched) inbox: offhours' own mail starts no clock.
    await scene.mailbox.append(reminder.raw.toString('utf8'));
    const reminderId = String(reminder.headers['message-id']?.[0] ?? '').replace(/^<|>$/g, '');
    const again = await scene.daemon.waitForLog(
      (line) => line.event === 'decision' && line['messageId'] === reminderId,
    );
    expect(again['client']).toBe('acme');
    const logs = scene.daemon.logs;
    await scene.daemon.waitForLog(
      (line) => line.event === 'batch_triaged' && logs.indexOf(line) > logs.indexOf(again),
    );
    expect(
      logs.filter((line) => line.event === 'reply_due_planned').map((line) => line['messageKey']),
    ).toEqual([plan['messageKey']]);

    const key = String(plan['messageKey']);
    await scene.daemon.waitForLog(
      (line) =>
        line.event === 'recorded' && line['messageKey'] === key && line['outcome'] === 'reminded',
    );
    const reminded = (await records.list()).find(
      (record) => record.messageKey === key && record.outcome.type === 'reminded',
    );
    expect(reminded?.outcome).toEqual({
      type: 'reminded',
      to: assistant,
      flagged: true,
      sentMessageId: reminderId,
    });
    expect(sink.messages.filter(reminderFor(subject))).toHaveLength(1);
  });

  it('the check survives a restart before the promise runs out, and reminds once', async () => {
    const { scene } = await startScene(inHoursAt, '8s');
    const startedAt = Date.now();
    const jane = unique('jane');
    const subject = `Quote ${randomBytes(3).toString('hex')}`;
    const mail = composeMail({ from: jane, subject });
    await scene.mailbox.append(mail.raw);
    await waitForPlan(scene, mail.messageId);
    // Queued and marked handled: the restarted daemon does not triage it again.
    await scene.daemon.waitForLog((line) => line.event === 'batch_triaged');
    await scene.daemon.stop();
    // The clock goes on where it was.
    const resumeAt = new Date(Date.parse(inHoursAt) + (Date.now() - startedAt)).toISOString();
    await scene.start(resumeAt);

    await sink.waitFor(reminderFor(subject), 30_000);
    const sent = await scene.daemon.waitForLog(
      (line) => line.event === 'reminder_sent' && line['messageId'] === mail.messageId,
    );
    expect(sent['flaggedIn']).toBe('INBOX');
    expect(await flagsOf(scene, 'INBOX', mail.messageId)).toContain('\\Flagged');
    expect(sink.messages.filter(reminderFor(subject))).toHaveLength(1);
    expect(
      scene.daemon.logs.filter((line) => line.event === 'reply_due_planned'),
      'the restarted daemon did not plan the check again',
    ).toEqual([]);
  });
});
