/**
 * The floor for end-to-end latency: how long Dovecot takes to tell a client in IDLE that
 * mail was appended from another connection. A plain imapflow client, nothing of offhours.
 */
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { composeMail } from '../../test/support/compose-mail.js';
import { connectMailbox } from '../../test/support/mailbox-client.js';

export async function measureIdleFloor(
  server: { host: string; port: number },
  account: { user: string; pass: string },
  samples: number,
  timeoutMs = 10_000,
): Promise<number[]> {
  const watcher = new ImapFlow({ ...server, secure: false, auth: account, logger: false });
  watcher.on('error', () => undefined);
  const appender = await connectMailbox(server, account);
  const delays: number[] = [];
  try {
    await watcher.connect();
    await watcher.mailboxOpen('INBOX');
    // imapflow idles on its own only 15 s after the last command.
    void watcher.idle().catch(() => undefined);
    // One unmeasured round first: it settles the IDLE the first sample would otherwise race.
    for (let round = 0; round <= samples; round += 1) {
      const notified = waitForExists(watcher, timeoutMs);
      await appender.append(composeMail({ from: `floor-${round}@elsewhere.example` }).raw);
      const appendedAt = performance.now();
      const notifiedAt = await notified;
      if (round > 0) delays.push(notifiedAt - appendedAt);
    }
    return delays;
  } finally {
    await appender.close();
    await watcher.logout().catch(() => watcher.close());
  }
}

function waitForExists(client: ImapFlow, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onExists = (): void => {
      clearTimeout(timer);
      resolve(performance.now());
    };
    const timer = setTimeout(() => {
      client.off('exists', onExists);
      reject(new Error(`no IDLE notification within ${timeoutMs} ms of an APPEND`));
    }, timeoutMs);
    client.once('exists', onExists);
  });
}
