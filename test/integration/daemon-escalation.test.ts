import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { RecordOutcome } from '../../src/records/activity-record.js';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import { startRedis } from '../../src/sandbox/start-redis.js';
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
 * On-call escalation end to end, against real Dovecot, Redis and the SMTP sink, with short
 * `onCall.escalation.after` durations: the backup's reply to the forward (appended to the
 * watched mailbox, as delivery would put it there) acknowledges the emergency and stops the
 * steps; without one the emergency goes to the next backup, then to `finally`, each step
 * once, also across a daemon kill and a Redis SIGKILL restarted from its AOF.
 */

// Wednesday 25 November 2026, 19:00 UTC: after Acme's hours, long before its 22:00 check-in.
const eveningAt = '2026-11-25T19:00:00Z';
const acmeClient = composeAcmeClient(['emergency: { keywords: [urgent, "site down"] }']);

let dovecot: DovecotServer;
let sink: SmtpSink;
const defer = useCleanups();
const services = useMailServices();
beforeEach(() => {
  ({ dovecot, sink } = services());
});

interface Scene {
  readonly scene: TestDaemon;
  readonly sam: string;
  readonly priya: string;
  readonly personal: string;
  readonly ceo: string;
  readonly records: RecordLog;
}

const unique = (name: string, domain: string) =>
  `${name}-${randomBytes(4).toString('hex')}@${domain}`;

/** Sam on call, then Priya, then the VA's personal address; every address new to the sink. */
async function startScene(after: string, redisUrl?: string): Promise<Scene> {
  const sam = unique('sam', 'studio.example');
  const priya = unique('priya', 'studio.example');
  const personal = unique('dana', 'personal.example');
  const scene = await startTestDaemon(dovecot, sink.port, eveningAt, {
    clients: { acme: acmeClient },
    backups: [
      { name: 'Sam Ortiz', address: sam },
      { name: 'Priya Shah', address: priya },
    ],
    escalation: `{ after: ${after}, finally: ${personal} }`,
    ...(redisUrl === undefined ? {} : { redisUrl }),
  });
  defer(() => scene.cleanup());
  const config = await loadConfig(scene.configPath, {
    env: { TEST_IMAP_PASS: scene.account.pass },
    now: new Date(eveningAt),
  });
  const redis = new Redis(scene.redis.url, { maxRetriesPerRequest: null });
  defer(() => redis.quit());
  const records = new RecordLog(redis, scene.redis.prefix, identifyMailbox(config.imap), {
    keepForSeconds: 90 * 86_400,
    subjects: true,
  });
  return { scene, sam, priya, personal, ceo: unique('ceo', 'acme.example'), records };
}

const sentTo = (address: string) =>
  sink.messages.filter((mail) => mail.envelope.to.includes(address));
const event =
  (name: string, fields: Record<string, unknown> = {}) =>
  (line: LogLine) =>
    line.event === name && Object.entries(fields).every(([key, value]) => line[key] === value);

/** The outcomes recorded for the emergency, oldest first. */
async function outcomesOf(records: RecordLog, messageId: string): Promise<RecordOutcome[]> {
  return (await records.list())
    .filter((record) => record.messageId === messageId)
    .reverse()
    .map((record) => record.outcome);
}

/** Waits until the daemon logged `count` records of `outcome` written. */
async function waitForRecords(scene: TestDaemon, outcome: string, count: number): Promise<void> {
  const written = (line: LogLine) => line.event === 'recorded' && line['outcome'] === outcome;
  await scene.daemon.waitForLog(
    (line) => written(line) && scene.daemon.logs.filter(written).length >= count,
  );
}

/** A person's Reply to a forward, as their mail program writes it. */
function replyTo(
  forward: ReceivedMail,
  from: string,
  options: { keepHeaders: boolean } = { keepHeaders: true },
) {
  const forwardId = forward.headers['message-id']?.[0] ?? '';
  return composeMail({
    from,
    to: forward.headers['reply-to']?.[0] ?? '',
    subject: `Re: ${forward.subject}`,
    body: 'Got it, on it now.',
    headers: options.keepHeaders ? { 'In-Reply-To': forwardId, References: forwardId } : {},
  });
}

