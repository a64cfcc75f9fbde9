import type { ImapFlow } from 'imapflow';
import type { Logger } from '../observability/create-logger.js';
import type { JobQueues } from '../queue/job-queues.js';
import { planActions, type ActionPlan } from '../queue/plan-actions.js';
import type { HeldEntry, HoldLedger } from '../store/hold-ledger.js';
import type { MailboxCheckpoint } from '../store/mailbox-checkpoint.js';
import type { EscalationLedger } from '../store/escalation-ledger.js';
import type { SentMessageLedger } from '../store/sent-message-ledger.js';
import type { LeaseFence } from '../store/run-fenced.js';
import { decide, type Decision } from '../triage/decide.js';
import type { MessageFacts } from '../triage/message-facts.js';
import { summarizeDecision } from '../triage/summarize-decision.js';
import type { TriageConfig } from '../triage/triage-config.js';
import { deriveMessageKey } from './derive-message-key.js';
import { ensureMailbox } from './ensure-mailbox.js';
import { parseWithinBudget, type BudgetedParse } from './parse-pool.js';
import { resolveMailboxPath } from './resolve-mailbox-path.js';
import { splitIntoBatches } from './split-into-batches.js';
import { listAcknowledgementRefs } from '../triage/list-acknowledgement-refs.js';
import { listThreadIds } from '../triage/list-thread-ids.js';
import { normalizeAddress } from '../triage/normalize-address.js';
import type { OutcomeInput } from '../records/activity-record.js';

/** The keyword offhours sets on every message it has triaged; it survives MOVE. */
export const handledKeyword = '$Offhours';
/** Enough for the headers and the text parts of nearly all mail; attachments are never fetched whole. */
export const fetchBytes = 256 * 1024;
const batchSize = 500;
/** At most this much fetched source in one batch (splitIntoBatches). */
const batchBytes = 16 * 1024 * 1024;

export interface TriageSettings extends TriageConfig {
  readonly imap: { readonly mailbox: string; readonly holdMailbox: string };
}

export interface DecisionEvent {
  readonly uid: number;
  readonly messageKey: string;
  readonly facts: MessageFacts;
  readonly decision: Decision;
  readonly at: Date;
  readonly receivedAt: Date | null;
}

export interface TriageDeps {
  /** The watched mailbox's id: every job names it. */
  readonly mailboxId: string;
  /** Rejects with LEASE_LOST when `fence` no longer holds the mailbox lease. */
  readonly verifyLease: (fence: LeaseFence) => Promise<void>;
  readonly getConfig: () => TriageSettings;
  readonly queues: JobQueues;
  readonly holdLedger: HoldLedger;
  readonly checkpoint: MailboxCheckpoint;
  /** The Message-IDs offhours sent: a reply to one never raises an emergency by quoting it. */
  readonly sentMessages: Pick<SentMessageLedger, 'findSent'>;
  /**
   * The forwarded emergencies on record: a message that refers to one is looked up, and a
   * person's reply to a forward is recorded as its acknowledgement, which stops the steps.
   */
  readonly escalations?: Pick<EscalationLedger, 'findRef' | 'acknowledge'>;
  /** Writes an acknowledgement's record (best effort: never throws). */
  readonly recordOutcome?: (input: OutcomeInput) => Promise<void>;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly onDecision?: (event: DecisionEvent) => void;
  /**
   * Writes the batch's decision records (best effort: never throws). Awaited before the
   * jobs are queued, so a reply that runs at once finds its decision on record.
   */
  readonly recordDecisions?: (events: readonly DecisionEvent[]) => Promise<void>;
  /** Notes who wrote as a client's person, for the days-off announcements (best effort: never throws). */
  readonly noteCorrespondents?: (events: readonly DecisionEvent[]) => Promise<void>;
}

/** A reply to a forwarded emergency, to be recorded as its acknowledgement. */
interface SeenAcknowledgement {
  readonly token: string;
  readonly by: string;
  readonly uid: number;
  readonly messageKey: string;
}

/** Messages parsed and looked up ahead of the one being decided. */
const decideWindow = 16;

interface InFlight {
  readonly uid: number;
  readonly receivedAt: Date | null;
  readonly work: Promise<{
    readonly parsed: BudgetedParse;
    readonly answered: string[];
    readonly escalation: Awaited<ReturnType<EscalationLedger['findRef']>> | null;
  }>;
}

interface Planned extends ActionPlan {
  readonly uid: number;
  readonly messageKey: string;
}

/**
 * Triages everything in the open mailbox that arrived after the checkpoint and lacks the
 * handled keyword, in UID batches: one FETCH, one addBulk, one STORE and one MOVE per
 * batch, never one command per message. Returns how many messages were triaged.
 */
