import { randomUUID } from 'node:crypto';
import type { FSWatcher } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import type { Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { CalendarFeeds } from './calendar/calendar-feeds.js';
import { applyFeedDaysOff } from './config/apply-feed-days-off.js';
import { loadConfig } from './config/load-config.js';
import type { OffhoursConfig } from './config/offhours-config.js';
import { AccountTokens, listOAuthAccounts } from './auth/account-tokens.js';
import { isOffhoursError } from './errors/offhours-error.js';
import { createSmtpTransport } from './mail/create-smtp-transport.js';
import type { DecisionEvent } from './mail/triage-new-mail.js';
import type { MailboxWatcher, WatcherState } from './mail/watch-mailbox.js';
import { checkHealth } from './observability/check-health.js';
import type { Logger } from './observability/create-logger.js';
import { OffhoursMetrics } from './observability/offhours-metrics.js';
import { readStatusSnapshot, statusRecordWindow } from './observability/read-status-snapshot.js';
import { RecentRecords } from './observability/recent-records.js';
import { reportRedisState, type RedisStateReporter } from './observability/report-redis-state.js';
import { SmtpHealth } from './observability/smtp-health.js';
import { startHttpServer, type HttpServer } from './observability/start-http-server.js';
import type { JobName } from './queue/job-catalog.js';
import { JobQueues } from './queue/job-queues.js';
import { startWorkers } from './queue/start-workers.js';
import { MailboxRuntime, type MailboxRuntimeOptions } from './runtime/mailbox-runtime.js';
import { planReload, type Restart } from './runtime/plan-reload.js';
import { ActivityRecorder } from './runtime/activity-recorder.js';
import { routeJobs } from './runtime/route-jobs.js';
import { settleWithin } from './runtime/settle-within.js';
import { watchConfigFiles } from './runtime/watch-config-files.js';
import { buildStatusView } from './status/build-status-view.js';
import type { ConfigRejection } from './status/status-snapshot.js';
import { CalendarFeedCache } from './store/calendar-feed-cache.js';
import type { HoldLedger } from './store/hold-ledger.js';
import { RecordLog } from './store/record-log.js';
import { identifyMailbox } from './store/watcher-lock.js';

export interface DaemonOptions {
  readonly configPath: string;
  readonly env: Record<string, string | undefined>;
  readonly logger: Logger;
  /** The clock; the demo's --at shifts it. Everything time-dependent reads this, never Date directly. */
  readonly now?: () => Date;
  /** false: only run queue workers (more workers for the same mailbox, in other processes). */
  readonly watch?: boolean;
  readonly reloadConfig?: boolean;
  readonly onDecision?: (event: DecisionEvent) => void;
  readonly onJobFinished?: (event: {
    name: JobName;
    outcome: 'completed' | 'failed';
    job: Job;
    error?: unknown;
  }) => void;
  readonly onWatcherState?: (state: WatcherState) => void;
}

/** The running daemon. Parts a reload restarts are replaced, so read them when needed. */
export interface Daemon {
  readonly config: () => OffhoursConfig;
  readonly watcher: MailboxWatcher | null;
  readonly redis: Redis;
  readonly queues: JobQueues;
  readonly holdLedger: HoldLedger;
  readonly metrics: OffhoursMetrics;
  /** The bound port of /status, /healthz and /metrics, or null when http.port is not set. */
  readonly httpPort: number | null;
  stop(): Promise<void>;
}

/** Redis and what lives on it for the whole process: queues, workers, OAuth2 tokens. */
interface RedisParts {
  readonly redis: Redis;
  readonly prefix: string;
  readonly queues: JobQueues;
  readonly state: RedisStateReporter;
  readonly accountTokens: AccountTokens;
  workers: Worker[];
}

/**
 * The composition root of `offhours run`: loads the config, connects Redis, starts the
 * queue workers (which route each job to its mailbox's runtime), the mailbox runtime and
 * the health server, and reloads the config when its files change, restarting exactly the
 * parts a change affects. Stops it all in order.
 */
export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger;
  const watch = options.watch !== false;
  // Random per process: a restarted daemon cannot pass for its dead predecessor, so it
  // waits for that one's lease to run out (a few seconds) rather than guess.
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // As loaded from the files; `config` adds the calendar feeds' days off to it.
  let loaded = await loadConfig(options.configPath, { env: options.env, now: now() });
  let config = loaded;
  const runtimes = new Map<string, MailboxRuntime>();
  const soleRuntime = (): MailboxRuntime | undefined => [...runtimes.values()][0];
  // New days off (a reload, a calendar feed) may make an announcement due at once.
  const checkAnnouncementsSoon = (): void => {
    for (const running of runtimes.values()) running.announcements?.checkSoon();
  };

  const startedAt = new Date();
  const metrics = new OffhoursMetrics({
    countHeld: async () => {
      const counts = await Promise.all(
        [...runtimes.values()].map(async (runtime) => (await runtime.holdLedger.list()).size),
      );
      return counts.reduce((sum, count) => sum + count, 0);
    },
  });
  const smtpHealth = new SmtpHealth(now);
  const recentRecords = new RecentRecords(statusRecordWindow);
  // The last config edit refused, for the status page; a good reload clears it.
  let configRejection: ConfigRejection | null = null;
  const onDecision = (event: DecisionEvent): void => {
    metrics.recordDecision(event);
    options.onDecision?.(event);
  };
  // Each finished job's outcome goes to the record of the mailbox it names (a mailbox no
  // longer configured still has its record: the failure is written there).
  const recorderOf = (data: unknown): ActivityRecorder | null => {
    const named: unknown =
      typeof data === 'object' && data !== null ? Reflect.get(data, 'mailboxId') : undefined;
    const mailboxId = typeof named === 'string' ? named : soleRuntime()?.mailboxId;
    if (mailboxId === undefined) return null;
    const runtime = runtimes.get(mailboxId);
    if (runtime !== undefined) return runtime.recorder;
    const log = new RecordLog(redisParts.redis, redisParts.prefix, mailboxId, () => config.records);
    return new ActivityRecorder(log, logger.child({ mailboxId }), now);
  };
  const onJobFinished: NonNullable<DaemonOptions['onJobFinished']> = (event) => {
    metrics.recordJobFinished(event);
    smtpHealth.recordJobFinished(event);
    void recorderOf(event.job.data)?.recordJobFinished(event);
    options.onJobFinished?.(event);
  };

  const handlers = routeJobs((mailboxId) =>
    mailboxId === undefined ? soleRuntime()?.handlers : runtimes.get(mailboxId)?.handlers,
  );
  const startWorkersOn = (parts: Omit<RedisParts, 'workers'>): Worker[] => {
    const workers = startWorkers({
      connection: parts.redis,
      prefix: parts.prefix,
      logger,
      onConnectionError: (error, source) => parts.state.reportError(error, source),
      onFinished: onJobFinished,
      handlers,
    });
    // Started while an account needs a login: they wait too.
    if (parts.accountTokens.listReauthRequired().length > 0)
      for (const worker of workers) worker.pause(true).catch(() => undefined);
    return workers;
  };
  const connectRedis = (): RedisParts => {
    const redis = new Redis(config.redis.url, { maxRetriesPerRequest: null, lazyConnect: false });
    const state = reportRedisState(logger);
    redis.on('error', (error: unknown) => state.reportError(error, 'client'));
    redis.on('ready', () => state.reportReady());
    const prefix = config.redis.prefix;
    const queues = new JobQueues(redis, prefix, (error) => state.reportError(error, 'queue'));
    const accountTokens = startAccountTokens(redis, config, options);
    const parts: RedisParts = { redis, prefix, queues, state, accountTokens, workers: [] };
    parts.workers = startWorkersOn(parts);
    pauseWhileReauthRequired(parts, () => runtime);
    return parts;
  };
  const closeRedis = async (parts: RedisParts): Promise<void> => {
    // Worker.close waits for jobs in flight; unfinished ones return to the queue. Each
    // step waits only so long: with Redis away, commands queue forever.
    await settleWithin(Promise.all(parts.workers.map((worker) => worker.close())), 20_000);
    await settleWithin(parts.queues.close(), 5_000);
    parts.accountTokens.stop();
    if (!(await settleWithin(parts.redis.quit(), 2_000))) parts.redis.disconnect();
  };
  const startRuntime = (parts: RedisParts): MailboxRuntime => {
    const runtime = new MailboxRuntime({
      mailboxId: identifyMailbox(config.imap),
      redis: parts.redis,
      prefix: parts.prefix,
      queues: parts.queues,
      config: () => config,
      logger,
      now,
      watch,
      owner,
      readImapLogin: (settings, rejected) => parts.accountTokens.readImapLogin(settings, rejected),
      openTransport: (smtp) =>
        createSmtpTransport(smtp, parts.accountTokens.readSmtpTokenSource(smtp)),
      onDecision,
      ...crashHook(options.env['OFFHOURS_CRASH_AT']),
      onWatcherState: (state) => {
        metrics.recordWatcherState(state);
        if (state === 'watching') metrics.recordReconnects(runtime.watcher?.reconnects ?? 0);
        options.onWatcherState?.(state);
      },
    });
    runtimes.set(runtime.mailboxId, runtime);
    runtime.start();
    return runtime;
  };
  const stopRuntime = async (runtime: MailboxRuntime): Promise<void> => {
    runtimes.delete(runtime.mailboxId);
    await runtime.stop();
  };

  let redisParts = connectRedis();
  const calendarFeeds = new CalendarFeeds({
    feeds: () => loaded.calendarFeeds,
    cache: () =>
      new CalendarFeedCache(redisParts.redis, redisParts.prefix, identifyMailbox(loaded.imap)),
    logger,
    now,
    onChange: () => {
      config = applyFeedDaysOff(loaded, (clientId) => calendarFeeds.daysOffOf(clientId));
      checkAnnouncementsSoon();
    },
  });
  // The feeds' last good copies (or a first fetch) are in force before the first decision.
  await calendarFeeds.start();
  let runtime = startRuntime(redisParts);

  let httpServer: HttpServer | null = null;
  const startHttp = async (): Promise<void> => {
    if (config.http.port === null) return;
    httpServer = await startHttpServer({
      host: config.http.host,
      port: config.http.port,
      logger,
      checkHealth: () =>
        checkHealth(
          {
            watcher: () => runtime.watcher,
            pingRedis: () => redisParts.redis.ping(),
            startedAt,
            ...(listOAuthAccounts(config).length === 0
              ? {}
              : {
                  listReauthRequired: () =>
                    redisParts.accountTokens.listReauthRequired().map((account) => account.user),
                }),
          },
          { now: new Date() },
        ),
      renderMetrics: () => metrics.render(),
      statusPage: {
        token: () => config.http.token,
        readView: async () => {
          const at = now();
          const snapshot = await readStatusSnapshot({
            redis: redisParts.redis,
            config,
            watcher: runtime.watcher,
            smtp: smtpHealth.read(),
            configRejection,
            recentRecords,
            now: at,
          });
          return buildStatusView(snapshot, at);
        },
      },
    });
  };

  const restart = async (step: Restart, previous: OffhoursConfig): Promise<void> => {
    switch (step.part) {
      case 'redis': {
        await stopRuntime(runtime);
        await closeRedis(redisParts);
        redisParts = connectRedis();
        runtime = startRuntime(redisParts);
        return;
      }
      case 'http': {
        const old = httpServer;
        httpServer = null;
        await old?.close();
        await startHttp();
        return;
      }
      case 'workers': {
        const old = redisParts.workers;
        await settleWithin(Promise.all(old.map((worker) => worker.close())), 20_000);
        redisParts.workers = startWorkersOn(redisParts);
        return;
      }
      case 'mailbox': {
        const old = runtime;
        await stopRuntime(old);
        const left = await settleWithin(
          old.holdLedger.list().then((held) => {
            if (held.size > 0)
              logger.warn(
                {
                  event: 'held_mail_left',
                  code: 'MAILBOX_UNKNOWN',
                  mailboxId: old.mailboxId,
                  held: held.size,
                  holdMailbox: previous.imap.holdMailbox,
                },
                'mail held in the previous mailbox stays in its hold folder: the config no longer names that mailbox',
              );
          }),
          2_000,
        );
        if (!left) logger.debug({ event: 'held_mail_unknown' }, 'could not count held mail');
        runtime = startRuntime(redisParts);
        return;
      }
      case 'imap-connection':
        runtime.reconnect();
        return;
      case 'smtp':
        runtime.replaceTransport();
        return;
      default: {
        const unknown: never = step.part;
        throw new Error(`unknown part ${String(unknown)}`);
      }
    }
  };

  let fileWatchers: FSWatcher[] = [];
  const reload = async (): Promise<void> => {
    let next: OffhoursConfig;
    try {
      next = await loadConfig(options.configPath, { env: options.env, now: now() });
      redisParts.accountTokens.prepare(next);
    } catch (error) {
      configRejection = {
        at: now().toISOString(),
        code: isOffhoursError(error) ? error.code : 'CONFIG_INVALID',
        message: error instanceof Error ? error.message : String(error),
      };
      logger.error(
        {
          event: 'config_rejected',
          code: isOffhoursError(error) ? error.code : 'CONFIG_INVALID',
          problems: isOffhoursError(error) ? error.details['problems'] : undefined,
        },
        `config edit rejected, still running on the last good config: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    configRejection = null;
    const previous = config;
    const restarts = planReload(previous, next);
    loaded = next;
    config = applyFeedDaysOff(next, (clientId) => calendarFeeds.daysOffOf(clientId));
    for (const step of restarts) {
      logger.info(
        { event: 'runtime_restart', part: step.part, keys: step.keys },
        `restarting ${step.part}: ${step.keys.join(', ')} changed`,
      );
      await restart(step, previous);
    }
    logger.info(
      {
        event: 'config_reloaded',
        clients: next.clients.map((client) => client.id),
        restarted: restarts.map((step) => step.part),
      },
      'config reloaded',
    );
    await calendarFeeds.update();
    checkAnnouncementsSoon();
    // The digest's time follows the schedules and digest.at; a job planned on the old ones
    // finds itself stale when it runs.
    await runtime.scheduleDigest();
    watchFiles();
  };
  // One reload at a time, in order: a burst of edits never restarts a part twice at once.
  let reloading: Promise<void> = Promise.resolve();
  let watchedFolders = '';
  const watchFiles = (): void => {
    if (options.reloadConfig === false) return;
    // Closing and re-adding an inotify watch on the same folder can lose the next event, so
    // the watchers are only replaced when a reload brings other folders.
    const folders = [...new Set(config.files.map((file) => dirname(file)))].sort().join('\n');
    if (folders === watchedFolders) return;
    watchedFolders = folders;
    for (const fileWatcher of fileWatchers) fileWatcher.close();
    fileWatchers = watchConfigFiles(config.files, () => {
      reloading = reloading
        .then(reload)
        .catch((error: unknown) =>
          logger.error({ event: 'reload_failed', code: 'INTERNAL', err: error }, 'reload failed'),
        );
    });
  };
  watchFiles();

  let stopped = false;
  const daemon: Daemon = {
    config: () => config,
    get watcher() {
      return runtime.watcher;
    },
    get redis() {
      return redisParts.redis;
    },
    get queues() {
      return redisParts.queues;
    },
    get holdLedger() {
      return runtime.holdLedger;
    },
    metrics,
    get httpPort() {
      return httpServer?.port ?? null;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const fileWatcher of fileWatchers) fileWatcher.close();
      await reloading;
      calendarFeeds.stop();
      await httpServer?.close();
      await stopRuntime(runtime);
      await closeRedis(redisParts);
    },
  };

  // The HTTP server starts last and reads live state.
  try {
    await startHttp();
  } catch (error) {
    await daemon.stop();
    throw error;
  }
  return daemon;
}

/** The OAuth2 token managers; fails the start (AUTH_SECRET_MISSING) rather than the first login. */
function startAccountTokens(
  redis: Redis,
  config: OffhoursConfig,
  options: DaemonOptions,
): AccountTokens {
  const tokens = new AccountTokens({
    redis,
    prefix: config.redis.prefix,
    env: options.env,
    logger: options.logger,
    loginCommand: `offhours auth login --config ${options.configPath}`,
  });
  try {
    tokens.prepare(config);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return tokens;
}

/**
 * While an OAuth2 account needs a login, no job runs (mail stays as it is; jobs wait in
 * the queue instead of spending their retries), and the watcher waits; new tokens resume
 * both at once.
 */
function pauseWhileReauthRequired(parts: RedisParts, runtime: () => MailboxRuntime): void {
  let paused = false;
  parts.accountTokens.onChange(() => {
    const dead = parts.accountTokens.listReauthRequired().length > 0;
    if (dead === paused) return;
    paused = dead;
    for (const worker of parts.workers) {
      if (dead) worker.pause(true).catch(() => undefined);
      else worker.resume().catch(() => undefined);
    }
    if (!dead) runtime().retryNow();
  });
}

/**
 * The fault suite's crash points: with OFFHOURS_CRASH_AT=STEP or STEP:JOB (before-send,
 * after-accept or after-record; JOB a job-id prefix such as forward or reply), the process
 * kills itself (SIGKILL, no clean-up) the first time a delivery reaches that step, so the
 * tests can prove a restart neither loses nor repeats it.
 */
function crashHook(spec: string | undefined): Pick<MailboxRuntimeOptions, 'onDeliveryStep'> {
  if (spec === undefined || spec === '') return {};
  const [step, job = ''] = spec.split(':');
  return {
    onDeliveryStep: (reached, jobId) => {
      if (reached === step && jobId.startsWith(job)) process.kill(process.pid, 'SIGKILL');
    },
  };
}
