import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { composeMail } from '../support/compose-mail.js';
import { connectMailbox, type MailboxClient } from '../support/mailbox-client.js';
import type { LogLine } from '../support/start-offhours.js';
import { startTestDaemon, type TestDaemon } from '../support/start-test-daemon.js';
import { useMailServices } from '../support/use-mail-services.js';

let dovecot: DovecotServer;
let sink: SmtpSink;
let test: TestDaemon | undefined;

const services = useMailServices();
beforeEach(() => {
  ({ dovecot, sink } = services());
});
afterAll(async () => {
  await test?.cleanup();
});

/**
 * Makes Dovecot forget the mailbox's UIDs and keywords, as a rebuilt or restored mailbox
 * would: a new UIDVALIDITY, and the $Offhours marks gone.
 */
function forgetUids(user: string): void {
  const maildir = join(dovecot.dir, 'mail', user, 'Maildir');
  for (const name of readdirSync(maildir)) {
    if (name.startsWith('dovecot')) rmSync(join(maildir, name), { recursive: true, force: true });
  }
}

async function forgetUntilChanged(
  account: { user: string; pass: string },
  previous: string,
): Promise<MailboxClient> {
  for (let attempt = 1; ; attempt += 1) {
    forgetUids(account.user);
    const mailbox = await connectMailbox(dovecot, account);
    if ((await mailbox.readUidValidity('INBOX')) !== previous) return mailbox;
    await mailbox.close();
    if (attempt === 20) throw new Error('Dovecot kept the old UIDVALIDITY');
  }
}

describe('offhours run after a UIDVALIDITY change', () => {
  it('resyncs unread mail and still sends no second reply or forward', async () => {
    test = await startTestDaemon(dovecot, sink.port, '2026-11-25T21:00:00Z', {
      clients: {
        acme: 'name: Acme Corp\nmatch: { domains: [acme.example] }\ntimezone: UTC\nhours: { mon-fri: ["09:00-17:00"] }\ncheckIns: ["08:00"]\nemergency: { keywords: [urgent] }\n',
      },
    });
    const sender = `val-${randomBytes(4).toString('hex')}@acme.example`;
    const urgent = composeMail({ from: sender, subject: 'URGENT: the site is down' });
    await test.mailbox.append(urgent.raw);
    await sink.waitFor((mail) => mail.envelope.to.includes(sender), 15_000);
    await sink.waitFor(
      (mail) =>
        mail.envelope.to.includes('sam@studio.example') && mail.raw.includes(urgent.messageId),
      15_000,
    );
    await test.daemon.waitForLog((line) => line.event === 'batch_triaged');
    expect(await test.daemon.stop()).toBe(0);

    const before = (await test.mailbox.list('INBOX'))[0];
    expect(before?.flags.has('$Offhours')).toBe(true);
    const previousUidValidity = await test.mailbox.readUidValidity('INBOX');
    await test.mailbox.close();
    // A Dovecot session of the stopped daemon may still be writing its index as it closes:
    // forget again until a fresh session really sees a new UIDVALIDITY.
    const mailbox = await forgetUntilChanged(test.account, previousUidValidity);
    const latecomer = `late-${randomBytes(4).toString('hex')}@acme.example`;
    const after = await mailbox.list('INBOX');
    expect(after.map((entry) => entry.messageId)).toEqual([urgent.messageId]);
    expect(after[0]?.flags.has('$Offhours')).toBe(false);
    const late = composeMail({ from: latecomer, subject: 'Sent during the rebuild' });
    await mailbox.append(late.raw);
    await mailbox.close();

    const restarted = await test.start('2026-11-25T21:05:00Z');
    const changed = await restarted.waitForLog((line) => line.event === 'uidvalidity_changed');
    expect(changed['previous']).not.toBe(changed['current']);
    const decided = (messageId: string) => (line: LogLine) =>
      line.event === 'decision' && line['messageId'] === messageId;
    await restarted.waitForLog(decided(late.messageId));
    await restarted.waitForLog(decided(urgent.messageId));
    await sink.waitFor((mail) => mail.envelope.to.includes(latecomer), 15_000);
    await restarted.waitForLog((line) => line.event === 'reply_sent' && line['to'] === latecomer);

    // One job per message and action, whatever the UIDs: the resync's jobs were duplicates.
    const queue = new Queue('mail', {
      connection: { url: test.redis.url },
      prefix: test.redis.prefix,
    });
    try {
      const jobs = await queue.getJobs(['completed', 'active', 'waiting', 'delayed', 'failed']);
      const describeJob = (job: { name: string; data: unknown }) => {
        const data = JSON.stringify(job.data);
        const to = /"(?:to|address)":"([^"]+)"/.exec(data)?.[1] ?? '?';
        return `${job.name}:${to}`;
      };
      expect(jobs.map(describeJob).sort()).toEqual(
        [`forward:sam@studio.example`, `reply:${latecomer}`, `reply:${sender}`].sort(),
      );
    } finally {
      await queue.close();
    }
    expect(sink.messages.filter((mail) => mail.envelope.to.includes(sender))).toHaveLength(1);
    expect(
      sink.messages.filter(
        (mail) =>
          mail.raw.includes(urgent.messageId) && mail.envelope.to.includes('sam@studio.example'),
      ),
    ).toHaveLength(1);
  });
});
