import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import type { OffhoursConfig } from '../config/offhours-config.js';
import { startDaemon, type Daemon } from '../main.js';
import type { DecisionEvent } from '../mail/triage-new-mail.js';
import type { DovecotServer } from '../sandbox/start-dovecot.js';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import type { OnCallBackup } from '../schedule/client-schedule.js';
import { findBackupOnCall } from '../schedule/find-backup-on-call.js';
import { formatWallTime } from '../schedule/format-wall-time.js';
import { listActions } from '../triage/list-actions.js';
import { planAnnouncements } from '../triage/plan-announcements.js';
import { createClock } from './run-command.js';
import { composeDemoMorningMail } from './demo-morning-mail.js';
import { signInDemoAccount } from './demo-oauth-login.js';

const demoConfigDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'config', 'demo');
const finishWithinMs = 60_000;
const demoZone = 'Europe/London';

/** The latest weekday at or before today, 09:30 in London: a morning with every branch on show. */
export function pickDemoMoment(now: Date): Date {
  let day = DateTime.fromJSDate(now, { zone: demoZone }).set({
    hour: 9,
    minute: 30,
    second: 0,
    millisecond: 0,
  });
  while (day.weekday > 5) day = day.minus({ days: 1 });
  return day.toJSDate();
}

interface Services {
  sandbox?: Sandbox | undefined;
  daemon?: Daemon | undefined;
}

/**
 * `offhours demo`: starts throwaway Dovecot, Redis and SMTP sink on loopback, delivers a
 * morning of client mail, runs the real daemon (the same code as `offhours run`) on it and
 * prints what it decided and why, what it sent, and what waits in the hold folder. Stops
 * everything it started, also on Ctrl-C. Returns the exit code.
 */
