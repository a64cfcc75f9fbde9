import { deriveMessageKeyOfId } from '../mail/derive-message-key.js';
import type { HeldEntry } from '../store/hold-ledger.js';
import type { Decision, PlannedReply } from '../triage/decide.js';
import type { MessageFacts } from '../triage/message-facts.js';
import type { TriageConfig } from '../triage/triage-config.js';
import { jobIds } from './job-ids.js';
import type { PlannedJob } from './job-queues.js';
import { listThreadIds } from '../triage/list-thread-ids.js';
import { planReplyDue } from './plan-reply-due.js';

/** Where the message was found: every job names its mailbox, so workers route it there. */
export interface MessagePlace {
  readonly mailboxId: string;
  /** The watched mailbox's path, as configured. */
  readonly mailbox: string;
  readonly uidValidity: string;
  readonly uid: number;
  readonly messageKey: string;
}

export interface ActionPlan {
  readonly jobs: readonly PlannedJob[];
  /** The hold ledger entry to write before the message moves; null when it stays in the inbox. */
  readonly hold: HeldEntry | null;
}

const nothing: ActionPlan = { jobs: [], hold: null };

/**
 * Turns a decision into the jobs that carry it out and the hold entry to record, with the
 * check of the client's reply-time promise when the message starts one. Pure: the same
 * decision, message and instant always give the same jobs with the same ids.
 */
export function planActions(
  decision: Decision,
  facts: MessageFacts,
  config: Pick<TriageConfig, 'clients' | 'assistant' | 'onCall'>,
  at: Date,
  place: MessagePlace,
): ActionPlan {
  const plan = planDecidedActions(decision, facts, config, at, place);
  const replyDue = planReplyDue(decision, facts, config, at, place);
  return replyDue === null ? plan : { ...plan, jobs: [...plan.jobs, replyDue] };
}

function planDecidedActions(
  decision: Decision,
  facts: MessageFacts,
  config: Pick<TriageConfig, 'clients'>,
  at: Date,
  place: MessagePlace,
): ActionPlan {
  if (decision.kind === 'ignore' || decision.kind === 'leave') return nothing;
  const client = config.clients.find((rules) => rules.id === decision.client.id);
  if (client === undefined) return nothing;

  const replyJob = (reply: PlannedReply): PlannedJob => ({
    name: 'reply',
    jobId: jobIds.reply(place.mailboxId, place.messageKey),
    data: {
      mailboxId: place.mailboxId,
      messageKey: place.messageKey,
      clientId: client.id,
      kind: reply.kind,
      to: reply.to,
      subject: reply.subject,
      body: reply.body,
      inReplyTo: facts.messageId,
      references: [
        ...facts.references,
        ...(facts.messageId === null ? [] : [facts.messageId]),
      ].slice(-100),
      oncePerSeconds: client.autoReply.oncePerSeconds,
    },
  });
  const forwardJobs = (backup: { name: string; address: string }): PlannedJob[] => [
    {
      name: 'forward',
      jobId: jobIds.forward(place.mailboxId, place.messageKey),
      data: {
        mailboxId: place.mailboxId,
        messageKey: place.messageKey,
        clientId: client.id,
        clientName: client.name,
        mailbox: place.mailbox,
        uidValidity: place.uidValidity,
        uid: place.uid,
        messageId: facts.messageId,
        from: facts.from?.address ?? facts.returnPath ?? '',
        ...(facts.from?.name ? { fromName: facts.from.name.slice(0, 200) } : {}),
        subject: facts.subject,
        backup: { name: backup.name, address: backup.address },
      },
    },
    // A follow-up emergency brings back at once the sender's earlier held mail and any
    // held message of its thread.
    {
      name: 'release',
      jobId: jobIds.releaseForEmergency(place.mailboxId, place.messageKey),
      data: {
        mailboxId: place.mailboxId,
        clientId: client.id,
        dueAt: at.toISOString(),
        sender: facts.from?.address ?? '',
        beforeUid: place.uid,
        threadKeys: listThreadIds(facts).slice(-100).map(deriveMessageKeyOfId),
      },
    },
  ];
  const holdPlan = (resumeAt: string | null, jobs: PlannedJob[]): ActionPlan => {
    // Never available again within the horizon: the message stays in the inbox.
    if (resumeAt === null) return { jobs, hold: null };
    const dueAt = new Date(resumeAt);
    return {
      jobs: [
        ...jobs,
        {
          name: 'release',
          jobId: jobIds.releaseDue(place.mailboxId, client.id, dueAt),
          data: { mailboxId: place.mailboxId, clientId: client.id, dueAt: resumeAt },
          delayMs: dueAt.getTime() - at.getTime(),
        },
      ],
      hold: {
        clientId: client.id,
        resumeAt,
        from: facts.from?.address ?? '',
        subject: facts.subject.slice(0, 200),
        heldAt: at.toISOString(),
        uid: place.uid,
      },
    };
  };

  switch (decision.kind) {
    case 'hold':
      return holdPlan(decision.resumeAt, []);
    case 'reply-and-hold':
      return holdPlan(decision.resumeAt, [replyJob(decision.reply)]);
    case 'forward':
      return { jobs: forwardJobs(decision.backup), hold: null };
    case 'forward-and-reply':
      return { jobs: [...forwardJobs(decision.backup), replyJob(decision.reply)], hold: null };
    default: {
      const unknown: never = decision;
      throw new Error(`unknown decision ${JSON.stringify(unknown)}`);
    }
  }
}
