import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { composeAcmeClient } from '../support/compose-acme-client.js';
import { composeMail } from '../support/compose-mail.js';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { LogLine } from '../support/start-offhours.js';
import { startTestDaemon, type TestDaemon } from '../support/start-test-daemon.js';
import type { SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { useMailServices } from '../support/use-mail-services.js';
import { useCleanups } from '../support/use-cleanups.js';

// Wednesday 25 November 2026, 21:59:52 UTC: after Acme's hours, 8 s before the 22:00 check-in.
const eveningAt = '2026-11-25T21:59:52Z';
const middayAt = '2026-11-25T12:00:00Z';

const acmeClient = composeAcmeClient(['emergency: { keywords: [urgent, "site down"] }']);

let dovecot: DovecotServer;
let sink: SmtpSink;
const defer = useCleanups();

const services = useMailServices();
beforeEach(() => {
  ({ dovecot, sink } = services());
});

/** A fresh mailbox user, queue prefix and config; the daemon started at `at` and watching. */
async function startScene(
  at: string,
  clients: Record<string, string> = { acme: acmeClient },
): Promise<TestDaemon> {
  const scene = await startTestDaemon(dovecot, sink.port, at, { clients });
  defer(() => scene.cleanup());
  return scene;
}

const uniqueSender = (domain = 'acme.example') =>
  `jane-${randomBytes(4).toString('hex')}@${domain}`;
const decisionFor = (messageId: string) => (line: LogLine) =>
  line.event === 'decision' && line['messageId'] === messageId;
const repliesTo = (address: string) =>
  sink.messages.filter((mail) => mail.envelope.to.includes(address));

describe('offhours run against real Dovecot, Redis and SMTP', () => {
  it('replies once to out-of-hours client mail, holds it, and brings it back unread at the check-in', async () => {
    const scene = await startScene(eveningAt);
    const sender = uniqueSender();
    const mail = composeMail({ from: `Jane Doe <${sender}>`, subject: 'Invoice question' });
    await scene.mailbox.append(mail.raw);

    const reply = await sink.waitFor((received) => received.envelope.to.includes(sender), 15_000);
    expect(reply.envelope.to).toEqual([sender]);
    expect(reply.headers['auto-submitted']).toEqual(['auto-replied']);
    expect(reply.headers['in-reply-to']?.[0]).toBe(`<${mail.messageId}>`);
    expect(reply.headers['references']?.[0]).toContain(`<${mail.messageId}>`);
    expect(reply.headers['x-auto-response-suppress']).toEqual(['All']);
    expect(reply.headers['precedence']).toEqual(['bulk']);
    expect(reply.headers['x-offhours']?.[0]).toContain('client=acme');
    expect(reply.subject).toBe('Auto: Invoice question');
    expect(reply.text).toContain('Jane Doe');

    await scene.daemon.waitForLog((line) => line.event === 'batch_triaged' && line['held'] === 1);
    expect((await scene.mailbox.list('Held')).map((entry) => entry.messageId)).toEqual([
      mail.messageId,
    ]);
    expect(await scene.mailbox.list('INBOX')).toEqual([]);

    await scene.daemon.waitForLog(
      (line) => line.event === 'released' && line['released'] === 1,
      20_000,
    );
    const inbox = await scene.mailbox.list('INBOX');
    expect(inbox.map((entry) => entry.messageId)).toEqual([mail.messageId]);
    expect(inbox[0]?.flags.has('\\Seen')).toBe(false);
    expect(await scene.mailbox.list('Held')).toEqual([]);
    expect(repliesTo(sender)).toHaveLength(1);
  });

  it('leaves alone a held message the VA moved back by hand: not triaged again, nothing to release', async () => {
    const scene = await startScene(eveningAt);
    const sender = uniqueSender();
    const mail = composeMail({ from: sender, subject: 'Read it early' });
    await scene.mailbox.append(mail.raw);
    await scene.daemon.waitForLog((line) => line.event === 'batch_triaged' && line['held'] === 1);
    await scene.mailbox.move(mail.messageId, 'Held', 'INBOX');

    const release = await scene.daemon.waitForLog((line) => line.event === 'released', 20_000);
    expect(release).toMatchObject({ released: 0, gone: 1 });
    expect((await scene.mailbox.list('INBOX')).map((entry) => entry.messageId)).toEqual([
      mail.messageId,
    ]);
    expect(await scene.mailbox.list('Held')).toEqual([]);
    expect(scene.daemon.logs.filter(decisionFor(mail.messageId))).toHaveLength(1);
    expect(repliesTo(sender)).toHaveLength(1);
  });

  it('holds a second message from the same sender without a second reply', async () => {
    const scene = await startScene(eveningAt);
    const sender = uniqueSender();
    await scene.mailbox.append(composeMail({ from: sender, subject: 'First' }).raw);
    await sink.waitFor((received) => received.envelope.to.includes(sender), 15_000);
    const second = composeMail({ from: sender, subject: 'Second' });
    await scene.mailbox.append(second.raw);

    const suppressed = await scene.daemon.waitForLog(
      (line) => line.event === 'reply_suppressed' && line['to'] === sender,
    );
    expect(suppressed['reason']).toBe('once-per-period');
    await scene.daemon.waitForLog(
      (line) =>
        line.event === 'batch_triaged' &&
        line['held'] === 1 &&
        scene.daemon.logs.filter((l) => l.event === 'batch_triaged').length >= 2,
    );
    expect((await scene.mailbox.list('Held')).map((entry) => entry.messageId)).toContain(
      second.messageId,
    );
    expect(repliesTo(sender)).toHaveLength(1);
  });

  it('forwards an emergency to the backup on call, acknowledges it, and leaves it in the inbox', async () => {
    const scene = await startScene(eveningAt);
    const sender = uniqueSender();
    const mail = composeMail({
      from: `Jane Doe <${sender}>`,
      subject: 'URGENT: site down',
      body: 'The shop is offline.',
    });
    await scene.mailbox.append(mail.raw);

    const forward = await sink.waitFor(
      (received) =>
        received.envelope.to.includes('sam@studio.example') &&
        received.raw.includes(mail.messageId),
      15_000,
    );
    expect(forward.headers['x-offhours']?.[0]).toContain('forward');
    // The backup's Reply comes back to the watched mailbox (the acknowledgement); the client
    // is one click away in the text.
    expect(forward.headers['reply-to']?.[0]).toContain('dana@studio.example');
    expect(forward.subject).toMatch(/^\[Emergency #[0-9a-f]{10}\] Acme Corp: URGENT: site down$/);
    expect(forward.text).toContain(`mailto:${sender}?cc=dana%40studio.example`);
    expect(forward.raw.toString()).toContain('message/rfc822');
    const ack = await sink.waitFor((received) => received.envelope.to.includes(sender), 15_000);
    expect(ack.headers['auto-submitted']).toEqual(['auto-replied']);
    expect(ack.text).toContain('Sam Ortiz');

    const decision = await scene.daemon.waitForLog(decisionFor(mail.messageId));
    expect(decision['actions']).toEqual(['forward', 'reply']);
    await scene.daemon.waitForLog((line) => line.event === 'batch_triaged');
    const inbox = await scene.mailbox.list('INBOX');
    expect(inbox.map((entry) => entry.messageId)).toEqual([mail.messageId]);
    expect(inbox[0]?.flags.has('$Offhours')).toBe(true);
  });

  it('never replies to automated mail: a bounce, list mail, another responder', async () => {
    const scene = await startScene(eveningAt);
    const robots = [
      composeMail({
        from: 'MAILER-DAEMON@acme.example',
        subject: 'Undelivered Mail Returned to Sender',
        headers: { 'Return-Path': '<>' },
      }),
      composeMail({
        from: `news-${randomBytes(3).toString('hex')}@acme.example`,
        subject: 'Acme weekly',
        headers: { 'List-Id': '<weekly.acme.example>', Precedence: 'list' },
      }),
      composeMail({
        from: uniqueSender(),
        subject: 'Automatic reply: Invoice',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
    ];
    for (const robot of robots) await scene.mailbox.append(robot.raw);
    const sentinel = uniqueSender();
    await scene.mailbox.append(composeMail({ from: sentinel, subject: 'A human' }).raw);

    for (const robot of robots) {
      const decision = await scene.daemon.waitForLog(decisionFor(robot.messageId));
      expect(decision['automated']).toBe(true);
      expect(decision['actions']).toEqual(['hold']);
    }
    await sink.waitFor((received) => received.envelope.to.includes(sentinel), 15_000);
    const robotAddresses = [
      'mailer-daemon@acme.example',
      ...robots.slice(1).map((robot) => /From: (\S+)/.exec(robot.raw)?.[1] ?? ''),
    ];
    expect(
      sink.messages.filter((received) =>
        received.envelope.to.some((to) => robotAddresses.includes(to)),
      ),
    ).toEqual([]);
  });

  it('leaves in-hours client mail and unknown senders untouched', async () => {
    const scene = await startScene(middayAt);
    const client = composeMail({ from: uniqueSender(), subject: 'In hours' });
    const stranger = composeMail({ from: uniqueSender('elsewhere.example'), subject: 'Hello' });
    await scene.mailbox.append(client.raw);
    await scene.mailbox.append(stranger.raw);
    const decisions = [
      await scene.daemon.waitForLog(decisionFor(client.messageId)),
      await scene.daemon.waitForLog(decisionFor(stranger.messageId)),
    ];
    expect(
      decisions.map((decision) => [decision['client'], decision['available'], decision['actions']]),
    ).toEqual([
      ['acme', true, []],
      [null, null, []],
    ]);
    await scene.daemon.waitForLog((line) => line.event === 'batch_triaged');
    const inbox = await scene.mailbox.list('INBOX');
    expect(inbox.map((entry) => entry.messageId).sort()).toEqual(
      [client.messageId, stranger.messageId].sort(),
    );
    expect(inbox.every((entry) => !entry.flags.has('\\Seen'))).toBe(true);
  });

  it('handles mail that arrived while it was stopped, and a restart sends nothing twice', async () => {
    const scene = await startScene(eveningAt);
    const first = uniqueSender();
    await scene.mailbox.append(composeMail({ from: first, subject: 'Before the restart' }).raw);
    await sink.waitFor((received) => received.envelope.to.includes(first), 15_000);
    await scene.daemon.waitForLog((line) => line.event === 'batch_triaged');
    expect(await scene.daemon.stop()).toBe(0);

    const second = uniqueSender();
    const whileDown = composeMail({ from: second, subject: 'While you were out' });
    await scene.mailbox.append(whileDown.raw);
    const restarted = await scene.start(eveningAt);
    await sink.waitFor((received) => received.envelope.to.includes(second), 15_000);
    await restarted.waitForLog(decisionFor(whileDown.messageId));
    expect(restarted.logs.filter((line) => line.event === 'decision')).toHaveLength(1);
    expect(repliesTo(first)).toHaveLength(1);
    expect(repliesTo(second)).toHaveLength(1);
  });
});
