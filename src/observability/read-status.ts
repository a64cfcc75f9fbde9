import type { Redis } from 'ioredis';
import { listOAuthAccounts } from '../auth/account-tokens.js';
import { TokenStore } from '../auth/token-store.js';
import { describeFeedUrl } from '../config/describe-feed-url.js';
import type { OffhoursConfig } from '../config/offhours-config.js';
import { jobCatalog } from '../queue/job-catalog.js';
import { JobQueues, queueNames, type QueueName } from '../queue/job-queues.js';
import { checkAvailability, type AvailabilityReason } from '../schedule/check-availability.js';
import { findBackupOnCall } from '../schedule/find-backup-on-call.js';
import { findResumeAt } from '../schedule/find-resume-at.js';
import { CalendarFeedCache } from '../store/calendar-feed-cache.js';
import { HoldLedger } from '../store/hold-ledger.js';
import { identifyMailbox, WatcherLock } from '../store/watcher-lock.js';

export interface HeldStatus {
  readonly messageKey: string;
  readonly clientId: string;
  readonly from: string;
  readonly subject: string;
  readonly heldAt: string;
  readonly resumeAt: string;
  /** The client's zone, or the assistant's when the client is no longer configured. */
  readonly timeZone: string;
}

export interface QueueCounts {
  readonly waiting: number;
  readonly delayed: number;
  readonly active: number;
  readonly failed: number;
}

export interface ReleaseStatus {
  readonly clientId: string;
  readonly dueAt: string;
  readonly timeZone: string;
  /** Set for an emergency's early release of one sender's held mail. */
  readonly sender: string | null;
}

export interface ClientStatus {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly available: boolean;
  readonly reason: AvailabilityReason;
  /** When the VA next looks at this client's mail (now when available), or null for never. */
  readonly nextLookAt: string | null;
}

/** An OAuth2 account's state, as its store says (no key needed, no token shown). */
export interface AuthStatus {
  readonly user: string;
  readonly provider: string;
  readonly state: 'ok' | 'reauth_required' | 'not_logged_in';
  /** The command that fixes it, or null when the account works. */
  readonly fix: string | null;
}

/** A calendar feed as the daemon last fetched it (from its copy in Redis). */
export interface CalendarStatus {
  /** As describeFeedUrl shows it. */
  readonly url: string;
  readonly clientIds: readonly string[];
  /** When the copy in force was fetched, or null when there is none. */
  readonly fetchedAt: string | null;
  readonly checkedAt: string | null;
  /** The failure since `since`, or null when the last fetch worked. */
  readonly failure: {
    readonly code: string;
    readonly message: string;
    readonly since: string;
  } | null;
}

export interface StatusReport {
  readonly at: string;
  readonly prefix: string;
  readonly timeZone: string;
  readonly onCall: { readonly name: string; readonly address: string } | null;
  /** The process watching the mailbox (host:pid:id), or null when none is. */
  readonly watcher: string | null;
  /** One entry per OAuth2 account; empty when every login is a password. */
  readonly auth: readonly AuthStatus[];
  readonly held: readonly HeldStatus[];
  readonly queues: Readonly<Record<QueueName, QueueCounts>>;
  readonly nextReleases: readonly ReleaseStatus[];
  readonly clients: readonly ClientStatus[];
  /** One entry per calendar feed of the config. */
  readonly calendars: readonly CalendarStatus[];
}

/** How many scheduled releases the report lists; the queue counts cover the rest. */
const releasesShown = 10;
/** Delayed jobs read to find them; releases are one job per client and check-in, so few. */
const delayedScanned = 200;

/**
 * What offhours holds and has queued right now, read from Redis under the config's prefix
 * (the same keys the daemon writes), with each client's availability at `now`. Read-only:
 * it never changes a queue or the ledger, so it is safe beside a running daemon.
 */
