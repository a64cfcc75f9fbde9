import type { Redis } from 'ioredis';
import type { OffhoursConfig } from '../config/offhours-config.js';
import type { MailboxWatcher } from '../mail/watch-mailbox.js';
import type { StoredRecord } from '../records/activity-record.js';
import type {
  ConfigRejection,
  SmtpSnapshot,
  StatusSnapshot,
  WatcherSnapshot,
} from '../status/status-snapshot.js';
import { RecordLog } from '../store/record-log.js';
import { identifyMailbox } from '../store/watcher-lock.js';
import { readStatus, type StatusReport } from './read-status.js';
import type { RecentRecords } from './recent-records.js';

export interface StatusSources {
  readonly redis: Redis;
  readonly config: OffhoursConfig;
  /** This process's watcher, or null when it only runs workers. */
  readonly watcher: Pick<MailboxWatcher, 'state' | 'lastCheckAt' | 'lastFailure'> | null;
  readonly smtp: SmtpSnapshot;
  readonly configRejection: ConfigRejection | null;
  /** The daemon's clock (the demo's --at shifts it). */
  readonly now: Date;
  /** Records kept between refreshes (the daemon's); absent: the window is read whole. */
  readonly recentRecords?: RecentRecords;
  /** How long Redis may take for all of it before the page shows it unreachable. */
  readonly timeoutMs?: number;
}

/** The records the page reads: what needs the VA looks this far back, today's counts less. */
export const statusRecordWindow = { windowMs: 7 * 86_400_000, limit: 10_000 } as const;

/**
 * What the status page shows, read at one instant: the live state of this process (watcher,
 * SMTP, a rejected config edit) and, from Redis, the lease holder, the OAuth2 accounts,
 * held mail, calendar feeds (as `offhours status` reads them) and the records of the last
 * 7 days (at most 10,000; with `recentRecords`, only those new since the last refresh). Redis commands wait while it is away, so they race a timer: when
 * Redis does not answer in time, the page says so and shows what this process knows.
 */
export async function readStatusSnapshot(sources: StatusSources): Promise<StatusSnapshot> {
  const { redis, config, now } = sources;
  const records = new RecordLog(redis, config.redis.prefix, identifyMailbox(config.imap), {
    keepForSeconds: config.records.keepForSeconds,
    subjects: config.records.subjects,
  });
  const timeoutMs = sources.timeoutMs ?? 5_000;
  // A PING first: while Redis is away, every further command would only pile up and wait.
  const answers = (await withinTime(redis.ping(), Math.min(1_000, timeoutMs))) !== null;
  const read = answers
    ? await withinTime(
        Promise.all([
          readStatus(redis, config, now),
          sources.recentRecords?.read(records, now) ??
            records.list({
              since: new Date(now.getTime() - statusRecordWindow.windowMs),
              limit: statusRecordWindow.limit,
            }),
        ]),
        timeoutMs,
      )
    : null;
  const [report, recent]: [StatusReport | null, StoredRecord[]] = read ?? [null, []];
  return {
    assistant: { name: config.assistant.name, timeZone: config.assistant.timeZone },
    clients: config.clients.map((client) => ({
      id: client.id,
      name: client.name,
      schedule: client.schedule,
    })),
    onCall: config.onCall,
    watcher: describeWatcher(sources.watcher, now),
    watcherHolder: report?.watcher ?? null,
    redis: report === null ? 'unreachable' : 'ok',
    smtp: sources.smtp,
    auth: report?.auth ?? [],
    held: (report?.held ?? []).map((entry) => ({
      messageKey: entry.messageKey,
      clientId: entry.clientId,
      from: entry.from,
      subject: entry.subject,
      heldAt: entry.heldAt,
      resumeAt: entry.resumeAt,
    })),
    records: recent,
    configRejection: sources.configRejection,
    calendars: (report?.calendars ?? []).map((calendar) => ({
      url: calendar.url,
      clientIds: calendar.clientIds,
      failure: calendar.failure,
    })),
  };
}

/**
 * The watcher keeps real instants; the page reads the daemon's clock, which the demo's
 * --at shifts by a constant: its instants are shifted the same way.
 */
function describeWatcher(watcher: StatusSources['watcher'], now: Date): WatcherSnapshot | null {
  if (watcher === null) return null;
  const shiftMs = now.getTime() - Date.now();
  const shifted = (instant: Date): string => new Date(instant.getTime() + shiftMs).toISOString();
  const failure = watcher.lastFailure;
  return {
    state: watcher.state,
    lastCheckAt: watcher.lastCheckAt === null ? null : shifted(watcher.lastCheckAt),
    failure:
      failure === null
        ? null
        : { at: shifted(failure.at), reason: failure.reason, loginRefused: failure.loginRefused },
  };
}

async function withinTime<T>(work: Promise<T>, timeoutMs: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    return await Promise.race([work.catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
