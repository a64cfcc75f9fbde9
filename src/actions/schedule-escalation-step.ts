import type { Logger } from '../observability/create-logger.js';
import type { JobPayload } from '../queue/job-catalog.js';
import { jobIds } from '../queue/job-ids.js';
import type { PlannedJob } from '../queue/job-queues.js';
import { chooseEscalationTarget } from '../schedule/choose-escalation-target.js';
import type { OnCallRules } from '../schedule/client-schedule.js';
import { planNextEscalation, type PlannedEscalation } from '../schedule/plan-next-escalation.js';
import type { EscalationLedger } from '../store/escalation-ledger.js';

/** What the forward and the escalation steps need to take and plan steps. */
export interface EscalationDeps {
  readonly mailboxId: string;
  readonly ledger: Pick<EscalationLedger, 'open' | 'claim' | 'read'>;
  readonly enqueue: (jobs: readonly PlannedJob[]) => Promise<void>;
  /** The live on-call rules (a reload's new `after` applies to the next step planned). */
  readonly onCall: () => OnCallRules;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** The emergency a step job carries: the forward's payload without its backup. */
export type EmergencyPayload = Omit<JobPayload<'escalate'>, 'token' | 'step'>;

/** The emergency's fields of a forward's or a step's payload, for the mailbox that runs it. */
export function toEmergencyPayload(
  payload: Omit<EmergencyPayload, 'mailboxId'>,
  mailboxId: string,
): EmergencyPayload {
  return {
    mailboxId,
    messageKey: payload.messageKey,
    clientId: payload.clientId,
    clientName: payload.clientName,
    mailbox: payload.mailbox,
    uidValidity: payload.uidValidity,
    uid: payload.uid,
    messageId: payload.messageId,
    from: payload.from,
    ...(payload.fromName === undefined ? {} : { fromName: payload.fromName }),
    subject: payload.subject,
  };
}

/**
 * Queues step `step` of an escalation as a delayed job, due `onCall.escalation.after` after
 * the previous step went out (`previousAt`), or at once when that step failed for good
 * (`immediately`). The job id names the mailbox, the token and the step, so planning a
 * step twice (a retry, a restart) queues it once. When nobody would be left at the due
 * instant the escalation is marked over instead, and nothing is queued.
 */
export async function scheduleEscalationStep(
  emergency: EmergencyPayload,
  token: string,
  step: number,
  asked: readonly string[],
  previousAt: Date,
  deps: EscalationDeps,
  options: { readonly immediately?: boolean } = {},
): Promise<'scheduled' | 'over' | 'off'> {
  const onCall = deps.onCall();
  if ((onCall.escalation ?? null) === null) return 'off';
  const now = deps.now();
  const plan =
    options.immediately === true
      ? planAtOnce(onCall, asked, now)
      : planNextEscalation(onCall, asked, previousAt, now);
  const fields = { token, messageKey: emergency.messageKey, client: emergency.clientId };
  if (plan === null) {
    const claim = await deps.ledger.claim(token, step, null, now);
    if (claim.kind === 'over')
      deps.logger.info(
        { event: 'escalation_over', ...fields, lastStep: step - 1 },
        'nobody is left to pass the emergency to: the escalation ends with this step',
      );
    return 'over';
  }
  await deps.enqueue([
    {
      name: 'escalate',
      jobId: jobIds.escalate(deps.mailboxId, token, step),
      data: { ...emergency, mailboxId: deps.mailboxId, token, step },
      delayMs: plan.delayMs,
    },
  ]);
  deps.logger.info(
    {
      event: 'escalation_scheduled',
      ...fields,
      step,
      dueAt: plan.dueAt.toISOString(),
      next: plan.target.kind === 'backup' ? plan.target.backup.address : plan.target.address,
    },
    options.immediately === true
      ? 'the step failed for good: the emergency goes to the next person now'
      : 'the emergency goes to the next person unless someone acknowledges it first',
  );
  return 'scheduled';
}

function planAtOnce(
  onCall: OnCallRules,
  asked: readonly string[],
  now: Date,
): PlannedEscalation | null {
  const target = chooseEscalationTarget(onCall, asked, now);
  return target === null ? null : { dueAt: now, delayMs: 0, target };
}
