import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import { isOffhoursError } from '../errors/offhours-error.js';
import type { DecisionEvent } from '../mail/triage-new-mail.js';
import type { WatcherState } from '../mail/watch-mailbox.js';
import { jobCatalog, type JobName } from '../queue/job-catalog.js';
import { listActions } from '../triage/list-actions.js';

export interface JobFinishedEvent {
  readonly name: JobName;
  readonly outcome: 'completed' | 'failed';
  /** The finished BullMQ job; only what the metrics read. */
  readonly job: FinishedJob;
  readonly error?: unknown;
}

export interface FinishedJob {
  readonly data: unknown;
  /** What the handler returned: ReplyOutcome for replies, ReleaseOutcome for releases. */
  readonly returnvalue: unknown;
  readonly finishedOn?: number | undefined;
}

export interface OffhoursMetricsOptions {
  /** How many messages sit in the hold folder now; read at each scrape. */
  readonly countHeld?: () => Promise<number>;
  /** Real time in ms, never the daemon's (possibly shifted) decision clock: latencies compare with IMAP dates. */
  readonly nowMs?: () => number;
}

const watcherStates: readonly WatcherState[] = [
  'starting',
  'standby',
  'connecting',
  'watching',
  'disconnected',
  'stopped',
];
/** Seconds; replies go out within seconds, decisions after a reconnect can lag by minutes. */
const latencyBuckets = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 1800, 3600];
/** Bounds the messages remembered between their decision and their reply. */
const maxPendingReplies = 10_000;

const replyOutcomeSchema = z.union([
  z.object({ sent: z.literal(true) }),
  z.object({ sent: z.literal(false), suppressed: z.string() }),
]);
const replyDueOutcomeSchema = z.object({
  answered: z.boolean(),
  reminded: z.boolean().optional(),
});
const releaseOutcomeSchema = z.object({ released: z.number(), gone: z.number() });
const escalateOutcomeSchema = z.union([
  z.object({ escalated: z.literal(true) }),
  z.object({ escalated: z.literal(false), stopped: z.string() }),
]);
const announceSentSchema = z.object({ sent: z.literal(true) });

/**
 * Prometheus metrics of one offhours process, in their own registry (a library sharing the
 * process cannot pollute or reset them). Fed from the daemon's hooks: decisions, finished
 * jobs and watcher states; read by GET /metrics.
 */
export class OffhoursMetrics {
  readonly registry = new Registry();
  private readonly nowMs: () => number;
  private readonly triaged: Counter<'client' | 'action'>;
  private readonly repliesSent: Counter<'client' | 'kind'>;
  private readonly repliesSuppressed: Counter<'client' | 'reason'>;
  private readonly forwards: Counter<'client'>;
  private readonly escalations: Counter<'client' | 'outcome'>;
  private readonly released: Counter<'client'>;
  private readonly gone: Counter<'client'>;
  private readonly replyPromises: Counter<'client' | 'outcome'>;
  private readonly announcements: Counter<'client'>;
  private readonly jobFailures: Counter<'job' | 'code'>;
  private readonly reconnects: Counter;
  private readonly watcherState: Gauge<'state'>;
  private readonly decisionLatency: Histogram;
  private readonly replyLatency: Histogram;
  private readonly receivedAtOfReply = new Map<string, number>();
  private countedReconnects = 0;

