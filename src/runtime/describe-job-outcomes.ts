import { z } from 'zod';
import { isOffhoursError } from '../errors/offhours-error.js';
import { jobCatalog, type JobName } from '../queue/job-catalog.js';
import type { OutcomeInput, RecordOutcome } from '../records/activity-record.js';

/** A job the workers finished (completed, or failed on one attempt), as the records need it. */
export interface FinishedJobEvent {
  readonly name: JobName;
  readonly outcome: 'completed' | 'failed';
  readonly job: {
    readonly id?: string | undefined;
    readonly data: unknown;
    readonly returnvalue: unknown;
    /** Attempts made, this one included (BullMQ counts it before the event). */
    readonly attemptsMade: number;
    readonly opts: { readonly attempts?: number | undefined };
  };
  readonly error?: unknown;
}

const replyReturn = z.union([
  z.object({ sent: z.literal(true), messageId: z.string() }),
  z.object({ sent: z.literal(false), suppressed: z.string() }),
]);
const forwardReturn = z.object({ messageId: z.string() });
const escalateReturn = z.union([
  z.object({ escalated: z.literal(true), to: z.string(), step: z.number() }),
  z.object({ escalated: z.literal(false), stopped: z.string() }),
]);
const announceReturn = z.object({ sent: z.boolean() });
const replyDueReturn = z.union([
  z.object({ answered: z.literal(true), via: z.string() }),
  z.object({
    answered: z.literal(false),
    reminded: z.literal(true),
    to: z.string(),
    messageId: z.string(),
    flaggedIn: z.string().nullable(),
  }),
  z.object({ answered: z.literal(false), reminded: z.literal(false), dropped: z.string() }),
]);
const releaseReturn = z.object({
  releasedKeys: z.array(z.string()).default([]),
  goneKeys: z.array(z.string()).default([]),
});

/**
 * The outcome records of a finished job, from its payload and what its handler returned:
 * `replied` or `reply-suppressed` (with the reason), `forwarded`, `escalated` (to whom, which
 * step, `via: mail`) for an escalation step that went out, one `released` per message
 * a release brought back (`found: false` for one the VA had moved away already), `answered`
 * or `reminded` when a reply-time check ran (nothing when its promise was dropped), and
 * `failed` with the error code only when the job failed for good (not retried, or out of
 * attempts). A failed attempt that will be retried records nothing. Pure.
 */
