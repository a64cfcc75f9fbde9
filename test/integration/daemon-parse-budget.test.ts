import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { composeAcmeClient } from '../support/compose-acme-client.js';
import { composeMail } from '../support/compose-mail.js';
import type { LogLine } from '../support/start-offhours.js';
import { startTestDaemon } from '../support/start-test-daemon.js';
import { useCleanups } from '../support/use-cleanups.js';
import { useMailServices } from '../support/use-mail-services.js';

// Wednesday 25 November 2026, 21:00 UTC: after Acme's hours, so people's mail is answered.
const eveningAt = '2026-11-25T21:00:00Z';

const acmeClient = composeAcmeClient();

let dovecot: DovecotServer;
let sink: SmtpSink;
const defer = useCleanups();
const services = useMailServices();
beforeEach(() => {
  ({ dovecot, sink } = services());
});

/**
 * Nearly the whole 256 KiB the daemon fetches, built to make backtracking text handling
 * quadratic: a 120 KiB run of spaces, runs before line ends, thousands of nested and
 * unclosed tags.
 * The hand-written tag stripper this replaced took 112 s of CPU on such a body.
 */
function pathologicalHtml(): string {
  const spaces = `<div>${' '.repeat(4000)}\n</div>`;
  const nested = '<span><b><i>'.repeat(2000);
  const unclosed = '<a href="x" '.repeat(2000);
  const longRun = `<p>${' '.repeat(120 * 1024)}.</p>`;
  let html = `<html><body><p>Please have a look.</p>${nested}${unclosed}${longRun}`;
  while (html.length < 240 * 1024) html += spaces;
  return `${html}</body></html>`;
}

const decisionFor = (messageId: string) => (line: LogLine) =>
  line.event === 'decision' && line['messageId'] === messageId;

describe('a pathological message in the daemon', () => {
  it('is decided, and does not hold up the message after it', async () => {
    const scene = await startTestDaemon(dovecot, sink.port, eveningAt, {
      clients: { acme: acmeClient },
    });
    defer(() => scene.cleanup());
    const heavySender = `heavy-${randomBytes(4).toString('hex')}@acme.example`;
    const heavyId = `${randomBytes(8).toString('hex')}@acme.example`;
    const heavy = [
      `Return-Path: <${heavySender}>`,
      `From: Heavy Sender <${heavySender}>`,
      'To: Dana Reyes <dana@studio.example>',
      'Subject: Layout draft',
      `Date: ${new Date(eveningAt).toUTCString()}`,
      `Message-ID: <${heavyId}>`,
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      pathologicalHtml(),
      '',
    ].join('\r\n');
    const nextSender = `next-${randomBytes(4).toString('hex')}@acme.example`;
    const next = composeMail({ from: `Next Sender <${nextSender}>`, subject: 'Quick one' });

    await scene.mailbox.append(heavy);
    await scene.mailbox.append(next.raw);

    // Each wait fails the test after 15 s: far less than the quadratic parse took.
    const nextDecision = await scene.daemon.waitForLog(decisionFor(next.messageId));
    const heavyDecision = await scene.daemon.waitForLog(decisionFor(heavyId));
    expect([nextDecision['kind'], heavyDecision['kind']]).toEqual([
      'reply-and-hold',
      'reply-and-hold',
    ]);
    const replies = await Promise.all(
      [nextSender, heavySender].map((sender) =>
        sink.waitFor((mail) => mail.envelope.to.includes(sender), 15_000),
      ),
    );
    expect(replies.map((reply) => reply.envelope.to)).toEqual([[nextSender], [heavySender]]);
  });
});
