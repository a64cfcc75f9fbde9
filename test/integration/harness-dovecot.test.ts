import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { startDovecot } from '../../src/sandbox/start-dovecot.js';
import { useFixture } from '../support/use-fixture.js';
import { waitForEvent } from '../support/wait-for-event.js';

function buildMessage(subject: string): string {
  return [
    'From: Sender <sender@example.test>',
    'To: Client <client@example.test>',
    `Subject: ${subject}`,
    `Message-ID: <${subject}@example.test>`,
    'Date: Mon, 05 Jan 2026 10:00:00 +0000',
    '',
    'Hello.',
    '',
  ].join('\r\n');
}

async function connect(options: ImapFlowOptions): Promise<ImapFlow> {
  const client = new ImapFlow({ logger: false, ...options });
  await client.connect();
  return client;
}

describe('startDovecot', () => {
  const useDovecot = useFixture(
    () => startDovecot(),
    (dovecot) => dovecot.stop(),
  );

  it('gives each test a fresh user with an empty INBOX', async () => {
    const dovecot = useDovecot();
    const first = dovecot.newUser();
    const second = dovecot.newUser();
    expect(first.user).not.toBe(second.user);

    const client = await connect({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      auth: first,
    });
    try {
      const status = await client.status('INBOX', { messages: true });
      expect(status).toMatchObject({ messages: 0 });
    } finally {
      await client.logout();
    }
  });

  it('reports an APPEND from a second connection to a client in IDLE', async () => {
    const dovecot = useDovecot();
    const auth = dovecot.newUser();
    const watcher = await connect({ host: dovecot.host, port: dovecot.port, secure: false, auth });
    const appender = await connect({ host: dovecot.host, port: dovecot.port, secure: false, auth });
    try {
      await watcher.mailboxOpen('INBOX');
      const idling = watcher.idle();
      const exists = waitForEvent(watcher, 'exists', () => true, 10_000);

      await appender.append('INBOX', buildMessage('idle-test'));

      const [update] = await exists;
      expect(update).toMatchObject({ path: 'INBOX', count: 1, prevCount: 0 });
      await watcher.logout();
      await idling;
    } finally {
      await appender.logout();
      watcher.close();
    }
  });

  it('keeps the port and the mail across restart() and drops connected clients', async () => {
    const dovecot = useDovecot();
    const auth = dovecot.newUser();
    const before = await connect({ host: dovecot.host, port: dovecot.port, secure: false, auth });
    await before.append('INBOX', buildMessage('before-restart'));
    const closed = waitForEvent(before, 'close', () => true, 10_000);

    await dovecot.restart();
    await closed;

    const after = await connect({ host: dovecot.host, port: dovecot.port, secure: false, auth });
    try {
      const status = await after.status('INBOX', { messages: true });
      expect(status).toMatchObject({ messages: 1 });
    } finally {
      await after.logout();
    }
  });
});

describe('startDovecot with tls', () => {
  const useDovecot = useFixture(
    () => startDovecot({ tls: true }),
    (dovecot) => dovecot.stop(),
  );

  it('serves implicit TLS with a certificate its ca verifies', async () => {
    const dovecot = useDovecot();
    expect(dovecot.tlsPort).toEqual(expect.any(Number));
    expect(dovecot.ca).toContain('-----BEGIN CERTIFICATE-----');

    const client = await connect({
      host: dovecot.host,
      port: dovecot.tlsPort ?? 0,
      secure: true,
      tls: { ca: dovecot.ca ?? '' },
      auth: dovecot.newUser(),
    });
    try {
      expect(client.secureConnection).toBe(true);
      const mailbox = await client.mailboxOpen('INBOX');
      expect(mailbox.exists).toBe(0);
    } finally {
      await client.logout();
    }
  });

  it('is refused by a client that does not trust the certificate', async () => {
    const dovecot = useDovecot();
    const client = new ImapFlow({
      logger: false,
      host: dovecot.host,
      port: dovecot.tlsPort ?? 0,
      secure: true,
      auth: dovecot.newUser(),
    });
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toThrow(/self[- ]signed/i);
    client.close();
  });
});
