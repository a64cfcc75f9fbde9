import type { Redis } from 'ioredis';
import type { Transporter } from 'nodemailer';
import { escalateEmergency } from '../actions/escalate-emergency.js';
import { forwardToBackup } from '../actions/forward-to-backup.js';
import type { EscalationDeps } from '../actions/schedule-escalation-step.js';
import { releaseHeld } from '../actions/release-held.js';
import { sendAnnouncement } from '../actions/send-announcement.js';
import { sendDigest } from '../actions/send-digest.js';
import { checkReplyDue } from '../actions/check-reply-due.js';
import { sendReply } from '../actions/send-reply.js';
import { type DeliverOnceDeps, type DeliveryStep } from '../actions/deliver-once.js';
import type { ImapLoginSource } from '../auth/imap-login.js';
import type { OffhoursConfig, SmtpSettings } from '../config/offhours-config.js';
import { triageNewMail, type DecisionEvent } from '../mail/triage-new-mail.js';
import { MailboxWatcher, type WatcherState } from '../mail/watch-mailbox.js';
import type { Logger } from '../observability/create-logger.js';
import { jobIds } from '../queue/job-ids.js';
import type { JobQueues } from '../queue/job-queues.js';
import type { JobHandlers } from '../queue/start-workers.js';
import { SentFolder } from '../mail/sent-folder.js';
import { DeliveryRecord } from '../store/delivery-record.js';
import { EscalationLedger } from '../store/escalation-ledger.js';
import { HoldLedger } from '../store/hold-ledger.js';
import { SendCaps } from '../store/send-caps.js';
import { DigestMark } from '../store/digest-mark.js';
import { planDigest } from '../schedule/plan-digest.js';
import { isOffhoursError } from '../errors/offhours-error.js';
import { MailboxCheckpoint } from '../store/mailbox-checkpoint.js';
import { ReplyLedger } from '../store/reply-ledger.js';
import { SentMessageLedger } from '../store/sent-message-ledger.js';
import { RecordLog } from '../store/record-log.js';
import { WatcherLock } from '../store/watcher-lock.js';
import { AnnouncementLedger } from '../store/announcement-ledger.js';
import { CorrespondentLedger } from '../store/correspondent-ledger.js';
import { listCorrespondents } from '../triage/list-correspondents.js';
import { ActivityRecorder } from './activity-recorder.js';
import { AnnouncementChecker } from './announcement-checker.js';
import { settleWithin } from './settle-within.js';

export interface MailboxRuntimeOptions {
  readonly mailboxId: string;
  readonly redis: Redis;
  readonly prefix: string;
  readonly queues: JobQueues;
  /** The live config; this mailbox's settings are its `imap` (one mailbox per config today). */
  readonly config: () => OffhoursConfig;
  readonly logger: Logger;
  readonly now: () => Date;
  /** false: job handlers only (a workers-only process); another process watches. */
  readonly watch: boolean;
  /** This process's lease owner id: random per process, so a restart is a new owner. */
  readonly owner: string;
  /** The login of each IMAP connection: the password, or an OAuth2 access token. */
  readonly readImapLogin: ImapLoginSource;
  /** A transport for the SMTP settings, with its OAuth2 token source when it needs one. */
  readonly openTransport: (smtp: SmtpSettings) => Transporter;
  readonly onDecision?: (event: DecisionEvent) => void;
  /** Each step of every delivery: the fault suite's crash hook (OFFHOURS_CRASH_AT). */
  readonly onDeliveryStep?: (step: DeliveryStep, jobId: string) => void;
  readonly onWatcherState?: (state: WatcherState) => void;
}

/**
 * Everything offhours runs for one mailbox, keyed by its id: the watcher with its lease
 * and checkpoint, the hold ledger, the SMTP transport, and the handlers of the jobs that
 * name this mailbox. A deployment runs one per mailbox; the workers route each job to the
 * runtime its payload names.
 */
export class MailboxRuntime {
  readonly mailboxId: string;
  readonly holdLedger: HoldLedger;
  /** This mailbox's record of decisions and outcomes (docs/records.md). */
  readonly records: RecordLog;
  readonly recorder: ActivityRecorder;
  /** The escalation of each forwarded emergency: steps taken, acknowledgement. */
  readonly escalations: EscalationLedger;
  /** Where the hand-back digest got to. */
  readonly digestMark: DigestMark;
  readonly watcher: MailboxWatcher | null;
  /** The days-off announcements' check; null in a workers-only process. */
  readonly announcements: AnnouncementChecker | null;
  readonly handlers: JobHandlers;
  private readonly logger: Logger;
  private transport: Transporter;
  /** Its IMAP connection is kept between deliveries: logged out when the runtime stops. */
  private readonly sentFolder: SentFolder;

