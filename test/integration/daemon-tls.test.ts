import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cleanupPrefix } from '../support/cleanup-prefix.js';
import { composeMail } from '../support/compose-mail.js';
import { connectMailbox } from '../support/mailbox-client.js';
import { useSharedRedis } from '../support/shared-redis.js';
import { startOffhours } from '../support/start-offhours.js';
import { useCleanups } from '../support/use-cleanups.js';
import { useMailServices } from '../support/use-mail-services.js';
import { writeTestConfig } from '../support/write-test-config.js';

/* Real mailboxes speak TLS: the daemon on implicit TLS (port 993 style) with a private CA. */

const services = useMailServices({ tls: true });
const defer = useCleanups();

describe('offhours run over TLS', () => {
  it('watches a mailbox over implicit TLS, trusting imap.tls.ca, and triages its mail', async () => {
    const { dovecot, sink } = services();
    if (dovecot.tlsPort === undefined || dovecot.ca === undefined)
      throw new Error('the harness started no TLS listener');
    const account = dovecot.newUser();
    const redis = useSharedRedis();
    const config = await writeTestConfig({
      imap: { host: '127.0.0.1', port: dovecot.tlsPort, ...account },
      imapTls: { ca: dovecot.ca },
      smtpPort: sink.port,
      redis,
      clients: {
        acme: 'name: Acme Corp\nmatch: { domains: [acme.example] }\ntimezone: UTC\nhours: { mon-fri: ["09:00-17:00"] }\ncheckIns: ["08:00"]\n',
      },
    });
    const mailbox = await connectMailbox({ ...dovecot, ca: dovecot.ca }, account);
    defer(
      () => config.remove(),
      () => mailbox.close(),
      () => cleanupPrefix(redis.url, redis.prefix),
    );
    const daemon = startOffhours(['run', '--config', config.path, '--at', '2026-11-25T21:00:00Z'], {
      TEST_IMAP_PASS: account.pass,
    });
    defer(() => daemon.stop());
    await daemon.waitForLog((line) => line.event === 'watcher_ready');

    const sender = `tls-${randomBytes(4).toString('hex')}@acme.example`;
    const mail = composeMail({ from: sender, subject: 'Over TLS' });
    await mailbox.append(mail.raw);
    const decision = await daemon.waitForLog(
      (line) => line.event === 'decision' && line['messageId'] === mail.messageId,
    );
    expect(decision['actions']).toEqual(['reply', 'hold']);
    await sink.waitFor((received) => received.envelope.to.includes(sender), 15_000);
    await daemon.waitForLog((line) => line.event === 'batch_triaged');
    expect((await mailbox.list('Held')).map((entry) => entry.messageId)).toEqual([mail.messageId]);
  });
});