export async function demoCommand(options: {
  at?: Date;
  /** The mailbox logs in with OAuth2 tokens of a local authorization server. */
  oauth2?: boolean;
  write: (text: string) => void;
}): Promise<number> {
  const oauth2 = options.oauth2 === true;
  const demoConfigPath = join(demoConfigDir, oauth2 ? 'offhours.oauth2.yaml' : 'offhours.yaml');
  const at = options.at ?? pickDemoMoment(new Date());
  const now = createClock(at);
  const write = options.write;
  const services: Services = {};
  let interrupted = false;
  let wakeUp: () => void = () => undefined;
  // The first Ctrl-C unwinds the demo so the `finally` below stops everything; a second
  // one, if stopping hangs, leaves at once.
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    write('\nInterrupted: stopping the demo services...\n');
    wakeUp();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    write(
      'offhours demo: throwaway services on loopback, for this demo only (stopped and removed at the end)\n',
    );
    services.sandbox = await startSandbox({
      redis: true,
      ...(oauth2 ? { oauth2: { clients: [{ clientId: 'offhours-demo' }] } } : {}),
    });
    const { dovecot, sink, redis, oauth } = services.sandbox;
    if (redis === undefined) throw new Error('the demo sandbox started without Redis');
    const account = dovecot.newUser();
    write(
      `  IMAP   Dovecot on 127.0.0.1:${dovecot.port}, mailbox of ${account.user}\n` +
        `  Redis  redis-server on 127.0.0.1:${redis.port} (temp dir, append-only file)\n` +
        `  SMTP   a sink on 127.0.0.1:${sink.port} that keeps what offhours sends\n` +
        (oauth === undefined
          ? ''
          : `  OAuth2 an authorization server on ${oauth.url}; Dovecot and the sink accept only its tokens\n`) +
        '\n',
    );
    const env = {
      ...process.env,
      DEMO_IMAP_PORT: String(dovecot.port),
      DEMO_IMAP_USER: account.user,
      DEMO_IMAP_PASS: account.pass,
      DEMO_SMTP_PORT: String(sink.port),
      DEMO_REDIS_URL: redis.url,
      DEMO_TODAY: DateTime.fromJSDate(at, { zone: demoZone }).toISODate() ?? '',
      DEMO_NEXT_WEEKDAY: findNextWeekday(at),
      ...(oauth === undefined
        ? {}
        : {
            DEMO_OAUTH_TOKEN_URL: oauth.tokenUrl,
            DEMO_OAUTH_DEVICE_URL: oauth.deviceAuthorizationUrl,
            OFFHOURS_SECRET: randomBytes(24).toString('base64url'),
          }),
    };
    if (oauth !== undefined) {
      write('Signing in the mailbox, as `offhours auth login` does:\n');
      await signInDemoAccount(demoConfigPath, oauth, env, at, write);
      write('\n');
    }

    const decisions: DecisionEvent[] = [];
    const outcomes: string[] = [];
    let pendingJobs = 0;
    // Announcements are queued by the daemon's own check at start, not by the mail.
    let announcementsSent = 0;
    let announcementsDue = Number.POSITIVE_INFINITY;
    let settle: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    wakeUp = settle;
    const mail = composeDemoMorningMail(at);
    const checkSettled = () => {
      if (
        decisions.length === mail.length &&
        pendingJobs === 0 &&
        announcementsSent >= announcementsDue
      )
        settle();
    };
    services.daemon = await startDaemon({
      configPath: demoConfigPath,
      env,
      now,
      reloadConfig: false,
      logger: pino({ level: 'warn' }, pino.destination(2)),
      onDecision: (event) => {
        decisions.push(event);
        // Each reply and forward is one job; a forward also releases the sender's held mail.
        const actions = listActions(event.decision);
        pendingJobs += actions.filter((action) => action === 'reply').length;
        pendingJobs += 2 * actions.filter((action) => action === 'forward').length;
        write(formatDecisionRow(event, services.daemon?.config(), decisions.length === 1));
        checkSettled();
      },
      onJobFinished: ({ name, outcome, job, error }) => {
        // Scheduled releases and reply-time checks come after the demo's morning.
        if (name === 'release' && readField(job.data, 'sender') === undefined) return;
        if (name === 'reply-due') return;
        if (name === 'announce') {
          announcementsSent += 1;
          outcomes.push(describeAnnouncement(outcome, job.data, services.daemon?.config(), error));
          checkSettled();
          return;
        }
        // An unacknowledged emergency's next escalation step is one more job to wait for.
        if (readObject(job.returnvalue, 'next') === 'scheduled') pendingJobs += 1;
        pendingJobs -= 1;
        outcomes.push(describeOutcome(name, outcome, job.returnvalue, job.data, error));
        checkSettled();
      },
    });
    const config = services.daemon.config();
    const onCall = findBackupOnCall(config.onCall, at);
    // Redis is new, so the plan's recipients (match.addresses) are all there is.
    announcementsDue = planAnnouncements({ config, now: now(), correspondentsOf: () => [] })
      .filter((announcement) => announcement.due)
      .reduce((sum, announcement) => sum + announcement.messages.length, 0);
    write(
      `Pretending it is ${DateTime.fromJSDate(at, { zone: demoZone }).toFormat('cccc d LLLL yyyy, HH:mm')} in London ` +
        `(--at ${at.toISOString()}). On call: ${onCall === null ? 'nobody' : `${onCall.name} <${onCall.address}>`}.\n` +
        describeEscalationRules(config) +
        `Delivering ${mail.length} messages to ${account.user}'s INBOX, as they arrive:\n\n`,
    );
    await services.daemon.watcher?.waitUntilReady();
    await deliver(
      dovecot,
      account,
      mail.map((message) => message.raw),
      () => interrupted,
    );

    const timer = setTimeout(() => settle(), finishWithinMs);
    await settled;
    clearTimeout(timer);
    if (interrupted) return 130;
    if (decisions.length < mail.length || pendingJobs > 0) {
      write(
        `\nThe demo did not finish within ${finishWithinMs / 1000} s (${decisions.length}/${mail.length} decided, ${pendingJobs} jobs pending).\n`,
      );
      return 1;
    }
    write(
      `\nWhat offhours did with the replies and forwards:\n${outcomes.map((line) => `  ${line}`).join('\n')}\n`,
    );
    write(`\nAs received by the SMTP sink (${sink.messages.length} messages):\n`);
    for (const received of sink.messages) {
      write(
        `  to ${received.envelope.to.join(', ').padEnd(24)} "${received.subject}"  [${received.headers['x-offhours']?.[0] ?? ''}]\n` +
          `     ${firstLine(received.text)}\n`,
      );
    }
    const held = await services.daemon.holdLedger.list();
    write(
      `\nWaiting in ${config.imap.holdMailbox} (${held.size} messages), back in the INBOX, unread, at the client's next check-in:\n`,
    );
    for (const entry of [...held.values()].sort((a, b) => a.resumeAt.localeCompare(b.resumeAt))) {
      const client = config.clients.find((rules) => rules.id === entry.clientId);
      const zone = client?.schedule.timeZone ?? demoZone;
      write(
        `  ${(client?.name ?? entry.clientId).padEnd(18)} "${entry.subject}" from ${entry.from}\n` +
          `     back ${formatWallTime(new Date(entry.resumeAt), zone, at)} ${zone} time` +
          (zone === demoZone
            ? '\n'
            : ` (${formatWallTime(new Date(entry.resumeAt), demoZone, at)} in London)\n`),
      );
    }
    write('\nTry another moment: npm run demo -- --at 2026-11-28T22:00:00Z (a Saturday night).\n');
    return interrupted ? 130 : 0;
  } catch (error) {
    // Ctrl-C stops the services under the running steps; what they throw then is expected.
    if (interrupted) return 130;
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopAll(services);
    write('All demo services stopped; nothing left running.\n');
  }
}

