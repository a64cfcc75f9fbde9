import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { ReceivedMail, SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { RecordLog } from '../../src/store/record-log.js';
import { identifyMailbox } from '../../src/store/watcher-lock.js';
import { composeMail } from '../support/compose-mail.js';
import { runCliAsync } from '../support/run-cli.js';
import type { LogLine } from '../support/start-offhours.js';
import { startTestDaemon } from '../support/start-test-daemon.js';
import { useCleanups } from '../support/use-cleanups.js';
import { useMailServices } from '../support/use-mail-services.js';

/*
 * Days-off announcements from the real daemon, against real Dovecot, Redis and the SMTP
 * sink: each absence is announced once per client and recipient, across restarts (the
 * clock is shifted with --at at each start), to recent correspondents (people the watcher
 * saw, never robots) or to every address of the client.
 */

let dovecot: DovecotServer;
let sink: SmtpSink;
const defer = useCleanups();
const services = useMailServices();
beforeEach(() => {
  ({ dovecot, sink } = services());
});

const tag = () => randomBytes(4).toString('hex');

/** London weekdays 09:00-17:00 with an 08:30 check-in, Friday 27 November 2026 off. */
function clientFile(name: string, domain: string, extra: readonly string[]): string {
  return [
    `name: ${name}`,
    `match: { domains: [${domain}] }`,
    'timezone: Europe/London',
    'hours: { mon-fri: ["09:00-17:00"] }',
    'checkIns: ["08:30"]',
    'daysOff: ["2026-11-27"]',
    ...extra,
    '',
  ].join('\n');
}

const announcementsIn = (mails: readonly ReceivedMail[], clientId: string) =>
  mails.filter((mail) => mail.headers['x-offhours']?.[0] === `announce; client=${clientId}`);

const checked = (line: LogLine) => line.event === 'announcements_checked';

describe('offhours run sends days-off announcements', () => {
  it('once per absence, client and recipient, across restarts; recent correspondents only, never robots', async () => {
    const run = tag();
    const northwindDomain = `northwind-${run}.example`;
    const acmeDomain = `acme-${run}.example`;
    const maya = `maya@${northwindDomain}`;
    const jane = `jane@${acmeDomain}`;
    const northwind = [
      `name: Northwind Traders`,
      `match: { addresses: [${maya}], domains: [${northwindDomain}] }`,
      'timezone: Europe/London',
      'hours: { mon-fri: ["09:00-17:00"] }',
      'checkIns: ["08:30"]',
      'daysOff: ["2026-11-27"]',
      'announce: { daysBefore: 3, to: all }',
      '',
    ].join('\n');
    const acme = clientFile('Acme Corp', acmeDomain, [
      'announce: { daysBefore: 3, to: recent, recentWithin: 30d }',
    ]);
    // Tuesday 24 November, 09:00 London: the Friday off is due since the 08:30 check-in.
    const scene = await startTestDaemon(dovecot, sink.port, '2026-11-24T09:00:00Z', {
      clients: { northwind, acme },
    });
    defer(() => scene.cleanup());

    const toMaya = await sink.waitFor(
      (mail) => mail.envelope.to.includes(maya) && announcementsIn([mail], 'northwind').length > 0,
      15_000,
    );
    expect(toMaya.subject).toBe("I'm away on Friday 27 November");
    expect(toMaya.headers['auto-submitted']).toEqual(['auto-generated']);
    expect(toMaya.headers['x-auto-response-suppress']).toEqual(['All']);
    expect(toMaya.headers['precedence']).toEqual(['bulk']);
    expect(toMaya.text).toContain(
      "I'm away on Friday 27 November, so I won't be reading Northwind Traders mail then. I'll read it again on Monday 30 November at 08:30.",
    );
    expect(toMaya.text).toContain(
      "If it can't wait, reply with URGENT at the top of your message and Sam Ortiz will pick it up.",
    );
    // Nobody has written as Acme yet: its recent correspondents are nobody.
    const first = await scene.daemon.waitForLog((line) => checked(line));
    expect(first['queued']).toBe(1);

    // Jane writes as Acme (in hours: left in the inbox); Acme's newsletter is a robot.
    const fromJane = composeMail({ from: `Jane Doe <${jane}>`, subject: 'Invoice' });
    const newsletter = composeMail({
      from: `news@${acmeDomain}`,
      subject: 'Acme weekly',
      headers: { 'List-Id': `<weekly.${acmeDomain}>`, Precedence: 'list' },
    });
    for (const mail of [fromJane, newsletter]) await scene.mailbox.append(mail.raw);
    for (const mail of [fromJane, newsletter])
      await scene.daemon.waitForLog(
        (line) => line.event === 'decision' && line['messageId'] === mail.messageId,
      );
    await scene.daemon.stop();

    // Wednesday: a new daemon queues Jane's, not Maya's again.
    const second = await scene.start('2026-11-25T10:00:00Z');
    const toJane = await sink.waitFor(
      (mail) => mail.envelope.to.includes(jane) && announcementsIn([mail], 'acme').length > 0,
      15_000,
    );
    expect(toJane.subject).toBe("I'm away on Friday 27 November");
    expect((await second.waitForLog(checked))['queued']).toBe(1);
    await second.waitForLog((line) => line.event === 'announcement_sent' && line['to'] === jane);
    await second.stop();

    // Thursday evening, the day before: everything due went out already; nothing is queued.
    const third = await scene.start('2026-11-26T20:00:00Z');
    const last = await third.waitForLog(checked);
    expect(last).toMatchObject({ due: 2, queued: 0 });

    const ours = [
      ...announcementsIn(sink.messages, 'northwind'),
      ...announcementsIn(sink.messages, 'acme'),
    ].filter((mail) => mail.envelope.to.some((to) => to.endsWith(`-${run}.example`)));
    expect(ours.map((mail) => mail.envelope.to).sort()).toEqual([[jane], [maya]]);

    // Each sending is on record, joined by the absence.
    const config = await loadConfig(scene.configPath, {
      env: { TEST_IMAP_PASS: scene.account.pass },
      now: new Date('2026-11-26T20:00:00Z'),
    });
    const redis = new Redis(scene.redis.url);
    defer(() => redis.quit());
    const records = new RecordLog(redis, scene.redis.prefix, identifyMailbox(config.imap), {
      keepForSeconds: 90 * 86_400,
      subjects: true,
    });
    const announced = (await records.list()).filter(
      (record) => record.outcome.type === 'announced',
    );
    expect(
      announced
        .sort((a, b) => (a.client ?? '').localeCompare(b.client ?? ''))
        .map((record) => [record.client, record.messageKey, record.outcome]),
    ).toEqual([
      [
        'acme',
        'announce-acme-1795737600000',
        { type: 'announced', to: jane, absenceStart: '2026-11-27T00:00:00.000Z' },
      ],
      [
        'northwind',
        'announce-northwind-1795737600000',
        { type: 'announced', to: maya, absenceStart: '2026-11-27T00:00:00.000Z' },
      ],
    ]);
  });
});

describe('offhours announce', () => {
  it('--dry-run prints the plan from what the daemon saw, and sends and queues nothing', async () => {
    const run = tag();
    const acmeDomain = `acme-${run}.example`;
    const jane = `jane@${acmeDomain}`;
    const acme = clientFile('Acme Corp', acmeDomain, [
      'announce: { daysBefore: 3, to: recent, recentWithin: 30d }',
    ]);
    const quiet = clientFile('Bloom Florists', `bloom-${run}.example`, []);
    const scene = await startTestDaemon(dovecot, sink.port, '2026-11-24T09:00:00Z', {
      clients: { acme, bloom: quiet },
    });
    defer(() => scene.cleanup());
    const fromJane = composeMail({ from: `Jane Doe <${jane}>`, subject: 'Invoice' });
    await scene.mailbox.append(fromJane.raw);
    await scene.daemon.waitForLog(
      (line) => line.event === 'decision' && line['messageId'] === fromJane.messageId,
    );
    await scene.daemon.stop();

    const env = { TEST_IMAP_PASS: scene.account.pass };
    const announce = (...args: string[]) =>
      runCliAsync(['announce', '--config', scene.configPath, ...args], { env });
    const queue = new Queue('mail', {
      connection: new Redis(scene.redis.url, { maxRetriesPerRequest: null }),
      prefix: scene.redis.prefix,
    });
    defer(() => queue.close());
    const queued = async () =>
      (await queue.getJobs(['wait', 'delayed', 'active', 'completed', 'failed'])).filter(
        (job) => job.name === 'announce',
      );

    const preview = await announce('--dry-run', '--at', '2026-11-25T10:00:00Z');
    expect(preview.stderr).toBe('');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('Dry run: nothing is sent.');
    expect(preview.stdout).toContain(
      'Acme Corp (acme, Europe/London): 3 days ahead, to who wrote within 30 days',
    );
    expect(preview.stdout).toContain(
      '  away on Friday 27 November; mail read again on Monday 30 November at 08:30; Sam Ortiz <sam@studio.example> covers',
    );
    expect(preview.stdout).toContain('  due since Tuesday 24 November at 08:30');
    expect(preview.stdout).toContain(`    ${jane}  would be sent now`);
    expect(preview.stdout).toContain("    Subject: I'm away on Friday 27 November");
    expect(preview.stdout).toContain(
      "    | A note ahead of time: I'm away on Friday 27 November, so I won't be reading Acme Corp mail then. I'll read it again on Monday 30 November at 08:30.",
    );
    expect(preview.stdout).toContain('Without announce: bloom.');
    expect(preview.stdout).toContain('1 announcement due now;');
    // Nothing went out, nothing waits in the queue: the CLI exited after printing.
    expect(sink.messages.filter((mail) => mail.envelope.to.includes(jane))).toEqual([]);
    expect(await queued()).toEqual([]);

    const refused = await announce('--at', '2026-11-25T10:00:00Z');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('add --dry-run');
    expect(await queued()).toEqual([]);

    // The daemon sends what the preview showed; the next preview says so.
    const daemon = await scene.start('2026-11-25T10:00:00Z');
    await daemon.waitForLog((line) => line.event === 'announcement_sent' && line['to'] === jane);
    await daemon.stop();
    const after = await announce('--dry-run', '--at', '2026-11-25T11:00:00Z');
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(
      new RegExp(`    ${jane.replaceAll('.', '\\.')}  sent already, 2026-11-25 10:0\\d`),
    );
    expect(after.stdout).toContain('Nothing is due to be sent now.');
    expect(sink.messages.filter((mail) => mail.envelope.to.includes(jane))).toHaveLength(1);
  });
});
