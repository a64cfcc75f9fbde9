import { addWorkingTime } from '../schedule/add-working-time.js';
import type { ClientRules } from './triage-config.js';

/** What a reply-time check does when it runs, by the rules in force then. */
export type ReplyDueReview =
  /** The promise has run out: look for the VA's reply, and remind her if there is none. */
  | { readonly kind: 'due'; readonly dueAt: Date }
  /** Hours, days off or replyWithin changed since: the promise now runs out at `dueAt`. */
  | { readonly kind: 'later'; readonly dueAt: Date }
  /** Nothing to check any more. */
  | { readonly kind: 'dropped'; readonly reason: 'client-gone' | 'promise-off' | 'never-due' };

/** A check that runs this close before its due instant is on time. */
const toleranceMs = 1_000;

/**
 * Re-reads a reply-time promise when its check runs: the due instant is worked out again
 * from when the message came, with the client's rules as they are now (a day off added
 * meanwhile moves it later, a client removed or a promise turned off drops it). Pure.
 */
export function reviewReplyDue(
  client: Pick<ClientRules, 'schedule' | 'replyWithinSeconds'> | undefined,
  receivedAt: Date,
  now: Date,
): ReplyDueReview {
  if (client === undefined) return { kind: 'dropped', reason: 'client-gone' };
  if (client.replyWithinSeconds === null) return { kind: 'dropped', reason: 'promise-off' };
  const dueAt = addWorkingTime(client.schedule, receivedAt, client.replyWithinSeconds * 1000);
  if (dueAt === null) return { kind: 'dropped', reason: 'never-due' };
  if (dueAt.getTime() > now.getTime() + toleranceMs) return { kind: 'later', dueAt };
  return { kind: 'due', dueAt };
}
