import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { ReceivedMail, SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { composeAcmeClient } from '../support/compose-acme-client.js';
import { composeMail } from '../support/compose-mail.js';
import { startTestDaemon, type TestDaemon } from '../support/start-test-daemon.js';
import { useCleanups } from '../support/use-cleanups.js';
import { useMailServices } from '../support/use-mail-services.js';

/*
 * The hand-back digest, sent by the daemon at the VA's first moment of a working day
 * (Acme's hours start at 09:00 UTC) against real Dovecot, Redis and the SMTP sink: it lists
 * what happened, reaches the sink once although the daemon is killed right after sending
 * it and started again (and again), and an empty period sends nothing. The clock is
 * shifted with --at to just before 09:00, so each test waits seconds, not hours.
 */

// Thursday 26 November 2026, 35 s before Acme's 09:00 start: out of hours, the digest due soon.
const beforeNine = '2026-11-26T08:59:25Z';
const nine = '2026-11-26T09:00:00.000Z';
const fridayNine = '2026-11-27T09:00:00.000Z';

let dovecot: DovecotServer;
let sink: SmtpSink;
const defer = useCleanups();
const services = useMailServices();
beforeEach(() => {
  ({ dovecot, sink } = services());
});

const unique = (name: string, domain = 'acme.example') =>
  `${name}-${randomBytes(4).toString('hex')}@${domain}`;

/** A daemon whose config turns the digest on, sent to an address of its own. */
async function startDigestScene(
  at: string,
  env: Record<string, string> = {},
): Promise<{ scene: TestDaemon; digestTo: string; clock: () => string }> {
  const assistant = { name: 'Dana Reyes', address: unique('dana', 'studio.example') };
  const startedAt = Date.now();
  const scene = await startTestDaemon(dovecot, sink.port, at, {
    clients: { acme: composeAcmeClient(['emergency: { keywords: [urgent, "site down"] }']) },
    assistant,
    extraYaml: ['digest: { enabled: true, at: first-check-in }'],
    startEnv: env,
  });
  defer(() => scene.cleanup());
  const startMs = Date.parse(at);
  // The scene's clock: as far past `at` as real time is past the first start.
  const clock = () => new Date(startMs + (Date.now() - startedAt)).toISOString();
  return { scene, digestTo: assistant.address, clock };
}

const isDigestTo = (address: string) => (mail: ReceivedMail) =>
  mail.envelope.to.includes(address) && mail.headers['x-offhours']?.[0] === 'digest';

describe('the hand-back digest', () => {
  it('lists what happened and reaches the VA once, across a crash right after sending and two restarts', async () => {
    const { scene, digestTo, clock } = await startDigestScene(beforeNine, {
      // Killed (SIGKILL) the moment the digest's delivery is recorded, before the mark moves.
      OFFHOURS_CRASH_AT: 'after-record:digest',
    });
    const first = scene.daemon;
    await first.waitForLog(
      (line) =>
        line.event === 'digest_scheduled' &&
        Array.isArray(line['dueAt']) &&
        line['dueAt'].includes(nine),
    );
    const jane = unique('jane');
    const ceo = unique('ceo');
    const person = composeMail({
      from: `Jane Doe <${jane}>`,
      to: digestTo,
      subject: 'Invoice <b>2291</b> & co',
    });
    const emergency = composeMail({ from: ceo, to: digestTo, subject: 'URGENT: site down' });
    const robot = composeMail({
      from: unique('news'),
      to: digestTo,
      subject: 'Acme weekly',
      headers: { 'List-Id': '<weekly.acme.example>', Precedence: 'list' },
    });
    for (const mail of [person, emergency, robot]) await scene.mailbox.append(mail.raw);
    for (const outcome of ['replied', 'forwarded'])
      await first.waitForLog(
        (line) => line.event === 'recorded' && line['outcome'] === outcome,
        20_000,
      );
    await first.waitForLog(
      (line) =>
        line.event === 'recorded' && line['outcome'] === 'held' && line['recordId'] !== null,
    );

    // 09:00: the digest goes out, then the process dies before it marks the period done.
    const digest = await sink.waitFor(isDigestTo(digestTo), 45_000);
    expect(await first.waitForExit(15_000)).toBe('SIGKILL');

    // Restarted: the job the crash cut off runs again, finds its delivery recorded, and
    // sends nothing more.
    const second = await scene.start(clock());
    const again = await second.waitForLog((line) => line.event === 'digest_already_sent', 45_000);
    expect(again['messageId']).toBe(digest.headers['message-id']?.[0]?.replace(/^<|>$/g, ''));
    await second.waitForLog(
      (line) =>
        line.event === 'digest_scheduled' &&
        JSON.stringify(line['dueAt']) === JSON.stringify([fridayNine]),
    );
    expect(await second.stop()).toBe(0);
    // And once more: the period is marked done, only Friday's digest is planned.
    const third = await scene.start(clock());
    await third.waitForLog(
      (line) =>
        line.event === 'digest_scheduled' &&
        JSON.stringify(line['dueAt']) === JSON.stringify([fridayNine]),
    );
    expect(sink.messages.filter(isDigestTo(digestTo))).toHaveLength(1);
    expect(third.logs.some((line) => String(line.event).startsWith('digest_sent'))).toBe(false);

    // What it says: the period, the reply, the emergency and whom it went to, the held
    // mail, the robot; the subject's markup escaped in the HTML part.
    expect(digest.subject).toBe(
      'Hand-back: 1 emergency, 2 replies, 1 held, 1 robot since Thu 26 Nov 08:59',
    );
    expect(digest.text).toContain('From Thu 26 Nov 08:59 to Thu 26 Nov 09:00 (UTC)');
    expect(digest.text).toContain('== Acme Corp ==');
    expect(digest.text).toContain(
      `Emergencies forwarded (1)\n  - Thu 26 Nov 08:59  ${ceo}  "URGENT: site down"\n    passed to Sam Ortiz <sam@studio.example>; no acknowledgement on record`,
    );
    expect(digest.text).toContain(`to ${jane}  "Invoice <b>2291</b> & co"\n    out-of-hours reply`);
    expect(digest.text).toContain(`to ${ceo}  "URGENT: site down"\n    acknowledged the emergency`);
    expect(digest.text).toContain(
      `Held (1)\n  - Thu 26 Nov 08:59  ${jane}  "Invoice <b>2291</b> & co"\n    comes back Thu 26 Nov 09:00`,
    );
    expect(digest.text).toContain('Robots not answered: 1');
    const raw = digest.raw.toString('utf8');
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(raw).toMatch(/Content-Type: text\/html/i);
    expect(digest.headers['auto-submitted']?.[0]).toBe('auto-generated');
  }, 180_000);

  it('sends nothing for an empty period, and moves on to the next working day', async () => {
    const { scene, digestTo } = await startDigestScene('2026-11-26T08:59:50Z');
    const empty = await scene.daemon.waitForLog((line) => line.event === 'digest_empty', 30_000);
    expect(empty).toMatchObject({ until: nine, records: 0 });
    await scene.daemon.waitForLog(
      (line) =>
        line.event === 'digest_scheduled' &&
        JSON.stringify(line['dueAt']) === JSON.stringify([fridayNine]),
    );
    expect(sink.messages.filter(isDigestTo(digestTo))).toEqual([]);
    expect(scene.daemon.logs.some((line) => line.event === 'digest_sent')).toBe(false);
  }, 90_000);
});
