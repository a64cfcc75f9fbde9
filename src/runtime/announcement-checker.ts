import { isOffhoursError } from '../errors/offhours-error.js';
import type { Logger } from '../observability/create-logger.js';
import { jobIds } from '../queue/job-ids.js';
import type { JobQueues, PlannedJob } from '../queue/job-queues.js';
import type { AnnouncementLedger } from '../store/announcement-ledger.js';
import type { CorrespondentLedger } from '../store/correspondent-ledger.js';
import type { TriageConfig } from '../triage/triage-config.js';
import { readAnnouncementPlan } from './read-announcement-plan.js';

export interface AnnouncementCheckerOptions {
  readonly mailboxId: string;
  readonly config: () => TriageConfig;
  readonly correspondents: Pick<CorrespondentLedger, 'list'>;
  readonly announced: Pick<AnnouncementLedger, 'read'>;
  readonly queues: Pick<JobQueues, 'enqueue'>;
  readonly logger: Logger;
  readonly now: () => Date;
  /** How often the daemon looks for announcements that fell due. Default: 10 minutes. */
  readonly everyMs?: number;
}

const defaultEveryMs = 10 * 60_000;

/**
 * The daemon's side of the days-off announcements: at start, every 10 minutes and when
 * asked (a config reload, a calendar feed that changed), it plans what is due and queues
 * one `announce` job per recipient not yet announced to. Job ids name the absence and the
 * recipient, so a check that runs twice, in two processes or after a restart, queues one
 * job; the job itself sends at most once (sendAnnouncement). A check that fails (Redis
 * away) is logged and tried again at the next one.
 */
export class AnnouncementChecker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Jobs this process has logged as queued: a job still waiting is not logged again. */
  private readonly logged = new Set<string>();

  constructor(private readonly options: AnnouncementCheckerOptions) {}

  start(): void {
    this.checkSoon();
  }

  /** Runs a check after the one in progress, then waits the full interval again. */
  checkSoon(): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.running.then(() => this.runOnce());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Plans and queues what is due now; resolves with the jobs queued. */
  async check(): Promise<number> {
    const { mailboxId, logger } = this.options;
    const now = this.options.now();
    const plan = await readAnnouncementPlan(this.options.config(), now, this.options);
    const jobs: PlannedJob[] = [];
    for (const announcement of plan.filter((entry) => entry.due)) {
      const absenceStart = new Date(announcement.absenceStart);
      for (const message of announcement.messages) {
        if (message.sentAt !== null) continue;
        jobs.push({
          name: 'announce',
          jobId: jobIds.announce(mailboxId, announcement.clientId, absenceStart, message.to),
          data: {
            mailboxId,
            clientId: announcement.clientId,
            absenceStart: announcement.absenceStart,
            absenceEnd: announcement.absenceEnd,
            to: message.to,
            subject: message.subject,
            body: message.body,
          },
        });
      }
    }
    if (jobs.length > 0) await this.options.queues.enqueue(jobs);
    for (const job of jobs) {
      if (this.logged.has(job.jobId) || job.name !== 'announce') continue;
      this.logged.add(job.jobId);
      logger.info(
        {
          event: 'announcement_queued',
          client: job.data.clientId,
          to: job.data.to,
          absenceStart: job.data.absenceStart,
          absenceEnd: job.data.absenceEnd,
          jobId: job.jobId,
        },
        'days-off announcement due: queued',
      );
    }
    logger.debug(
      {
        event: 'announcements_checked',
        absences: plan.length,
        due: plan.filter((entry) => entry.due).length,
        queued: jobs.length,
      },
      'days-off announcements checked',
    );
    return jobs.length;
  }

  private async runOnce(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.check();
    } catch (error) {
      this.options.logger.warn(
        {
          event: 'announcement_check_failed',
          code: isOffhoursError(error) ? error.code : 'REDIS_UNAVAILABLE',
          err: error,
        },
        'could not check the days-off announcements; trying again at the next check',
      );
    }
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.checkSoon(), this.options.everyMs ?? defaultEveryMs);
    this.timer.unref();
  }
}