  constructor(private readonly options: MailboxRuntimeOptions) {
    const { redis, prefix, mailboxId, now } = options;
    this.mailboxId = mailboxId;
    this.logger = options.logger.child({ mailboxId });
    this.holdLedger = new HoldLedger(redis, prefix, mailboxId);
    this.records = new RecordLog(redis, prefix, mailboxId, () => options.config().records);
    this.recorder = new ActivityRecorder(this.records, this.logger, now);
    this.escalations = new EscalationLedger(redis, prefix, mailboxId);
    this.digestMark = new DigestMark(redis, prefix, mailboxId);
    this.transport = options.openTransport(options.config().smtp);
    const replyLedger = new ReplyLedger(redis, prefix);
    const caps = new SendCaps(redis, prefix);
    const config = options.config;
    const sender = () => ({ name: config().assistant.name, address: config().smtp.from });
    const sentFolder = new SentFolder(() => config().imap, options.readImapLogin);
    this.sentFolder = sentFolder;
    const deliveries = new DeliveryRecord(redis, prefix, mailboxId);
    const sentMessages = new SentMessageLedger(redis, prefix, mailboxId);
    const announced = new AnnouncementLedger(redis, prefix, mailboxId);
    const delivery = (): DeliverOnceDeps => ({
      transport: this.transport,
      deliveries,
      sentFolder,
      sentMessages,
      sentCopy: config().smtp.sentCopy,
      logger: this.logger,
      now,
      ...(options.onDeliveryStep === undefined ? {} : { onStep: options.onDeliveryStep }),
    });
    const escalation: EscalationDeps = {
      mailboxId,
      ledger: this.escalations,
      enqueue: (jobs) => options.queues.enqueue(jobs),
      onCall: () => config().onCall,
      logger: this.logger,
      now,
    };
    this.handlers = {
      reply: (payload, job) =>
        sendReply(payload, job.id ?? payload.messageKey, {
          delivery: delivery(),
          ledger: replyLedger,
          caps,
          logger: this.logger,
          mailboxId,
          from: sender(),
          limits: config().limits,
          now,
        }),
      forward: (payload, job) =>
        forwardToBackup(payload, job.id ?? payload.messageKey, {
          delivery: delivery(),
          mailboxId,
          logger: this.logger,
          imap: config().imap,
          readImapLogin: options.readImapLogin,
          from: sender(),
          backupAddresses: config().onCall.backups.map((backup) => backup.address),
          escalation,
        }),
      escalate: (payload, job) =>
        escalateEmergency(payload, job.id ?? `${payload.token}-${payload.step}`, {
          delivery: delivery(),
          mailboxId,
          logger: this.logger,
          imap: config().imap,
          readImapLogin: options.readImapLogin,
          from: sender(),
          escalation,
        }),
      release: (payload) =>
        releaseHeld(payload, {
          imap: config().imap,
          readImapLogin: options.readImapLogin,
          holdLedger: this.holdLedger,
          logger: this.logger,
        }),
      announce: (payload, job) =>
        sendAnnouncement(payload, job.id ?? payload.clientId, {
          delivery: delivery(),
          ledger: announced,
          caps,
          logger: this.logger,
          mailboxId,
          from: sender(),
          limits: config().limits,
          now,
        }),
      digest: async (payload, job) => {
        try {
          return await sendDigest(
            payload,
            job.id ?? jobIds.digest(mailboxId, new Date(payload.dueAt)),
            {
              delivery: delivery(),
              records: this.records,
              mark: this.digestMark,
              mailboxId,
              config,
              logger: this.logger,
              now,
            },
          );
        } finally {
          // The next one, whatever became of this one: a digest that keeps failing must
          // not stop the ones after it (they cover its period, which was not marked done).
          await this.scheduleDigest();
        }
      },
      'reply-due': (payload, job) =>
        checkReplyDue(payload, job.id ?? payload.messageKey, {
          delivery: delivery(),
          mailboxId,
          logger: this.logger,
          imap: config().imap,
          readImapLogin: options.readImapLogin,
          from: sender(),
          assistant: {
            name: config().assistant.name,
            address: config().assistant.addresses[0] ?? config().smtp.from,
          },
          client: config().clients.find((client) => client.id === payload.clientId),
          now,
        }),
    };
    this.watcher = options.watch ? this.createWatcher() : null;
    this.announcements = options.watch
      ? new AnnouncementChecker({
          mailboxId,
          config,
          correspondents: new CorrespondentLedger(redis, prefix, mailboxId),
          announced,
          queues: options.queues,
          logger: this.logger,
          now,
        })
      : null;
  }

  start(): void {
    this.watcher?.start();
    this.announcements?.start();
  }

