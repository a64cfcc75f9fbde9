import { randomBytes } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { RedisServer } from '../../src/sandbox/start-redis.js';
import type { SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { composeMail } from '../support/compose-mail.js';
import { startTestDaemon, type TestDaemon } from '../support/start-test-daemon.js';
import { useMailServices } from '../support/use-mail-services.js';

let dovecot: DovecotServer;
let sink: SmtpSink;
let redis: RedisServer;
let test: TestDaemon | undefined;

const services = useMailServices({ redis: true });
beforeEach(() => {
  const started = services();
  ({ dovecot, sink } = started);
  if (started.redis === undefined) throw new Error('the private Redis did not start');
  redis = started.redis;
});
afterAll(async () => {
  await test?.cleanup();
});

describe('offhours run when Redis goes away', () => {
  it('keeps running through a Redis crash and handles the mail that came in meanwhile, once', async () => {
    test = await startTestDaemon(dovecot, sink.port, '2026-11-25T21:00:00Z', {
      redisUrl: redis.url,
      clients: {
        acme: 'name: Acme Corp\nmatch: { domains: [acme.example] }\ntimezone: UTC\nhours: { mon-fri: ["09:00-17:00"] }\ncheckIns: ["08:00"]\n',
      },
    });
    const before = `kim-${randomBytes(4).toString('hex')}@acme.example`;
    await test.mailbox.append(composeMail({ from: before, subject: 'Before the crash' }).raw);
    await sink.waitFor((mail) => mail.envelope.to.includes(before), 15_000);
    await test.daemon.waitForLog((line) => line.event === 'batch_triaged');

    await redis.kill();
    const during = `lou-${randomBytes(4).toString('hex')}@acme.example`;
    const mail = composeMail({ from: during, subject: 'While Redis was down' });
    await test.mailbox.append(mail.raw);
    // Down long enough for the daemon to notice (its reconnects are refused), then back.
    await test.daemon.waitForLog(
      (line) => line.event === 'redis_state' && line['state'] === 'unreachable',
    );
    await redis.start();
    await test.daemon.waitForLog(
      (line) => line.event === 'redis_state' && line['state'] === 'ready',
    );

    await sink.waitFor((received) => received.envelope.to.includes(during), 30_000);
    const decisions = test.daemon.logs.filter(
      (line) => line.event === 'decision' && line['messageId'] === mail.messageId,
    );
    expect(decisions.length).toBeGreaterThanOrEqual(1);
    expect(sink.messages.filter((received) => received.envelope.to.includes(during))).toHaveLength(
      1,
    );
    expect(sink.messages.filter((received) => received.envelope.to.includes(before))).toHaveLength(
      1,
    );
    expect(test.daemon.stderr.join('\n')).not.toContain('Error: ');
    // The outage is told once when it starts and once when it ends, not per reconnect.
    const states = test.daemon.logs
      .filter((line) => line.event === 'redis_state')
      .map((line) => line['state']);
    expect(states).toEqual(['unreachable', 'ready']);
  });
});
