import { randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Transporter } from 'nodemailer';
import { forwardToBackup } from './actions/forward-to-backup.js';
import { releaseHeld } from './actions/release-held.js';
import { sendReply } from './actions/send-reply.js';
import { loadConfig } from './config/load-config.js';
import type { OffhoursConfig } from './config/offhours-config.js';
import { isOffhoursError } from './errors/offhours-error.js';
import { AccountTokens, listOAuthAccounts } from './auth/account-tokens.js';
import { createSmtpTransport } from './mail/create-smtp-transport.js';
import { triageNewMail, type DecisionEvent } from './mail/triage-new-mail.js';
import { MailboxWatcher, type WatcherState } from './mail/watch-mailbox.js';
import { checkHealth } from './observability/check-health.js';
import type { Logger } from './observability/create-logger.js';
import { OffhoursMetrics } from './observability/offhours-metrics.js';
import { reportRedisState } from './observability/report-redis-state.js';
import { startHealthServer, type HealthServer } from './observability/start-health-server.js';
import type { JobName } from './queue/job-catalog.js';
import { jobIds } from './queue/job-ids.js';
import { JobQueues } from './queue/job-queues.js';
import { startWorkers } from './queue/start-workers.js';
import { HoldLedger } from './store/hold-ledger.js';
import { SentMessageLedger } from './store/sent-message-ledger.js';
import { MailboxCheckpoint } from './store/mailbox-checkpoint.js';
import { ReplyLedger } from './store/reply-ledger.js';
import { identifyMailbox, WatcherLock } from './store/watcher-lock.js';

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

export interface Daemon {
  readonly config: () => OffhoursConfig;
  readonly watcher: MailboxWatcher | null;
  readonly redis: Redis;
  readonly queues: JobQueues;
  readonly holdLedger: HoldLedger;
  readonly metrics: OffhoursMetrics;
  /** The bound port of /healthz and /metrics, or null when http.port is not set. */
  readonly httpPort: number | null;
  stop(): Promise<void>;
}

/**
 * The composition root of `offhours run`: loads the config, connects Redis, starts the
 * queue workers and the mailbox watcher, reloads the config when its files change, and
 * stops it all in order.
 */