async function deliver(
  server: DovecotServer,
  account: { user: string; pass: string },
  messages: readonly string[],
  isInterrupted: () => boolean,
): Promise<void> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: account,
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (const raw of messages) {
      if (isInterrupted()) return;
      await client.append('INBOX', raw, []);
      // A short pause so the table shows mail arriving, as it would through a morning.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function stopAll(services: Services): Promise<void> {
  const { daemon, sandbox } = services;
  services.daemon = undefined;
  services.sandbox = undefined;
  await daemon?.stop().catch(() => undefined);
  await sandbox?.stop().catch(() => undefined);
}

function formatDecisionRow(
  event: DecisionEvent,
  config: OffhoursConfig | undefined,
  withHeader: boolean,
): string {
  const { decision, facts } = event;
  const header = withHeader
    ? `${'TIME'.padEnd(6)}${'FROM'.padEnd(30)}${'CLIENT'.padEnd(11)}${'DECISION'.padEnd(40)}WHY\n`
    : '';
  const client = config?.clients.find((rules) => rules.id === decision.client?.id);
  const zone = client?.schedule.timeZone ?? demoZone;
  const time = DateTime.fromJSDate(event.at, { zone: demoZone }).toFormat('HH:mm');
  // Hold times in the client's own zone, named by its city, as the VA agreed them.
  const city = zone.split('/').pop()?.replaceAll('_', ' ') ?? zone;
  const until = (resumeAt: string | null): string =>
    resumeAt === null
      ? ''
      : ` until ${DateTime.fromISO(resumeAt, { zone }).toFormat('ccc HH:mm')} ${city}`;
  const forwardTo = (backup: OnCallBackup): string =>
    `forward to ${backup.name.split(' ')[0] ?? '?'}`;
  const summary = ((): string => {
    switch (decision.kind) {
      case 'ignore':
      case 'leave':
        return 'leave in inbox';
      case 'hold':
        return `hold${until(decision.resumeAt)}`;
      case 'reply-and-hold':
        return `reply + hold${until(decision.resumeAt)}`;
      case 'forward':
        return forwardTo(decision.backup);
      case 'forward-and-reply':
        return `${forwardTo(decision.backup)} + reply`;
      default: {
        const unknown: never = decision;
        return String(unknown);
      }
    }
  })();
  const why = decision.reasons.filter((reason) => !reason.startsWith('ACTION_')).join(', ');
  return `${header}${time.padEnd(6)}${(facts.from?.address ?? '?').slice(0, 29).padEnd(30)}${(decision.client?.id ?? '-').padEnd(11)}${summary.padEnd(40)}${why}\n`;
}

