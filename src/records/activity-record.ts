import { z } from 'zod';

/**
 * What became of a message, one step at a time. `held`/`left` are written with the
 * decision; the others when a job finished (or, for escalation steps, when one was taken).
 * Unknown kinds written by a newer version are skipped when read, never fatal.
 */
export const recordOutcomeSchema = z.discriminatedUnion('type', [
  /** Moved to the hold folder until `until` (ISO instant). */
  z.object({ type: z.literal('held'), until: z.string() }),
  /** Stays in the inbox: the VA is available, no client applies, or it was forwarded only. */
  z.object({ type: z.literal('left') }),
  z.object({ type: z.literal('replied'), to: z.string(), sentMessageId: z.string().optional() }),
  /** once-per-period or in-progress (a reply over a cap waits instead), or a later reason. */
  z.object({ type: z.literal('reply-suppressed'), reason: z.string() }),
  z.object({ type: z.literal('forwarded'), to: z.string() }),
  /** Back in the inbox, unread; `found: false` when it was no longer in the hold folder. */
  z.object({ type: z.literal('released'), found: z.boolean().default(true) }),
  /** A job that failed for good (not retried, or out of retries), with its error code. */
  z.object({ type: z.literal('failed'), job: z.string(), code: z.string() }),
  /** An escalation step: the emergency was passed to `to` (a backup, by mail or otherwise). */
  z.object({
    type: z.literal('escalated'),
    to: z.string(),
    step: z.number().int().nonnegative().optional(),
    via: z.string().optional(),
  }),
  /**
   * The reply-time promise ran out with no reply from the VA seen: the message was flagged
   * (`flagged`: false when it was found nowhere) and one reminder went to `to`.
   */
  z.object({
    type: z.literal('reminded'),
    to: z.string(),
    flagged: z.boolean(),
    sentMessageId: z.string().optional(),
  }),
  /** The VA's reply was seen by the time the promise ran out: in Sent, or as \Answered. */
  z.object({ type: z.literal('answered'), via: z.string() }),
  /** A days-off announcement went to `to`, about the absence from `absenceStart` (ISO). */
  z.object({ type: z.literal('announced'), to: z.string(), absenceStart: z.string() }),
  /** Someone took the emergency on (`by`, where known). */
  z.object({
    type: z.literal('acknowledged'),
    by: z.string().optional(),
    via: z.string().optional(),
  }),
]);
export type RecordOutcome = z.infer<typeof recordOutcomeSchema>;
export type RecordOutcomeType = RecordOutcome['type'];

/** What a record says about the message it belongs to (never its body). */
const messageFieldsShape = {
  client: z.string().nullable(),
  /** The message's key (deriveMessageKey): what joins a message's records. */
  messageKey: z.string(),
  messageId: z.string().nullable(),
  from: z.string().nullable(),
  /** Absent when `records.subjects` is false. */
  subject: z.string().optional(),
  /** The decision's kind: ignore, leave, hold, reply-and-hold, forward, forward-and-reply. */
  decision: z.string(),
  reasons: z.array(z.string()),
  automated: z.boolean(),
  emergency: z.boolean(),
};

export const activityRecordSchema = z.object({
  /** ISO instant of the step, by the daemon's clock. */
  at: z.string(),
  ...messageFieldsShape,
  outcome: recordOutcomeSchema,
  /** The job whose outcome this is; null for the decision itself. */
  jobId: z.string().nullable(),
});
export type ActivityRecord = z.infer<typeof activityRecordSchema>;

/** A record as read back, with its stream id (ordered; its first part is `at` in ms). */
export type StoredRecord = ActivityRecord & { readonly id: string };

/** The fields a message's decision recorded, carried by its later steps. */
export const messageFieldsSchema = z.object(messageFieldsShape);
export type MessageFields = z.infer<typeof messageFieldsSchema>;

/** A later step of a message whose decision was recorded: its fields are looked up. */
export interface OutcomeInput {
  readonly at: Date;
  readonly messageKey: string;
  readonly outcome: RecordOutcome;
  readonly jobId: string | null;
  /** Used when the message's decision is not (or no longer) on record. */
  readonly client?: string | null;
}