async function raiseEmergency(
  scene: TestDaemon,
  ceo: string,
): Promise<{ messageId: string; token: string }> {
  const mail = composeMail({ from: `Jordan Lee <${ceo}>`, subject: 'URGENT: site down' });
  await scene.mailbox.append(mail.raw);
  const sent = await scene.daemon.waitForLog(event('forward_sent'));
  return { messageId: mail.messageId, token: String(sent['token']) };
}

describe('on-call escalation', () => {
  it("the backup's reply to the forward acknowledges it: no further step, the client hears once", async () => {
    const { scene, sam, priya, personal, ceo, records } = await startScene('8s');
    const emergency = await raiseEmergency(scene, ceo);
    const forward = await sink.waitFor((mail) => mail.envelope.to.includes(sam), 15_000);
    expect(forward.subject).toBe(`[Emergency #${emergency.token}] Acme Corp: URGENT: site down`);
    expect(forward.headers['reply-to']?.[0]).toContain('dana@studio.example');

    const reply = replyTo(forward, `Sam Ortiz <${sam}>`);
    await scene.mailbox.append(reply.raw);
    const acknowledged = await scene.daemon.waitForLog(event('escalation_acknowledged'));
    expect(acknowledged).toMatchObject({ token: emergency.token, by: sam, step: 0 });
    const decision = await scene.daemon.waitForLog(
      event('decision', { messageId: reply.messageId }),
    );
    expect(decision['reasons']).toEqual(['ESCALATION_ACKNOWLEDGED', 'ACTION_NONE']);
    // The step due 8 s after the forward runs, finds the acknowledgement and stops.
    const stopped = await scene.daemon.waitForLog(
      event('escalation_stopped', { token: emergency.token, step: 1 }),
      20_000,
    );
    expect(stopped['by']).toBe(sam);

    expect(sentTo(sam)).toHaveLength(1);
    expect(sentTo(priya)).toEqual([]);
    expect(sentTo(personal)).toEqual([]);
    expect(sentTo(ceo)).toHaveLength(1);
    await waitForRecords(scene, 'acknowledged', 1);
    // The reply stays in the inbox for the VA, handled, never answered.
    const inbox = await scene.mailbox.list('INBOX');
    expect(inbox.find((entry) => entry.messageId === reply.messageId)?.flags.has('$Offhours')).toBe(
      true,
    );
    expect(await outcomesOf(records, emergency.messageId)).toEqual(
      expect.arrayContaining([
        { type: 'forwarded', to: sam },
        { type: 'acknowledged', by: sam, via: 'reply' },
      ]),
    );
    expect((await outcomesOf(records, emergency.messageId)).map((o) => o.type)).not.toContain(
      'escalated',
    );
  });

  it('without an acknowledgement: the next backup, then finally, each once, then it ends', async () => {
    const { scene, sam, priya, personal, ceo, records } = await startScene('2s');
    const emergency = await raiseEmergency(scene, ceo);
    const over = await scene.daemon.waitForLog(
      event('escalation_over', { token: emergency.token }),
      30_000,
    );
    expect(over['lastStep']).toBe(2);

    const order = sink.messages
      .filter((mail) => [sam, priya, personal].some((to) => mail.envelope.to.includes(to)))
      .map((mail) => mail.envelope.to[0]);
    expect(order).toEqual([sam, priya, personal]);
    const toPriya = sentTo(priya)[0];
    expect(toPriya?.subject).toBe(`[Emergency #${emergency.token}] Acme Corp: URGENT: site down`);
    expect(toPriya?.headers['x-offhours']).toEqual(['escalation; client=acme']);
    expect(toPriya?.text).toContain('Sam Ortiz had it first and did not answer');
    expect(toPriya?.raw.toString()).toContain(emergency.messageId);
    expect(sentTo(personal)[0]?.text).toContain('Sam Ortiz and Priya Shah had it first');
    // Three forwards, three Message-IDs: a reply to any of them names the emergency.
    const ids = [sam, priya, personal].map((to) => sentTo(to)[0]?.headers['message-id']?.[0]);
    expect(new Set(ids).size).toBe(3);
    expect(sentTo(ceo)).toHaveLength(1);

    const steps = scene.daemon.logs.filter(event('escalated'));
    expect(steps.map((line) => [line['step'], line['to'], line['kind']])).toEqual([
      [1, priya, 'backup'],
      [2, personal, 'finally'],
    ]);
    await waitForRecords(scene, 'escalated', 2);
    expect(await outcomesOf(records, emergency.messageId)).toEqual(
      expect.arrayContaining([
        { type: 'forwarded', to: sam },
        { type: 'escalated', to: priya, step: 1, via: 'mail' },
        { type: 'escalated', to: personal, step: 2, via: 'mail' },
      ]),
    );
  });

  it('an acknowledgement after the first step stops the second, even with only the subject tag', async () => {
    const { scene, sam, priya, personal, ceo, records } = await startScene('5s');
    const emergency = await raiseEmergency(scene, ceo);
    const toPriya = await sink.waitFor((mail) => mail.envelope.to.includes(priya), 20_000);
    // Priya's mail program kept neither In-Reply-To nor References: the tag is enough.
    const reply = replyTo(toPriya, `Priya Shah <${priya}>`, { keepHeaders: false });
    await scene.mailbox.append(reply.raw);
    const acknowledged = await scene.daemon.waitForLog(event('escalation_acknowledged'));
    expect(acknowledged).toMatchObject({ token: emergency.token, by: priya, step: 1 });
    await scene.daemon.waitForLog(
      event('escalation_stopped', { token: emergency.token, step: 2 }),
      20_000,
    );

    expect(sentTo(sam)).toHaveLength(1);
    expect(sentTo(priya)).toHaveLength(1);
    expect(sentTo(personal)).toEqual([]);
    expect(sentTo(ceo)).toHaveLength(1);
    await waitForRecords(scene, 'acknowledged', 1);
    expect(await outcomesOf(records, emergency.messageId)).toEqual(
      expect.arrayContaining([
        { type: 'escalated', to: priya, step: 1, via: 'mail' },
        { type: 'acknowledged', by: priya, via: 'reply' },
      ]),
    );
  });

  it('a daemon killed between two steps: the next one still fires, exactly once', async () => {
    const { scene, sam, priya, personal, ceo } = await startScene('4s');
    const emergency = await raiseEmergency(scene, ceo);
    await scene.daemon.waitForLog(event('escalation_scheduled', { step: 1 }));
    await scene.daemon.kill();
    const restarted = await scene.start(eveningAt, { waitReady: false });
    await restarted.waitForLog(event('escalation_over', { token: emergency.token }), 40_000);
    expect(restarted.logs.filter(event('escalated')).map((line) => line['to'])).toEqual([
      priya,
      personal,
    ]);
    expect(sentTo(sam)).toHaveLength(1);
    expect(sentTo(priya)).toHaveLength(1);
    expect(sentTo(personal)).toHaveLength(1);
    expect(sentTo(ceo)).toHaveLength(1);
  });

  it('Redis SIGKILLed and restarted from its AOF between two steps: the step fires once', async () => {
    const redis = await startRedis();
    defer(() => redis.stop());
    const { scene, sam, priya, personal } = await startScene('4s', redis.url);
    const emergency = await raiseEmergency(scene, unique('ceo', 'acme.example'));
    await scene.daemon.waitForLog(event('escalation_scheduled', { step: 1 }));
    await redis.kill();
    await redis.start();
    await scene.daemon.waitForLog(event('escalation_over', { token: emergency.token }), 60_000);
    expect(scene.daemon.logs.filter(event('escalated')).map((line) => line['to'])).toEqual([
      priya,
      personal,
    ]);
    expect(sentTo(sam)).toHaveLength(1);
    expect(sentTo(priya)).toHaveLength(1);
    expect(sentTo(personal)).toHaveLength(1);
  });
});