export function describeJobOutcomes(event: FinishedJobEvent, at: Date): OutcomeInput[] {
  const jobId = event.job.id ?? null;
  if (event.outcome === 'failed') {
    if (!isFailedForGood(event)) return [];
    const target = describeTarget(event);
    return [
      {
        at,
        messageKey: target.messageKey ?? `job-${jobId ?? event.name}`,
        client: target.client,
        outcome: { type: 'failed', job: event.name, code: codeOf(event.error) },
        jobId,
      },
    ];
  }
  switch (event.name) {
    case 'reply': {
      const payload = jobCatalog.reply.safeParse(event.job.data);
      const result = replyReturn.safeParse(event.job.returnvalue);
      if (!payload.success || !result.success) return [];
      const { messageKey, clientId: client, to } = payload.data;
      return [
        {
          at,
          messageKey,
          client,
          jobId,
          outcome: result.data.sent
            ? { type: 'replied', to, sentMessageId: result.data.messageId }
            : { type: 'reply-suppressed', reason: result.data.suppressed },
        },
      ];
    }
    case 'forward': {
      const payload = jobCatalog.forward.safeParse(event.job.data);
      if (!payload.success || !forwardReturn.safeParse(event.job.returnvalue).success) return [];
      const { messageKey, clientId: client, backup } = payload.data;
      return [
        { at, messageKey, client, jobId, outcome: { type: 'forwarded', to: backup.address } },
      ];
    }
    case 'escalate': {
      const payload = jobCatalog.escalate.safeParse(event.job.data);
      const result = escalateReturn.safeParse(event.job.returnvalue);
      // A step stopped by an acknowledgement records nothing: the acknowledgement is on record.
      if (!payload.success || !result.success || !result.data.escalated) return [];
      const { messageKey, clientId: client } = payload.data;
      return [
        {
          at,
          messageKey,
          client,
          jobId,
          outcome: { type: 'escalated', to: result.data.to, step: result.data.step, via: 'mail' },
        },
      ];
    }
    case 'release': {
      const payload = jobCatalog.release.safeParse(event.job.data);
      const result = releaseReturn.safeParse(event.job.returnvalue);
      if (!payload.success || !result.success) return [];
      const client = payload.data.clientId;
      const released = (messageKey: string, found: boolean): OutcomeInput => ({
        at,
        messageKey,
        client,
        jobId,
        outcome: { type: 'released', found },
      });
      return [
        ...result.data.releasedKeys.map((key) => released(key, true)),
        ...result.data.goneKeys.map((key) => released(key, false)),
      ];
    }
    case 'announce': {
      const payload = jobCatalog.announce.safeParse(event.job.data);
      const result = announceReturn.safeParse(event.job.returnvalue);
      if (!payload.success || !result.success || !result.data.sent) return [];
      const { clientId: client, to, absenceStart } = payload.data;
      return [
        {
          at,
          messageKey: announcementKey(client, absenceStart),
          client,
          jobId,
          outcome: { type: 'announced', to, absenceStart },
        },
      ];
    }
    // Not a message: the digest's sending is logged (digest_sent), and a digest that
    // failed for good is recorded above, under its job.
    case 'digest':
      return [];
    case 'reply-due': {
      const payload = jobCatalog['reply-due'].safeParse(event.job.data);
      const result = replyDueReturn.safeParse(event.job.returnvalue);
      if (!payload.success || !result.success) return [];
      const { messageKey, clientId: client } = payload.data;
      const outcome: RecordOutcome | null =
        'via' in result.data
          ? { type: 'answered', via: result.data.via }
          : 'to' in result.data
            ? {
                type: 'reminded',
                to: result.data.to,
                flagged: result.data.flaggedIn !== null,
                sentMessageId: result.data.messageId,
              }
            : null;
      return outcome === null ? [] : [{ at, messageKey, client, jobId, outcome }];
    }
    default: {
      const unknown: never = event.name;
      throw new Error(`unknown job ${String(unknown)}`);
    }
  }
}

/** What joins an absence's announcement records: one key per client and absence. */
export function announcementKey(clientId: string, absenceStart: string): string {
  return `announce-${clientId}-${Date.parse(absenceStart)}`;
}

/** Not retried: a permanent error (BullMQ's UnrecoverableError), or the last attempt. */
function isFailedForGood(event: FinishedJobEvent): boolean {
  const error = event.error;
  if (error instanceof Error && error.name === 'UnrecoverableError') return true;
  if (isOffhoursError(error) && error.permanent) return true;
  return event.job.attemptsMade >= (event.job.opts.attempts ?? 1);
}

function describeTarget(event: FinishedJobEvent): {
  messageKey: string | null;
  client: string | null;
} {
  const data: unknown = event.job.data;
  if (event.name === 'announce') {
    const payload = jobCatalog.announce.safeParse(data);
    if (payload.success)
      return {
        messageKey: announcementKey(payload.data.clientId, payload.data.absenceStart),
        client: payload.data.clientId,
      };
  }
  const fields = z
    .object({ messageKey: z.string().optional(), clientId: z.string().optional() })
    .safeParse(data);
  if (!fields.success) return { messageKey: null, client: null };
  return { messageKey: fields.data.messageKey ?? null, client: fields.data.clientId ?? null };
}

function codeOf(error: unknown): string {
  if (isOffhoursError(error)) return error.code;
  if (error instanceof Error && isOffhoursError(error.cause)) return error.cause.code;
  return 'INTERNAL';
}