  constructor(options: OffhoursMetricsOptions = {}) {
    this.nowMs = options.nowMs ?? Date.now;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.triaged = new Counter({
      name: 'offhours_messages_triaged_total',
      help: 'Messages triaged, by client (unmatched: no client) and action (none, reply, forward, hold); a message with two actions counts under both.',
      labelNames: ['client', 'action'],
      registers,
    });
    this.repliesSent = new Counter({
      name: 'offhours_replies_sent_total',
      help: 'Automatic replies accepted by the SMTP server, by client and kind.',
      labelNames: ['client', 'kind'],
      registers,
    });
    this.repliesSuppressed = new Counter({
      name: 'offhours_replies_suppressed_total',
      help: 'Replies not sent, by client and reason (once-per-period, in-progress, circuit-breaker).',
      labelNames: ['client', 'reason'],
      registers,
    });
    this.forwards = new Counter({
      name: 'offhours_forwards_sent_total',
      help: 'Emergencies forwarded to the backup on call, by client.',
      labelNames: ['client'],
      registers,
    });
    this.escalations = new Counter({
      name: 'offhours_escalation_steps_total',
      help: 'Escalation steps of forwarded emergencies, by client and outcome: escalated (passed to the next person), acknowledged (stopped: someone had it), over (nobody left) or unknown.',
      labelNames: ['client', 'outcome'],
      registers,
    });
    this.released = new Counter({
      name: 'offhours_messages_released_total',
      help: 'Held messages moved back to the inbox, by client.',
      labelNames: ['client'],
      registers,
    });
    this.gone = new Counter({
      name: 'offhours_held_messages_gone_total',
      help: 'Held messages due for release that were no longer in the hold folder (moved or deleted by hand).',
      labelNames: ['client'],
      registers,
    });
    this.announcements = new Counter({
      name: 'offhours_announcements_sent_total',
      help: 'Days-off announcements accepted by the SMTP server, by client.',
      labelNames: ['client'],
      registers,
    });
    this.replyPromises = new Counter({
      name: 'offhours_reply_promises_total',
      help: 'Reply-time promises that ran out, by client and outcome (answered: the VA had replied; reminded: flagged and one reminder sent).',
      labelNames: ['client', 'outcome'],
      registers,
    });
    this.jobFailures = new Counter({
      name: 'offhours_job_failures_total',
      help: 'Failed job attempts (retried ones included), by job name and error code.',
      labelNames: ['job', 'code'],
      registers,
    });
    this.reconnects = new Counter({
      name: 'offhours_imap_reconnects_total',
      help: 'IMAP connections opened again after the first one.',
      registers,
    });
    this.watcherState = new Gauge({
      name: 'offhours_watcher_state',
      help: 'The mailbox watcher state: 1 for the current one, 0 for the others.',
      labelNames: ['state'],
      registers,
    });
    this.decisionLatency = new Histogram({
      name: 'offhours_decision_latency_seconds',
      help: 'From the message’s IMAP internal date to its triage decision.',
      buckets: latencyBuckets,
      registers,
    });
    this.replyLatency = new Histogram({
      name: 'offhours_reply_latency_seconds',
      help: 'From the message’s IMAP internal date to its automatic reply being accepted by SMTP (replies decided in this process).',
      buckets: latencyBuckets,
      registers,
    });
    const countHeld = options.countHeld;
    if (countHeld !== undefined) {
      new Gauge({
        name: 'offhours_held_messages',
        help: 'Messages in the hold folder waiting for their client’s next check-in.',
        registers,
        async collect() {
          // Redis down: keep the last value; the scrape still answers and /healthz reports Redis.
          const count = await countHeld().catch(() => null);
          if (count !== null) this.set(count);
        },
      });
    }
    this.recordWatcherState('starting');
  }

  recordDecision(event: DecisionEvent): void {
    const client = event.decision.client?.id ?? 'unmatched';
    const planned = listActions(event.decision);
    const actions = planned.length === 0 ? ['none'] : planned;
    for (const action of actions) this.triaged.inc({ client, action });
    if (event.receivedAt === null) return;
    const receivedAtMs = event.receivedAt.getTime();
    this.decisionLatency.observe(secondsBetween(receivedAtMs, this.nowMs()));
    if (planned.includes('reply')) {
      if (this.receivedAtOfReply.size >= maxPendingReplies) {
        const oldest = this.receivedAtOfReply.keys().next();
        if (oldest.done !== true) this.receivedAtOfReply.delete(oldest.value);
      }
      this.receivedAtOfReply.set(event.messageKey, receivedAtMs);
    }
  }