  /**
   * Queues the hand-back digest (README, "The record and the hand-back digest"): the one
   * due next, and the latest one missed since the mark (the daemon was down, or its job
   * failed). Job ids name the mailbox and the period's end, so planning again (at every
   * lease, after each digest, on a reload) never queues one twice. Never throws.
   */
  async scheduleDigest(): Promise<void> {
    const config = this.options.config();
    if (!config.digest.enabled) return;
    try {
      const now = this.options.now();
      const since = await this.digestMark.initialise(now);
      const plan = planDigest({
        timeZone: config.assistant.timeZone,
        schedules: config.clients.map((client) => client.schedule),
        at: config.digest.at,
        since,
        now,
      });
      const due = [plan.overdue, plan.next].filter((at): at is Date => at !== null);
      await this.options.queues.enqueue(
        due.map((dueAt) => ({
          name: 'digest' as const,
          jobId: jobIds.digest(this.mailboxId, dueAt),
          data: { mailboxId: this.mailboxId, dueAt: dueAt.toISOString() },
          delayMs: dueAt.getTime() - now.getTime(),
        })),
      );
      this.logger.debug(
        {
          event: 'digest_scheduled',
          since: since.toISOString(),
          dueAt: due.map((at) => at.toISOString()),
        },
        due.length === 0 ? 'no working day ahead: no digest planned' : 'digest planned',
      );
    } catch (error) {
      this.logger.warn(
        {
          event: 'digest_schedule_failed',
          // Its only I/O is Redis (the mark and the queue).
          code: isOffhoursError(error) ? error.code : 'REDIS_UNAVAILABLE',
          err: error,
        },
        'could not plan the hand-back digest; planned again at the next lease or digest',
      );
    }
  }

  /** The SMTP settings changed: later jobs use a new transport, the old one is closed. */
  replaceTransport(): void {
    const old = this.transport;
    this.transport = this.options.openTransport(this.options.config().smtp);
    old.close();
  }

  /** New OAuth2 tokens arrived: connect now rather than after the backoff. */
  retryNow(): void {
    this.watcher?.retryNow();
  }

  /** The IMAP connection settings changed: reconnect now with them (same mailbox, same checkpoint). */
  reconnect(): void {
    this.watcher?.reconnect();
  }

  async stop(): Promise<void> {
    // With Redis away, releasing the lease waits; it runs out by itself within its TTL.
    await settleWithin(this.watcher?.stop(), 10_000);
    await settleWithin(this.announcements?.stop(), 5_000);
    await settleWithin(this.sentFolder.close(), 5_000);
    this.transport.close();
  }

  private createWatcher(): MailboxWatcher {
    const { redis, prefix, mailboxId, queues, now } = this.options;
    const lock = new WatcherLock(redis, prefix, mailboxId, this.options.owner);
    const checkpoint = new MailboxCheckpoint(redis, prefix, mailboxId);
    const sentMessages = new SentMessageLedger(redis, prefix, mailboxId);
    const correspondents = new CorrespondentLedger(redis, prefix, mailboxId);
    const config = this.options.config;
    const watcher: MailboxWatcher = new MailboxWatcher({
      getSettings: () => config().imap,
      readLogin: this.options.readImapLogin,
      lock,
      logger: this.logger,
      onStateChange: (state) => this.options.onWatcherState?.(state),
      onLeaseTaken: async () => {
        const adopted = await this.holdLedger.adoptLegacy();
        if (adopted > 0)
          this.logger.info(
            { event: 'hold_ledger_migrated', entries: adopted },
            'held mail recorded by an older version now belongs to this mailbox',
          );
        // Held mail whose release was missed (Redis restored from an older copy, a release
        // that raced a hold, a crash) or held mail without a ledger entry comes back now
        // rather than at the client's next scheduled release.
        const at = now();
        await queues.enqueue(
          config().clients.map((client) => ({
            name: 'release' as const,
            jobId: jobIds.releaseAtStart(mailboxId, client.id, at),
            data: { mailboxId, clientId: client.id, dueAt: at.toISOString() },
          })),
        );
        await this.scheduleDigest();
      },
      triage: (client, fence) =>
        triageNewMail(client, fence, {
          mailboxId,
          verifyLease: (held) => lock.verify(held),
          getConfig: config,
          queues,
          holdLedger: this.holdLedger,
          checkpoint,
          sentMessages,
          escalations: this.escalations,
          recordOutcome: (input) => this.recorder.recordOutcome(input),
          logger: this.logger,
          now,
          onDecision: (event) => this.options.onDecision?.(event),
          recordDecisions: (events) => this.recorder.recordDecisions(events),
          noteCorrespondents: (events) =>
            correspondents
              .note(listCorrespondents(events, config()))
              .catch((error: unknown) =>
                this.logger.warn(
                  { event: 'correspondents_failed', code: 'REDIS_UNAVAILABLE', err: error },
                  'could not note who wrote (for the days-off announcements); the mail itself was handled as usual',
                ),
              ),
        }),
    });
    return watcher;
  }
}
