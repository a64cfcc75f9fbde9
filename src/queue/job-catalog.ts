import { z } from 'zod';

/**
 * Every job offhours queues, by name, with the zod schema of its payload. Producers and
 * workers are typed from this table and payloads are validated again when dequeued, so a
 * job written by an older version (or by hand) cannot reach an action half-formed.
 */
const address = z.string().min(3).max(320);
/**
 * The mailbox a job belongs to; workers route it to that mailbox's runtime. Absent only in
 * jobs queued before mailboxes had their own runtime: those belong to the deployment's
 * one mailbox.
 */
const mailboxId = z.string().min(1).optional();

/** The emergency a forward or an escalation step carries: where the original is, and whose. */
const emergencyFields = {
  mailboxId,
  messageKey: z.string().min(1),
  clientId: z.string().min(1),
  clientName: z.string(),
  mailbox: z.string().min(1),
  uidValidity: z.string().min(1),
  uid: z.number().int().positive(),
  messageId: z.string().nullable(),
  from: z.string(),
  /** The sender's display name, for the forward's text; absent in jobs of older versions. */
  fromName: z.string().max(200).optional(),
  subject: z.string(),
};

export const jobCatalog = {
  /** Send an automatic reply once per sender, client and kind within the period. */
  reply: z.object({
    mailboxId,
    messageKey: z.string().min(1),
    clientId: z.string().min(1),
    kind: z.enum(['out-of-hours', 'emergency']),
    to: address,
    subject: z.string().max(1000),
    body: z.string().max(100_000),
    inReplyTo: z.string().nullable(),
    references: z.array(z.string()).max(200),
    oncePerSeconds: z.number().int().min(3600),
  }),
  /** Send the original message to the backup on call, as a message/rfc822 attachment. */
  forward: z.object({ ...emergencyFields, backup: z.object({ name: z.string(), address }) }),
  /**
   * One escalation step of a forwarded emergency nobody acknowledged: to the next backup in
   * the rotation, then onCall.escalation.finally. Step 0 is the forward itself.
   */
  escalate: z.object({
    ...emergencyFields,
    token: z.string().regex(/^[0-9a-f]{10}$/),
    step: z.number().int().min(1).max(100),
  }),
  /** Move every held message that is due back to the watched mailbox, unread. */
  release: z.object({
    mailboxId,
    clientId: z.string().min(1),
    dueAt: z.string().datetime({ offset: true }),
    /** Set when an emergency from this sender brings their held mail back early. */
    sender: z.string().optional(),
    /** With `sender`: only mail that arrived before the emergency (lower UID) comes back. */
    beforeUid: z.number().int().positive().optional(),
    /** Message keys of the emergency's thread (References): those held messages come back too. */
    threadKeys: z.array(z.string()).max(100).optional(),
  }),
  /** Tell one of a client's correspondents of a coming absence, once per absence and recipient. */
  announce: z.object({
    mailboxId,
    clientId: z.string().min(1),
    absenceStart: z.string().datetime({ offset: true }),
    absenceEnd: z.string().datetime({ offset: true }),
    to: address,
    subject: z.string().max(1000),
    body: z.string().max(100_000),
  }),
  /**
   * Send the VA the hand-back digest of the period that ends at `dueAt` (one of her
   * working days' digest instants, planDigest); it starts where the last one ended.
   */
  digest: z.object({
    mailboxId,
    dueAt: z.string().datetime({ offset: true }),
  }),
  /**
   * At the reply-time promise's due instant: has the VA replied to the client's message? If
   * not, flag it and send the VA one reminder.
   */
  'reply-due': z.object({
    mailboxId,
    messageKey: z.string().min(1),
    clientId: z.string().min(1),
    clientName: z.string(),
    /** The client's message, without angle brackets: what the VA's reply refers to. */
    messageId: z.string().min(1),
    from: z.string(),
    subject: z.string().max(1000),
    /** Where it was triaged; it may have moved since (held, released, moved by the VA). */
    mailbox: z.string().min(1),
    /** When offhours saw it (ISO): the clock counts working time from here. */
    receivedAt: z.string().datetime({ offset: true }),
    withinSeconds: z.number().int().positive(),
    /** The promise's due instant (ISO), when this check runs. */
    dueAt: z.string().datetime({ offset: true }),
  }),
} as const;

export type JobName = keyof typeof jobCatalog;
export type JobPayload<N extends JobName> = z.infer<(typeof jobCatalog)[N]>;

export const jobNames = Object.keys(jobCatalog) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobCatalog, name);
}
