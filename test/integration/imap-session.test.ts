import type { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImapSettings } from '../../src/config/offhours-config.js';
import { isOffhoursError } from '../../src/errors/offhours-error.js';
import { ImapSession } from '../../src/mail/imap-session.js';
import { startDovecot } from '../../src/sandbox/start-dovecot.js';
import { useFixture } from '../support/use-fixture.js';

describe('ImapSession', () => {
  const useDovecot = useFixture(
    () => startDovecot(),
    (dovecot) => dovecot.stop(),
  );
  const settingsFor = (account: { user: string; pass: string }): ImapSettings => {
    const dovecot = useDovecot();
    return {
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: account.user,
      auth: { type: 'password', pass: account.pass },
      mailbox: 'INBOX',
      holdMailbox: 'Held',
    };
  };
  const sessions: ImapSession[] = [];
  const open = (settings: () => ImapSettings, idleMs?: number) => {
    const session = new ImapSession(settings, undefined, idleMs);
    sessions.push(session);
    return session;
  };

  it('keeps one logged-in connection for a run of commands, one command at a time', async () => {
    const settings = settingsFor(useDovecot().newUser());
    const session = open(() => settings);
    const clients = new Set<ImapFlow>();
    let running = 0;
    let overlapped = false;
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        session.run(async (client) => {
          running += 1;
          overlapped ||= running > 1;
          clients.add(client);
          await client.append('INBOX', `Subject: ${index}\r\n\r\nbody\r\n`);
          running -= 1;
        }),
      ),
    );
    expect(clients.size).toBe(1);
    expect(overlapped).toBe(false);
    const status = await session.run((client) => client.status('INBOX', { messages: true }));
    expect(status).toMatchObject({ messages: 10 });
    await session.close();
    expect([...clients][0]?.usable).toBe(false);
  });

  it('drops the connection after a failure and connects afresh for the next command', async () => {
    const settings = settingsFor(useDovecot().newUser());
    const session = open(() => settings);
    const first = await session.run((client) => Promise.resolve(client));
    session.state.set('sent:', 'Sent');
    const failure = await session
      .run((client) => client.mailboxOpen('No such folder'))
      .catch((error: unknown) => error);
    expect(isOffhoursError(failure) && failure.code).toBe('IMAP_COMMAND_FAILED');
    expect(session.state.size).toBe(0);
    const second = await session.run((client) => Promise.resolve(client));
    expect(second).not.toBe(first);
    expect(first.usable).toBe(false);
    expect(second.usable).toBe(true);
  });

  it('logs out when idle, and reconnects when the connection settings change', async () => {
    const first = settingsFor(useDovecot().newUser());
    const other = settingsFor(useDovecot().newUser());
    let current = first;
    const session = open(() => current, 200);
    const a = await session.run((client) => Promise.resolve(client));
    await new Promise<void>((resolve) => a.once('close', () => resolve()));
    expect(a.usable).toBe(false);
    const b = await session.run((client) => Promise.resolve(client));
    expect(b).not.toBe(a);
    current = other;
    const c = await session.run(async (client) => {
      const status = await client.status('INBOX', { messages: true });
      return { client, status };
    });
    expect(c.client).not.toBe(b);
    expect(b.usable).toBe(false);
    expect(c.status).toMatchObject({ messages: 0 });
  });

  it('a server it cannot reach is IMAP_CONNECT_FAILED', async () => {
    const settings = { ...settingsFor(useDovecot().newUser()), port: 1 };
    const session = open(() => settings);
    const failure = await session.run(() => Promise.resolve()).catch((error: unknown) => error);
    expect(isOffhoursError(failure) && failure.code).toBe('IMAP_CONNECT_FAILED');
  });

  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
  });
});
