import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { useFixture } from '../support/use-fixture.js';

describe('startSmtpSink', () => {
  const useSink = useFixture(startSmtpSink, (sink) => sink.stop());
  let transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;

  afterEach(() => {
    transport?.close();
    transport = undefined;
  });

  function createSinkTransport(sink: SmtpSink): Transporter<SMTPTransport.SentMessageInfo> {
    transport = createTransport({
      host: sink.host,
      port: sink.port,
      secure: false,
      ignoreTLS: true,
    });
    return transport;
  }

  it('keeps what nodemailer sent, headers and envelope intact', async () => {
    const sink = useSink();
    const info = await createSinkTransport(sink).sendMail({
      envelope: { from: 'bounce@va.example.test', to: ['client@example.test'] },
      from: 'VA <va@example.test>',
      to: 'Client <client@example.test>',
      subject: 'Réponse automatique',
      text: 'Back on Monday.',
      headers: { 'X-Test': 'harness-smtp-1', 'Auto-Submitted': 'auto-replied' },
    });

    const mail = await sink.waitFor((m) => m.headers['x-test']?.[0] === 'harness-smtp-1');

    expect(mail.envelope).toEqual({ from: 'bounce@va.example.test', to: ['client@example.test'] });
    expect(mail.headers['auto-submitted']).toEqual(['auto-replied']);
    expect(mail.headers['message-id']).toEqual([info.messageId]);
    expect(mail.subject).toBe('Réponse automatique');
    expect(mail.text.trim()).toBe('Back on Monday.');
    expect(mail.raw.toString('utf8')).toContain('X-Test: harness-smtp-1');
  });

  it('rejects a DATA command with the planned code, then accepts again', async () => {
    const sink = useSink();
    sink.failNext(550, 'No such user here');
    const sender = createSinkTransport(sink);
    const message = {
      from: 'va@example.test',
      to: 'client@example.test',
      subject: 'planned failure',
      text: 'x',
      headers: { 'X-Test': 'harness-smtp-2' },
    };

    await expect(sender.sendMail(message)).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringContaining('No such user here') as unknown,
    });
    expect(sink.messages.some((m) => m.headers['x-test']?.[0] === 'harness-smtp-2')).toBe(false);

    await sender.sendMail(message);
    const mail = await sink.waitFor((m) => m.headers['x-test']?.[0] === 'harness-smtp-2');
    expect(mail.subject).toBe('planned failure');
  });

  it('says what it received when no message matches in time', async () => {
    const sink = useSink();
    await createSinkTransport(sink).sendMail({
      from: 'va@example.test',
      to: 'client@example.test',
      subject: 'not the one',
      text: 'x',
    });
    await sink.waitFor((m) => m.subject === 'not the one');

    await expect(sink.waitFor((m) => m.subject === 'never sent', 200)).rejects.toThrow(
      /no matching message within 200 ms; received \d+:[\s\S]*"not the one"/,
    );
  });
});
