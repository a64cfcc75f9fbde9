import { addWorkingTime } from '../schedule/add-working-time.js';
import type { Decision } from '../triage/decide.js';
import { findReplyPromise } from '../triage/find-reply-promise.js';
import type { MessageFacts } from '../triage/message-facts.js';
import type { TriageConfig } from '../triage/triage-config.js';
import { jobIds } from './job-ids.js';
import type { PlannedJob } from './job-queues.js';
import type { MessagePlace } from './plan-actions.js';

export type ReplyDueJob = Extract<PlannedJob, { name: 'reply-due' }>;

/**
 * The check of the client's reply-time promise for one message, delayed until the promise
 * runs out: `replyWithin` of the VA's working time for that client, counted from `at` (out
 * of hours, from the next working interval). null when the message starts no clock
 * (findReplyPromise) or the promise never runs out within the schedule's horizon. Pure:
 * one message always gives the same job id, so a re-triage or a restart plans it once.
 */
export function planReplyDue(
  decision: Decision,
  facts: MessageFacts,
  config: Pick<TriageConfig, 'clients' | 'assistant' | 'onCall'>,
  at: Date,
  place: MessagePlace,
): ReplyDueJob | null {
  const promise = findReplyPromise(decision, facts, config);
  if (!promise.promised || facts.messageId === null) return null;
  const dueAt = addWorkingTime(promise.client.schedule, at, promise.withinSeconds * 1000);
  if (dueAt === null) return null;
  return {
    name: 'reply-due',
    jobId: jobIds.replyDue(place.mailboxId, place.messageKey),
    data: {
      mailboxId: place.mailboxId,
      messageKey: place.messageKey,
      clientId: promise.client.id,
      clientName: promise.client.name,
      messageId: facts.messageId,
      from: facts.from?.address ?? '',
      subject: facts.subject.slice(0, 1000),
      mailbox: place.mailbox,
      receivedAt: at.toISOString(),
      withinSeconds: promise.withinSeconds,
      dueAt: dueAt.toISOString(),
    },
    delayMs: dueAt.getTime() - at.getTime(),
  };
}