export async function triageNewMail(
  client: ImapFlow,
  fence: LeaseFence,
  deps: TriageDeps,
): Promise<number> {
  const mailbox = client.mailbox;
  if (mailbox === false) throw new Error('triageNewMail needs an open mailbox');
  const uidValidity = String(mailbox.uidValidity);
  const saved = await deps.checkpoint.read();
  if (saved === null) {
    // First start on this mailbox: only mail from now on. Triaging an existing inbox would
    // answer and move months of old mail.
    await deps.checkpoint.advance(
      { uidValidity, lastUid: Math.max(0, mailbox.uidNext - 1) },
      fence,
    );
    deps.logger.info(
      { event: 'checkpoint_created', uidValidity, lastUid: mailbox.uidNext - 1 },
      'first start: watching for new mail',
    );
    return 0;
  }
  const trusted = saved.uidValidity === uidValidity;
  if (!trusted) {
    deps.logger.warn(
      { event: 'uidvalidity_changed', previous: saved.uidValidity, current: uidValidity },
      'mailbox UIDVALIDITY changed: resyncing unread mail not yet handled (replies stay deduplicated by Message-ID)',
    );
  }
  const lastUid = trusted ? saved.lastUid : 0;
  const query = trusted
    ? { uid: `${lastUid + 1}:*`, unKeyword: handledKeyword }
    : { unKeyword: handledKeyword, seen: false };
  const found = await client.search(query, { uid: true });
  const uids = (found === false ? [] : (found ?? []))
    .filter((uid) => uid > lastUid)
    .sort((a, b) => a - b);
  if (uids.length === 0) {
    if (!trusted)
      await deps.checkpoint.advance(
        { uidValidity, lastUid: Math.max(0, mailbox.uidNext - 1) },
        fence,
      );
    return 0;
  }

  const sizes = new Map<number, number>();
  if (uids.length > 1) {
    for await (const message of client.fetch(
      uids.join(','),
      { uid: true, size: true },
      { uid: true },
    ))
      if (message.size !== undefined) sizes.set(message.uid, message.size);
  }
  let triaged = 0;
  for (const batch of splitIntoBatches(uids, sizes, {
    maxCount: batchSize,
    maxBytes: batchBytes,
    fetchBytes,
  })) {
    triaged += await triageBatch(client, batch, fence, deps, uidValidity);
    await deps.checkpoint.advance(
      { uidValidity, lastUid: batch[batch.length - 1] ?? lastUid },
      fence,
    );
  }
  return triaged;
}

