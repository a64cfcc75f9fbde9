import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { RedisServer } from '../../src/sandbox/start-redis.js';
import type { SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { composeAcmeClient } from '../support/compose-acme-client.js';
import { composeMail } from '../support/compose-mail.js';
import { runCli } from '../support/run-cli.js';
import type { LogLine, OffhoursProcess } from '../support/start-offhours.js';
import { startTestDaemon } from '../support/start-test-daemon.js';
import { useCleanups } from '../support/use-cleanups.js';
import { useMailServices } from '../support/use-mail-services.js';

/*
 * `offhours log` reads what the daemon recorded, after the daemon stopped and after its
 * Redis (its own redis-server with AOF, in a temp dir) was shut down and started again
 * from the same directory. Real Dovecot, Redis and SMTP sink; the CLI as users run it.
 */

// Wednesday 25 November 2026, 21:59:52 UTC: after hours, 8 s before the 22:00 check-in.
const eveningAt = '2026-11-25T21:59:52Z';
// Saturday 28 November 2026, noon: no hours, held until Monday 09:00.
const saturdayAt = '2026-11-28T12:00:00Z';
const globexClient = [
  'name: Globex',
  'match: { domains: [globex.example] }',
  'timezone: UTC',
  'hours:',
  '  mon-fri: ["09:00-17:00"]',
  '',
].join('\n');

let dovecot: DovecotServer;
let sink: SmtpSink;
let redis: RedisServer;
const defer = useCleanups();
const services = useMailServices({ redis: true });
beforeEach(() => {
  const sandbox = services();
  ({ dovecot, sink } = sandbox);
  if (sandbox.redis === undefined) throw new Error('the sandbox started no Redis of its own');
  redis = sandbox.redis;
});

const unique = (name: string, domain = 'acme.example') =>
  `${name}-${randomBytes(4).toString('hex')}@${domain}`;

/** The (message key, outcome) of every record a daemon says it wrote. */
function recordedSteps(daemon: OffhoursProcess): string[] {
  return daemon.logs
    .filter((line: LogLine) => line.event === 'recorded' && line['recordId'] !== null)
    .map((line) => `${String(line['messageKey'])} ${String(line['outcome'])}`);
}

describe('offhours log', () => {
  it('shows every record after the daemon and its Redis (AOF) restarted', async () => {
    const scene = await startTestDaemon(dovecot, sink.port, eveningAt, {
      clients: {
        acme: composeAcmeClient(['emergency: { keywords: [urgent, "site down"] }']),
        globex: globexClient,
      },
      redisUrl: redis.url,
    });
    defer(() => scene.cleanup());
    const env = { TEST_IMAP_PASS: scene.account.pass };
    const jane = unique('jane');
    const first = composeMail({ from: `Jane Doe <${jane}>`, subject: 'Invoice question' });
    const second = composeMail({ from: jane, subject: 'One more thing' });
    const emergency = composeMail({ from: unique('ceo'), subject: 'URGENT: site down' });
    const robot = composeMail({
      from: unique('news'),
      subject: 'Acme weekly',
      headers: { 'List-Id': '<weekly.acme.example>', Precedence: 'list' },
    });
    const stranger = composeMail({ from: unique('someone', 'elsewhere.example'), subject: 'Hi' });
    await scene.mailbox.append(first.raw);
    // The first reply goes out before the second message comes: the second is suppressed.
    await sink.waitFor((mail) => mail.envelope.to.includes(jane), 15_000);
    for (const mail of [second, emergency, robot, stranger]) await scene.mailbox.append(mail.raw);
    const evening = scene.daemon;
    const keyOf = async (messageId: string) =>
      (
        await evening.waitForLog(
          (line) => line.event === 'decision' && line['messageId'] === messageId,
        )
      )['messageKey'] as string;
    const keys = {
      first: await keyOf(first.messageId),
      second: await keyOf(second.messageId),
      emergency: await keyOf(emergency.messageId),
      robot: await keyOf(robot.messageId),
      stranger: await keyOf(stranger.messageId),
    };
    const recorded = (key: string, outcome: string) =>
      evening.waitForLog(
        (line) =>
          line.event === 'recorded' && line['messageKey'] === key && line['outcome'] === outcome,
        30_000,
      );
    await recorded(keys.second, 'reply-suppressed');
    await recorded(keys.emergency, 'forwarded');
    await recorded(keys.emergency, 'replied');
    await recorded(keys.stranger, 'left');
    // The 22:00 check-in brings the held mail back.
    for (const key of [keys.first, keys.second, keys.robot]) await recorded(key, 'released');
    expect(await evening.stop()).toBe(0);

    // Saturday: a Globex message, answered and held until Monday.
    const saturday = await scene.start(saturdayAt);
    const weekend = composeMail({ from: unique('lee', 'globex.example'), subject: 'Weekend note' });
    await scene.mailbox.append(weekend.raw);
    const weekendKey = (
      await saturday.waitForLog(
        (line) => line.event === 'decision' && line['messageId'] === weekend.messageId,
      )
    )['messageKey'] as string;
    await saturday.waitForLog(
      (line) =>
        line.event === 'recorded' &&
        line['messageKey'] === weekendKey &&
        line['outcome'] === 'replied',
    );
    expect(await saturday.stop()).toBe(0);
    const written = [...recordedSteps(evening), ...recordedSteps(saturday)];

    // Redis shuts down and starts again from its append-only file (no RDB: --save '').
    await redis.stop({ keepData: true });
    await redis.start();

    const log = (...args: string[]) => {
      const result = runCli(['log', '--config', scene.configPath, '--at', saturdayAt, ...args], {
        env,
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return result.stdout;
    };

    const lines = log('--since', '7d').trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    const lineOf = (subject: string) => lines.find((line) => line.includes(`"${subject}"`));
    expect(lineOf('Invoice question')).toBe(
      `2026-11-25 21:59  acme  ${jane}  "Invoice question"  reply-and-hold → held until 22:00, replied, back in the inbox  (out of hours)`,
    );
    expect(lineOf('One more thing')).toMatch(
      /reply-and-hold → held until 22:00, not replied \(once per period\), back in the inbox {2}\(out of hours\)$/,
    );
    const emergencyLine = lineOf('URGENT: site down') ?? '';
    expect(emergencyLine).toMatch(/ {2}forward-and-reply → left in the inbox, /);
    expect(emergencyLine).toContain('forwarded to sam@studio.example');
    expect(emergencyLine).toContain('replied');
    expect(emergencyLine).toMatch(/\(out of hours, emergency\)$/);
    expect(lineOf('Acme weekly')).toMatch(
      /hold → held until 22:00, back in the inbox {2}\(out of hours, mailing list, bulk\)$/,
    );
    expect(lineOf('Hi')).toMatch(
      /^2026-11-25 21:5\d {2}- {2}someone-.*ignore → left in the inbox {2}\(unknown sender\)$/,
    );
    expect(lineOf('Weekend note')).toMatch(
      /^2026-11-28 12:00 {2}globex {2}lee-.*reply-and-hold → held until 2026-11-30 09:00, replied {2}\(not a working day\)$/,
    );
    // Oldest first.
    expect(lines[lines.length - 1]).toBe(lineOf('Weekend note'));

    const json = log('--since', '7d', '--json')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // Every record the daemons wrote is there, once.
    expect(
      json
        .map(
          (record) =>
            `${String(record['messageKey'])} ${(record['outcome'] as { type: string }).type}`,
        )
        .sort(),
    ).toEqual([...written].sort());
    expect(json.length).toBeGreaterThanOrEqual(14);
    for (const record of json)
      expect(Object.keys(record)).toEqual(
        expect.arrayContaining([
          'at',
          'client',
          'messageId',
          'from',
          'subject',
          'decision',
          'reasons',
          'outcome',
        ]),
      );
    expect(json.find((record) => record['messageId'] === first.messageId)).toMatchObject({
      at: expect.stringMatching(/^2026-11-25T21:59:5/) as unknown,
      client: 'acme',
      from: jane,
      subject: 'Invoice question',
      decision: 'reply-and-hold',
      reasons: expect.arrayContaining(['UNAVAILABLE_OUTSIDE_HOURS']) as unknown,
      outcome: { type: 'held', until: '2026-11-25T22:00:00.000Z' },
    });

    // --client and --since (a duration back from --at, or an instant).
    const globexOnly = log('--since', '7d', '--client', 'globex').trimEnd().split('\n');
    expect(globexOnly).toEqual([lineOf('Weekend note')]);
    expect(log('--since', '2d').trimEnd().split('\n')).toEqual([lineOf('Weekend note')]);
    expect(log('--since', '2026-11-27T00:00:00Z').trimEnd().split('\n')).toEqual([
      lineOf('Weekend note'),
    ]);
    expect(log('--since', '7d', '--client', 'acme').trimEnd().split('\n')).toHaveLength(4);
  });

  it('says REDIS_UNAVAILABLE and exits 1 when Redis is down', async () => {
    const scene = await startTestDaemon(dovecot, sink.port, eveningAt, {
      clients: { acme: composeAcmeClient() },
      redisUrl: redis.url,
    });
    defer(() => scene.cleanup());
    await scene.daemon.stop();
    await redis.stop({ keepData: true });
    defer(() => redis.start());
    const result = runCli(['log', '--config', scene.configPath], {
      env: { TEST_IMAP_PASS: scene.account.pass },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^REDIS_UNAVAILABLE: cannot reach Redis at 127\.0\.0\.1:\d+/);
    expect(result.stdout).toBe('');
  });
});