function describeOutcome(
  name: string,
  outcome: 'completed' | 'failed',
  result: unknown,
  data: unknown,
  error: unknown,
): string {
  const to = readField(data, 'to') ?? readField(readObject(data, 'backup'), 'address') ?? '?';
  if (outcome === 'failed')
    return `${name} to ${to} FAILED: ${error instanceof Error ? error.message : String(error)}`;
  if (name === 'forward') return `forwarded the emergency to the backup on call, ${to}`;
  if (name === 'escalate') return describeEscalation(result);
  if (name === 'release') {
    const released = readObject(result, 'released');
    return `brought ${typeof released === 'number' ? released : 0} held message(s) from ${readField(data, 'sender') ?? '?'} back to the inbox at once (a follow-up emergency)`;
  }
  if (readObject(result, 'sent') === true) {
    return readField(data, 'kind') === 'emergency'
      ? `acknowledged the emergency to ${to}`
      : `sent an out-of-office reply to ${to}`;
  }
  return `suppressed a reply to ${to}: ${readField(result, 'suppressed') ?? ''} (once per sender per period)`;
}

/** How an emergency nobody acknowledges moves on, as onCall.escalation says. */
function describeEscalationRules(config: OffhoursConfig): string {
  const escalation = config.onCall.escalation ?? null;
  if (escalation === null) return '';
  const backups = config.onCall.backups.map((backup) => backup.name.split(' ')[0] ?? '?');
  return (
    `An emergency nobody acknowledges (by replying to the forward) within ${escalation.afterSeconds} s ` +
    `goes on to the next backup in the rotation (${backups.join(', ')}), then to ${escalation.finally ?? 'nobody else'}.\n`
  );
}

/** An escalation step: who got the emergency now, and why. */
function describeEscalation(result: unknown): string {
  const to = readField(result, 'to') ?? '?';
  const step = readObject(result, 'step');
  if (readObject(result, 'escalated') !== true)
    return `stopped the escalation: ${readField(result, 'stopped') ?? '?'}`;
  const why =
    readField(result, 'kind') === 'finally'
      ? 'no backup replied to the forward, so it goes to onCall.escalation.finally'
      : 'nobody replied to the forward within onCall.escalation.after, so it goes to the next backup';
  const end = readField(result, 'next') === 'scheduled' ? '' : '; nobody is left after this';
  return `escalated the emergency to ${to} (step ${String(step)}): ${why}${end}`;
}

/** A days-off announcement the daemon sent at start: to whom, and why now. */
function describeAnnouncement(
  outcome: 'completed' | 'failed',
  data: unknown,
  config: OffhoursConfig | undefined,
  error: unknown,
): string {
  const to = readField(data, 'to') ?? '?';
  if (outcome === 'failed')
    return `announce to ${to} FAILED: ${error instanceof Error ? error.message : String(error)}`;
  const client = config?.clients.find((rules) => rules.id === readField(data, 'clientId'));
  const start = readField(data, 'absenceStart');
  const day =
    start === undefined || client === undefined
      ? '?'
      : DateTime.fromISO(start, { zone: client.schedule.timeZone }).toFormat('cccc d LLLL');
  return `announced the day off on ${day} to ${to} (${client?.name ?? '?'}): it is within announce.daysBefore (${client?.announce?.daysBefore ?? '?'} days), so the daemon's check at start sent it, once per absence and recipient`;
}

/** The next Monday-to-Friday date after `at` in London: the demo's coming day off. */
function findNextWeekday(at: Date): string {
  let day = DateTime.fromJSDate(at, { zone: demoZone }).plus({ days: 1 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day.toISODate() ?? '';
}

function readObject(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (Reflect.get(value, key) as unknown)
    : undefined;
}

function readField(value: unknown, key: string): string | undefined {
  const field = readObject(value, key);
  return typeof field === 'string' ? field : undefined;
}

/** The start of a body, on one line: enough to see which template was used. */
function firstLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 110 ? `${flat.slice(0, 109)}…` : flat;
}