  recordJobFinished(event: JobFinishedEvent): void {
    if (event.outcome === 'failed') {
      this.jobFailures.inc({ job: event.name, code: codeOf(event.error) });
      return;
    }
    switch (event.name) {
      case 'reply':
        this.recordReply(event.job);
        break;
      case 'forward': {
        const payload = jobCatalog.forward.safeParse(event.job.data);
        this.forwards.inc({ client: payload.success ? payload.data.clientId : 'unknown' });
        break;
      }
      case 'escalate': {
        const payload = jobCatalog.escalate.safeParse(event.job.data);
        const outcome = escalateOutcomeSchema.safeParse(event.job.returnvalue);
        if (!outcome.success) break;
        this.escalations.inc({
          client: payload.success ? payload.data.clientId : 'unknown',
          outcome: outcome.data.escalated ? 'escalated' : outcome.data.stopped,
        });
        break;
      }
      case 'release': {
        const payload = jobCatalog.release.safeParse(event.job.data);
        const outcome = releaseOutcomeSchema.safeParse(event.job.returnvalue);
        if (!outcome.success) break;
        const client = payload.success ? payload.data.clientId : 'unknown';
        this.released.inc({ client }, outcome.data.released);
        this.gone.inc({ client }, outcome.data.gone);
        break;
      }
      case 'announce': {
        const payload = jobCatalog.announce.safeParse(event.job.data);
        if (announceSentSchema.safeParse(event.job.returnvalue).success)
          this.announcements.inc({ client: payload.success ? payload.data.clientId : 'unknown' });
        break;
      }
      case 'digest':
        break;
      case 'reply-due': {
        const payload = jobCatalog['reply-due'].safeParse(event.job.data);
        const outcome = replyDueOutcomeSchema.safeParse(event.job.returnvalue);
        if (!outcome.success) break;
        const client = payload.success ? payload.data.clientId : 'unknown';
        if (outcome.data.answered) this.replyPromises.inc({ client, outcome: 'answered' });
        else if (outcome.data.reminded === true)
          this.replyPromises.inc({ client, outcome: 'reminded' });
        break;
      }
      default: {
        const unknown: never = event.name;
        throw new Error(`unknown job ${String(unknown)}`);
      }
    }
  }

  /** `total` is the watcher's own running count; only its growth is added. */
  recordReconnects(total: number): void {
    if (total > this.countedReconnects) this.reconnects.inc(total - this.countedReconnects);
    this.countedReconnects = Math.max(this.countedReconnects, total);
  }

  recordWatcherState(current: WatcherState): void {
    for (const state of watcherStates) this.watcherState.set({ state }, state === current ? 1 : 0);
  }

  /** The Prometheus text exposition of every metric, with its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private recordReply(job: FinishedJob): void {
    const payload = jobCatalog.reply.safeParse(job.data);
    const outcome = replyOutcomeSchema.safeParse(job.returnvalue);
    if (!payload.success || !outcome.success) return;
    const { clientId: client, kind, messageKey } = payload.data;
    if (outcome.data.sent) {
      this.repliesSent.inc({ client, kind });
      const receivedAtMs = this.receivedAtOfReply.get(messageKey);
      if (receivedAtMs !== undefined)
        this.replyLatency.observe(secondsBetween(receivedAtMs, job.finishedOn ?? this.nowMs()));
    } else {
      this.repliesSuppressed.inc({ client, reason: outcome.data.suppressed });
    }
    this.receivedAtOfReply.delete(messageKey);
  }
}

/** A mail server's clock running ahead of ours would give negative latencies: count them as 0. */
function secondsBetween(fromMs: number, toMs: number): number {
  return Math.max(0, (toMs - fromMs) / 1000);
}

/**
 * The offhours code of a job failure. The worker rethrows permanent failures as BullMQ's
 * UnrecoverableError, which carries no code unless it keeps the original as its cause.
 */
function codeOf(error: unknown): string {
  if (isOffhoursError(error)) return error.code;
  if (error instanceof Error && isOffhoursError(error.cause)) return error.cause.code;
  if (error instanceof Error && error.name === 'UnrecoverableError') return 'PERMANENT';
  return 'INTERNAL';
}