export async function readStatus(
  redis: Redis,
  config: OffhoursConfig,
  now: Date,
): Promise<StatusReport> {
  const prefix = config.redis.prefix;
  const zoneOf = (clientId: string): string =>
    config.clients.find((client) => client.id === clientId)?.schedule.timeZone ??
    config.assistant.timeZone;
  const queues = new JobQueues(redis, prefix);
  try {
    const mailboxId = identifyMailbox(config.imap);
    const lock = new WatcherLock(redis, prefix, mailboxId, 'status');
    const [watcher, auth, ledger, counts, delayed, calendars] = await Promise.all([
      lock.readHolder(),
      readAuthStatus(redis, config),
      new HoldLedger(redis, prefix, mailboxId).list(),
      Promise.all(queueNames.map((name) => readCounts(queues, name))),
      queues.queues.hold.getDelayed(0, delayedScanned - 1),
      readCalendarStatus(new CalendarFeedCache(redis, prefix, mailboxId), config),
    ]);
    const held = [...ledger]
      .map(([messageKey, entry]) => ({
        messageKey,
        clientId: entry.clientId,
        from: entry.from,
        subject: entry.subject,
        heldAt: entry.heldAt,
        resumeAt: entry.resumeAt,
        timeZone: zoneOf(entry.clientId),
      }))
      .sort(
        (a, b) =>
          Date.parse(a.resumeAt) - Date.parse(b.resumeAt) || a.heldAt.localeCompare(b.heldAt),
      );
    const nextReleases = delayed
      .flatMap((job) => {
        const payload = jobCatalog.release.safeParse(job.data);
        if (!payload.success) return [];
        const { clientId, dueAt, sender } = payload.data;
        return [{ clientId, dueAt, timeZone: zoneOf(clientId), sender: sender ?? null }];
      })
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
      .slice(0, releasesShown);
    const onCall = findBackupOnCall(config.onCall, now);
    return {
      at: now.toISOString(),
      prefix,
      timeZone: config.assistant.timeZone,
      onCall: onCall === null ? null : { name: onCall.name, address: onCall.address },
      watcher,
      auth,
      held,
      queues: Object.fromEntries(counts) as Record<QueueName, QueueCounts>,
      nextReleases,
      calendars,
      clients: config.clients.map((client) => {
        const availability = checkAvailability(client.schedule, now);
        return {
          id: client.id,
          name: client.name,
          timeZone: client.schedule.timeZone,
          available: availability.available,
          reason: availability.reason,
          nextLookAt: findResumeAt(client.schedule, now)?.toISOString() ?? null,
        };
      }),
    };
  } finally {
    await queues.close();
  }
}

function readCalendarStatus(
  cache: CalendarFeedCache,
  config: OffhoursConfig,
): Promise<CalendarStatus[]> {
  const urls = [...new Set(config.calendarFeeds.map((feed) => feed.url))];
  return Promise.all(
    urls.map(async (url) => {
      const health = await cache.readHealth(url);
      return {
        url: describeFeedUrl(url),
        clientIds: [
          ...new Set(
            config.calendarFeeds.filter((feed) => feed.url === url).map((feed) => feed.clientId),
          ),
        ],
        fetchedAt: health?.fetchedAt ?? null,
        checkedAt: health?.checkedAt ?? null,
        failure: health?.failure ?? null,
      };
    }),
  );
}

function readAuthStatus(redis: Redis, config: OffhoursConfig): Promise<AuthStatus[]> {
  return Promise.all(
    listOAuthAccounts(config).map(async (account) => {
      const status = await new TokenStore(redis, config.redis.prefix, account, null).readStatus();
      const state = status === null ? 'not_logged_in' : status.state;
      return {
        user: account.user,
        provider: account.provider.name,
        state,
        fix: state === 'ok' ? null : `offhours auth login --config ${config.sourcePath}`,
      };
    }),
  );
}

async function readCounts(queues: JobQueues, name: QueueName): Promise<[QueueName, QueueCounts]> {
  const counts = await queues.queues[name].getJobCounts('waiting', 'delayed', 'active', 'failed');
  return [
    name,
    {
      waiting: counts['waiting'] ?? 0,
      delayed: counts['delayed'] ?? 0,
      active: counts['active'] ?? 0,
      failed: counts['failed'] ?? 0,
    },
  ];
}