export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger;
  let config = await loadConfig(options.configPath, { env: options.env, now: now() });
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: null, lazyConnect: false });
  const redisState = reportRedisState(logger);
  redis.on('error', (error: unknown) => redisState.reportError(error, 'client'));
  redis.on('ready', () => redisState.reportReady());
  const prefix = config.redis.prefix;
  const mailboxId = identifyMailbox(config.imap);
  const queues = new JobQueues(redis, prefix, (error) => redisState.reportError(error, 'queue'));
  const holdLedger = new HoldLedger(redis, prefix);
  const replyLedger = new ReplyLedger(redis, prefix);
  const accountTokens = startAccountTokens(redis, config, options);
  const openTransport = (smtp: OffhoursConfig['smtp']): Transporter =>
    createSmtpTransport(smtp, accountTokens.readSmtpTokenSource(smtp));
  let transport: Transporter = openTransport(config.smtp);
  const readImapLogin = accountTokens.readImapLogin.bind(accountTokens);
  const sender = () => ({ name: config.assistant.name, address: config.smtp.from });

  // Observability: every hook feeds the metrics first, then the caller's own hook.
  const startedAt = new Date();
  const metrics = new OffhoursMetrics({ countHeld: async () => (await holdLedger.list()).size });
  const onDecision = (event: DecisionEvent): void => {
    metrics.recordDecision(event);
    options.onDecision?.(event);
  };
  const onJobFinished: NonNullable<DaemonOptions['onJobFinished']> = (event) => {
    metrics.recordJobFinished(event);
    options.onJobFinished?.(event);
  };
  const onWatcherState = (state: WatcherState): void => {
    metrics.recordWatcherState(state);
    if (state === 'watching') metrics.recordReconnects(watcher?.reconnects ?? 0);
    options.onWatcherState?.(state);
  };

  const workers = startWorkers({
    connection: redis,
    prefix,
    logger,
    globalPerMinute: config.limits.globalPerMinute,
    onConnectionError: (error, source) => redisState.reportError(error, source),
    onFinished: onJobFinished,
    handlers: {
      reply: (payload, job) =>
        sendReply(payload, job.id ?? payload.messageKey, {
          transport,
          ledger: replyLedger,
          logger,
          from: sender(),
          perAddressPerHour: config.limits.perAddressPerHour,
          now,
        }),
      forward: (payload) =>
        forwardToBackup(payload, {
          transport,
          logger,
          imap: config.imap,
          readImapLogin,
          from: sender(),
          backupAddresses: config.onCall.backups.map((backup) => backup.address),
        }),
      release: (payload) =>
        releaseHeld(payload, { imap: config.imap, readImapLogin, holdLedger, logger }),
    },
  });

  const watcher =
    options.watch === false
      ? null
      : new MailboxWatcher({
          getSettings: () => config.imap,
          readLogin: readImapLogin,
          lock: new WatcherLock(
            redis,
            prefix,
            mailboxId,
            `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
          ),
          logger,
          onStateChange: onWatcherState,
          triage: (client) =>
            triageNewMail(client, {
              mailboxId,
              getConfig: () => config,
              queues,
              holdLedger,
              checkpoint: new MailboxCheckpoint(redis, prefix, mailboxId),
              sentMessages: new SentMessageLedger(redis, prefix, mailboxId),
              logger,
              now,
              onDecision,
            }),
        });
  watcher?.start();
  pauseWhileReauthRequired(accountTokens, watcher, workers);
  // Held mail whose release was missed (Redis restored from an older copy, a release that
  // raced a hold) or held mail without a ledger entry comes back now rather than waiting
  // for the client's next scheduled release.
  if (watcher !== null) {
    const startedAt = now();
    queues
      .enqueue(
        config.clients.map((client) => ({
          name: 'release' as const,
          jobId: jobIds.releaseAtStart(mailboxId, client.id, startedAt),
          data: { mailboxId, clientId: client.id, dueAt: startedAt.toISOString() },
        })),
      )
      .catch((error: unknown) =>
        logger.warn(
          { event: 'release_sweep_failed', code: 'REDIS_UNAVAILABLE', err: error },
          'could not queue the start-up release sweep',
        ),
      );
  }

  const reload = async (): Promise<void> => {
    try {
      const next = await loadConfig(options.configPath, { env: options.env, now: now() });
      accountTokens.prepare(next);
      const previousSmtp = JSON.stringify(config.smtp);
      config = next;
      if (JSON.stringify(next.smtp) !== previousSmtp) {
        const old = transport;
        transport = openTransport(next.smtp);
        old.close();
      }
      logger.info(
        { event: 'config_reloaded', clients: next.clients.map((client) => client.id) },
        'config reloaded',
      );
    } catch (error) {
      logger.error(
        {
          event: 'config_rejected',
          code: isOffhoursError(error) ? error.code : 'CONFIG_INVALID',
          problems: isOffhoursError(error) ? error.details['problems'] : undefined,
        },
        `config edit rejected, still running on the last good config: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  const fileWatchers =
    options.reloadConfig === false ? [] : watchConfigFiles(config, () => void reload());

  let healthServer: HealthServer | null = null;
  const daemon: Daemon = {
    config: () => config,
    watcher,
    redis,
    queues,
    holdLedger,
    metrics,
    get httpPort() {
      return healthServer?.port ?? null;
    },
    async stop() {
      await healthServer?.close();
      for (const fileWatcher of fileWatchers) fileWatcher.close();
      // Each step waits only so long: with Redis away, commands queue forever, and a
      // shutdown must still end. Jobs cut short are retried by the next start.
      await settleWithin(watcher?.stop(), 10_000);
      // Worker.close waits for jobs in flight; unfinished ones return to the queue.
      await settleWithin(Promise.all(workers.map((worker) => worker.close())), 20_000);
      await settleWithin(queues.close(), 5_000);
      transport.close();
      accountTokens.stop();
      if (!(await settleWithin(redis.quit(), 2_000))) redis.disconnect();
    },
  };

  // The HTTP server starts last and reads live state; http.port is not reloaded.
  if (config.http.port !== null) {
    try {
      healthServer = await startHealthServer({
        host: config.http.host,
        port: config.http.port,
        logger,
        checkHealth: () =>
          checkHealth(
            {
              watcher: () => watcher,
              pingRedis: () => redis.ping(),
              startedAt,
              ...(listOAuthAccounts(config).length === 0
                ? {}
                : {
                    listReauthRequired: () =>
                      accountTokens.listReauthRequired().map((account) => account.user),
                  }),
            },
            { now: new Date() },
          ),
        renderMetrics: () => metrics.render(),
      });
    } catch (error) {
      await daemon.stop();
      throw error;
    }
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
function pauseWhileReauthRequired(
  tokens: AccountTokens,
  watcher: MailboxWatcher | null,
  workers: readonly { pause(doNotWaitActive?: boolean): Promise<void>; resume(): void }[],
): void {
  let paused = false;
  tokens.onChange(() => {
    const dead = tokens.listReauthRequired().length > 0;
    if (dead === paused) return;
    paused = dead;
    for (const worker of workers) {
      if (dead) worker.pause(true).catch(() => undefined);
      else worker.resume();
    }
    if (!dead) watcher?.retryNow();
  });
}

/** Watches each config file's folder (editors replace files rather than write them in place). */
function watchConfigFiles(config: OffhoursConfig, onChange: () => void): FSWatcher[] {
  let timer: NodeJS.Timeout | undefined;
  const debounced = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 300);
  };
  const folders = new Set(config.files.map((file) => dirname(file)));
  return [...folders].map((folder) => watch(folder, { persistent: false }, debounced));
}

/** Waits for `work` at most `ms`; true when it finished (or failed) in time. */
async function settleWithin(work: Promise<unknown> | undefined, ms: number): Promise<boolean> {
  if (work === undefined) return true;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const finished = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([finished, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
