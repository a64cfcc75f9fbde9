import { createHash } from 'node:crypto';

/**
 * Job ids are derived from what a job is about, so a retry, a crash or a restart that
 * plans the same work again adds the same id, and BullMQ keeps one job. Each id names its
 * mailbox (a short hash of the mailbox id: ids must not contain ':'), so two mailboxes of
 * one deployment never share a release.
 */
export const jobIds = {
  reply: (mailboxId: string, messageKey: string) => `reply-${keyOf(mailboxId)}-${messageKey}`,
  forward: (mailboxId: string, messageKey: string) => `forward-${keyOf(mailboxId)}-${messageKey}`,
  /** One step of an emergency's escalation (token: deriveEscalationToken): each step once. */
  escalate: (mailboxId: string, token: string, step: number) =>
    `escalate-${keyOf(mailboxId)}-${token}-${step}`,
  /** The emergency's own release: the sender's earlier held mail and its thread, at once. */
  releaseForEmergency: (mailboxId: string, messageKey: string) =>
    `release-sender-${keyOf(mailboxId)}-${messageKey}`,
  /** One release per client and check-in: every message held until then shares it. */
  releaseDue: (mailboxId: string, clientId: string, dueAt: Date) =>
    `release-${keyOf(mailboxId)}-${clientId}-${dueAt.getTime()}`,
  /** The sweep at every start, for held mail whose release was missed. */
  releaseAtStart: (mailboxId: string, clientId: string, at: Date) =>
    `release-start-${keyOf(mailboxId)}-${clientId}-${at.getTime()}`,
  /** One per mailbox, client, absence (its start) and recipient: a restart queues the same one. */
  announce: (mailboxId: string, clientId: string, absenceStart: Date, to: string) =>
    `announce-${keyOf(mailboxId)}-${clientId}-${absenceStart.getTime()}-${keyOf(to.toLowerCase())}`,
  /** One digest per mailbox and period, named by the instant the period ends. */
  digest: (mailboxId: string, dueAt: Date) => `digest-${keyOf(mailboxId)}-${dueAt.getTime()}`,
  /** One check of the reply-time promise per message. */
  replyDue: (mailboxId: string, messageKey: string) =>
    `reply-due-${keyOf(mailboxId)}-${messageKey}`,
} as const;

function keyOf(mailboxId: string): string {
  return createHash('sha256').update(mailboxId).digest('hex').slice(0, 12);
}