async function triageBatch(
  client: ImapFlow,
  uids: readonly number[],
  fence: LeaseFence,
  deps: TriageDeps,
  uidValidity: string,
): Promise<number> {
  const config = deps.getConfig();
  const at = deps.now();
  const planned: Planned[] = [];
  const decided: DecisionEvent[] = [];
  const acknowledgements: SeenAcknowledgement[] = [];
  // Parses (in the pool's worker threads) and the Redis lookups of the messages after this
  // one run while it is decided: a window of messages in flight, decided in UID order.
  const inFlight: InFlight[] = [];
  const decideNext = async (): Promise<void> => {
    const next = inFlight.shift();
    if (next === undefined) return;
    const { uid, receivedAt } = next;
    const { parsed, answered, escalation } = await next.work;
    const { facts, warnings, slow } = parsed;
    if (slow) {
      deps.logger.warn(
        { event: 'message_parse', code: 'MESSAGE_PARSE_SLOW', uid, warnings },
        'message body over the parse budget: decided from its headers',
      );
    } else if (warnings.length > 0) {
      deps.logger.warn(
        { event: 'message_parse', code: 'MESSAGE_PARSE_FAILED', uid, warnings },
        'message decided from what could be read',
      );
    }
    const messageKey = deriveMessageKey(facts);
    let decision: Decision;
    try {
      decision = decide(facts, config, at, {
        answersOffhoursMail: answered.length > 0,
        escalation,
      });
    } catch (error) {
      deps.logger.error(
        { event: 'decision_failed', code: 'INTERNAL', uid, err: error },
        'message left untouched in the inbox',
      );
      return;
    }
    const plan = planActions(decision, facts, config, at, {
      mailboxId: deps.mailboxId,
      mailbox: config.imap.mailbox,
      uidValidity,
      uid,
      messageKey,
    });
    planned.push({ uid, messageKey, ...plan });
    deps.logger.info(
      {
        event: 'decision',
        uid,
        messageKey,
        messageId: facts.messageId,
        from: facts.from?.address ?? null,
        ...summarizeDecision(decision),
      },
      'message triaged',
    );
    if (escalation !== null && decision.reasons.includes('ESCALATION_ACKNOWLEDGED'))
      acknowledgements.push({
        token: escalation.token,
        by: normalizeAddress(facts.from?.address || facts.returnPath || ''),
        uid,
        messageKey,
      });
    for (const job of plan.jobs)
      if (job.name === 'reply-due')
        deps.logger.info(
          {
            event: 'reply_due_planned',
            uid,
            messageKey,
            client: job.data.clientId,
            dueAt: job.data.dueAt,
          },
          'reply-time promise: checked when it runs out',
        );
    const event: DecisionEvent = { uid, messageKey, facts, decision, at, receivedAt };
    decided.push(event);
    deps.onDecision?.(event);
  };
  for await (const message of client.fetch(
    uids.join(','),
    { uid: true, flags: true, internalDate: true, source: { maxLength: fetchBytes } },
    { uid: true },
  )) {
    if (message.flags?.has(handledKeyword) === true) continue;
    const receivedAt = message.internalDate === undefined ? null : new Date(message.internalDate);
    const work = parseWithinBudget(message.source ?? Buffer.alloc(0)).then(async (parsed) => {
      const { facts } = parsed;
      const refs = listAcknowledgementRefs(facts);
      const [answered, escalation] = await Promise.all([
        deps.sentMessages.findSent(listThreadIds(facts).slice(-100)),
        deps.escalations === undefined || (refs.messageIds.length === 0 && refs.tokens.length === 0)
          ? null
          : deps.escalations.findRef(refs),
      ]);
      return { parsed, answered, escalation };
    });
    // Awaited in turn below; a failure must not surface as unhandled before that.
    work.catch(() => undefined);
    inFlight.push({ uid: message.uid, receivedAt, work });
    if (inFlight.length >= decideWindow) await decideNext();
  }
  while (inFlight.length > 0) await decideNext();
  if (planned.length === 0) return 0;

  // Jobs and ledger entries first: a crash after them repeats only deduplicated work,
  // while a message moved without its release job would be stranded in the hold folder.
  // A watcher that lost its lease stops here: the check before the enqueue leaves only a
  // round trip's window (and jobs deduplicate by id), the ledger write is fenced itself.
  await deps.verifyLease(fence);
  await deps.recordDecisions?.(decided);
  // Before the message is marked handled: a failed write leaves it to be triaged again.
  for (const seen of acknowledgements) await acknowledge(seen, at, deps);
  await deps.noteCorrespondents?.(decided);
  await deps.queues.enqueue(planned.flatMap((plan) => plan.jobs));
  const holds = planned.filter((plan) => plan.hold !== null);
  await deps.holdLedger.record(
    new Map(holds.map((plan) => [plan.messageKey, plan.hold as HeldEntry])),
    fence,
  );
  // Everything is marked handled before held mail moves (the keyword travels with it), so
  // a held message the VA drags back by hand is never triaged and held again.
  await client.messageFlagsAdd(planned.map((plan) => plan.uid).join(','), [handledKeyword], {
    uid: true,
  });
  if (holds.length > 0) {
    const holdUids = holds.map((plan) => plan.uid).join(',');
    try {
      const holdPath = resolveMailboxPath(client, config.imap.holdMailbox);
      await ensureMailbox(client, holdPath);
      await client.messageMove(holdUids, holdPath, { uid: true });
    } catch (error) {
      // Unmarked again, the batch is triaged once more after reconnecting (its jobs
      // deduplicate); if even that fails, the mail simply stays in the inbox.
      await client
        .messageFlagsRemove(holdUids, [handledKeyword], { uid: true })
        .catch(() => undefined);
      throw error;
    }
  }
  deps.logger.info(
    {
      event: 'batch_triaged',
      count: planned.length,
      held: holds.length,
      jobs: planned.reduce((sum, plan) => sum + plan.jobs.length, 0),
    },
    'batch triaged',
  );
  return planned.length;
}

/** Records a reply to a forward as the escalation's acknowledgement: the first one counts. */
async function acknowledge(seen: SeenAcknowledgement, at: Date, deps: TriageDeps): Promise<void> {
  const result = await deps.escalations?.acknowledge(seen.token, seen.by, at);
  if (result === undefined || result.kind === 'unknown') return;
  const fields = {
    token: seen.token,
    by: result.by,
    step: result.step,
    messageKey: result.messageKey,
    client: result.clientId,
    uid: seen.uid,
    replyKey: seen.messageKey,
  };
  if (result.kind === 'earlier') {
    deps.logger.debug(
      { event: 'escalation_already_acknowledged', ...fields },
      'another reply to a forwarded emergency that was acknowledged before',
    );
    return;
  }
  deps.logger.info(
    { event: 'escalation_acknowledged', reason: 'ESCALATION_ACKNOWLEDGED', ...fields },
    'the forwarded emergency was acknowledged: no further escalation step',
  );
  await deps.recordOutcome?.({
    at,
    messageKey: result.messageKey,
    client: result.clientId,
    outcome: { type: 'acknowledged', by: result.by, via: 'reply' },
    jobId: `ack-${seen.token}`,
  });
}
