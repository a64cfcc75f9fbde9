import { isOffhoursError, OffhoursError } from '../errors/offhours-error.js';
import { deriveOutgoingMessageId } from '../mail/derive-outgoing-message-id.js';
import type { ImapSettings } from '../config/offhours-config.js';
import type { Logger } from '../observability/create-logger.js';
import type { JobPayload } from '../queue/job-catalog.js';
import { chooseEscalationTarget } from '../schedule/choose-escalation-target.js';
import type { OnCallRules } from '../schedule/client-schedule.js';
import { planNextEscalation } from '../schedule/plan-next-escalation.js';
import type { EscalationStep } from '../store/escalation-ledger.js';
import { sanitizeHeaderValue } from '../triage/sanitize-header-value.js';
import type { ImapLoginSource } from '../auth/imap-login.js';
import { composeEmergencyForward } from './compose-emergency-forward.js';
import { deliverOnce, type DeliverOnceDeps } from './deliver-once.js';
import { findMessageSource } from './find-message-source.js';
import {
  scheduleEscalationStep,
  toEmergencyPayload,
  type EscalationDeps,
} from './schedule-escalation-step.js';
import { withImapClient } from './with-imap-client.js';

export interface EscalateDeps {
  readonly delivery: DeliverOnceDeps;
  readonly mailboxId: string;
  readonly logger: Logger;
  readonly imap: ImapSettings;
  readonly readImapLogin?: ImapLoginSource;
  readonly from: { readonly name: string; readonly address: string };
  readonly escalation: EscalationDeps;
}

export type EscalateOutcome =
  | {
      readonly escalated: true;
      readonly step: number;
      readonly to: string;
      readonly kind: EscalationStep['kind'];
      readonly messageId: string;
      /** An earlier attempt of this step had sent it. */
      readonly earlier: boolean;
      /** Whether the next step was queued or nobody is left. */
      readonly next: 'scheduled' | 'over' | 'off';
    }
  | {
      readonly escalated: false;
      readonly step: number;
      /** acknowledged: someone has it; over: nobody left; unknown: not (or no longer) on record. */
      readonly stopped: 'acknowledged' | 'over' | 'unknown' | 'out-of-turn';
      readonly by?: string;
    };

/**
 * Runs one escalation step when it is due: unless the emergency was acknowledged, it takes
 * the step for the next person (chooseEscalationTarget: the next backup in the rotation not
 * yet asked and not in quiet hours, then onCall.escalation.finally), atomically with the
 * acknowledgement check (EscalationLedger.claim), forwards the emergency to them through
 * deliverOnce (this job's own Message-ID, so a retry sends it once) and queues the next
 * step. A retry of a step taken before goes to the same person.
 */
export async function escalateEmergency(
  payload: JobPayload<'escalate'>,
  jobId: string,
  deps: EscalateDeps,
): Promise<EscalateOutcome> {
  const { token, step } = payload;
  const { ledger } = deps.escalation;
  const fields = { token, step, messageKey: payload.messageKey, client: payload.clientId };
  const state = await ledger.read(token);
  if (state === null) {
    deps.logger.warn(
      { event: 'escalation_unknown', ...fields },
      'the escalation is not on record (expired, or Redis lost it): the step is dropped',
    );
    return { escalated: false, step, stopped: 'unknown' };
  }
  if (state.acknowledged !== null)
    return stopAcknowledged(deps.logger, fields, state.acknowledged.by);
  const onCall = deps.escalation.onCall();
  const at = deps.escalation.now();
  const asked = state.steps.slice(0, step).map((taken) => taken.to);
  const target = chooseEscalationTarget(onCall, asked, at);
  const messageId = deriveOutgoingMessageId(deps.mailboxId, jobId, deps.from.address);
  const claim = await ledger.claim(
    token,
    step,
    target === null
      ? null
      : {
          to: (target.kind === 'backup' ? target.backup.address : target.address).toLowerCase(),
          kind: target.kind,
          messageId,
          at: at.toISOString(),
        },
    at,
  );
  switch (claim.kind) {
    case 'unknown':
      return { escalated: false, step, stopped: 'unknown' };
    case 'acknowledged': {
      const acknowledged = (await ledger.read(token))?.acknowledged ?? null;
      return stopAcknowledged(deps.logger, fields, acknowledged?.by);
    }
    case 'over':
      deps.logger.info(
        { event: 'escalation_over', ...fields, lastStep: step - 1 },
        'nobody is left to pass the emergency to: the escalation has ended',
      );
      return { escalated: false, step, stopped: 'over' };
    case 'out-of-turn':
      deps.logger.warn(
        { event: 'escalation_out_of_turn', ...fields, lastStep: claim.last },
        'the step before this one was never taken: this step is dropped',
      );
      return { escalated: false, step, stopped: 'out-of-turn' };
    case 'taken':
      break;
    default: {
      const unknown: never = claim;
      throw new Error(`unknown claim ${JSON.stringify(unknown)}`);
    }
  }
  const taken = claim.step;
  const emergency = toEmergencyPayload(payload, deps.mailboxId);
  const askedNow = [...asked, taken.to];
  let outcome: Awaited<ReturnType<typeof deliverOnce>>;
  try {
    outcome = await forwardStep(payload, taken, asked, onCall, jobId, deps);
  } catch (error) {
    // This person will never see it: the next one gets it now.
    if (isOffhoursError(error) && error.permanent)
      await scheduleEscalationStep(emergency, token, step + 1, askedNow, at, deps.escalation, {
        immediately: true,
      });
    throw error;
  }
  const earlier = outcome.delivered === 'earlier';
  deps.logger.info(
    {
      event: earlier ? 'escalation_already_sent' : 'escalated',
      ...fields,
      to: taken.to,
      kind: taken.kind,
      // Backups passed over for their quiet hours (known when this attempt took the step).
      skipped: (target?.skipped ?? []).map((backup) => backup.address),
      messageId: outcome.messageId,
    },
    earlier
      ? 'this escalation step had been sent by an earlier attempt'
      : taken.kind === 'finally'
        ? 'nobody acknowledged the emergency: passed to onCall.escalation.finally'
        : 'nobody acknowledged the emergency: passed to the next backup',
  );
  const next = await scheduleEscalationStep(
    emergency,
    token,
    step + 1,
    askedNow,
    deps.escalation.now(),
    deps.escalation,
  );
  return {
    escalated: true,
    step,
    to: taken.to,
    kind: taken.kind,
    messageId: outcome.messageId,
    earlier,
    next,
  };
}

async function forwardStep(
  payload: JobPayload<'escalate'>,
  taken: EscalationStep,
  asked: readonly string[],
  onCall: OnCallRules,
  jobId: string,
  deps: EscalateDeps,
): ReturnType<typeof deliverOnce> {
  const allowed =
    taken.kind === 'backup'
      ? onCall.backups.some((backup) => backup.address.toLowerCase() === taken.to)
      : onCall.escalation?.finally?.toLowerCase() === taken.to;
  if (!allowed)
    throw new OffhoursError(
      'FORWARD_NOT_ALLOWED',
      `${taken.to} is no longer a configured backup or onCall.escalation.finally; the step was dropped`,
    );
  // A later step still goes out when the original was moved away: the emergency matters more.
  const source = await withImapClient(
    deps.imap,
    (client) => findMessageSource(client, payload, deps.imap.holdMailbox),
    deps.readImapLogin,
  );
  const nameOf = (address: string): string | null =>
    onCall.backups.find((backup) => backup.address.toLowerCase() === address)?.name ?? null;
  const now = deps.escalation.now();
  const next = planNextEscalation(onCall, [...asked, taken.to], now, now);
  const mail = composeEmergencyForward({
    assistant: deps.from,
    to: { name: nameOf(taken.to), address: taken.to },
    token: payload.token,
    clientId: payload.clientId,
    clientName: payload.clientName,
    sender: { name: payload.fromName ?? null, address: payload.from },
    subject: sanitizeHeaderValue(payload.subject) || '(no subject)',
    originalMessageId: payload.messageId,
    step: payload.step,
    askedBefore: asked.map((address) => ({ name: nameOf(address), address })),
    nextAfterSeconds: next === null ? null : (onCall.escalation?.afterSeconds ?? null),
    source,
  });
  return deliverOnce(
    {
      jobId,
      messageId: taken.messageId,
      envelope: { from: deps.from.address, to: [taken.to] },
      mail,
    },
    deps.delivery,
  );
}

function stopAcknowledged(
  logger: Logger,
  fields: { readonly token: string; readonly step: number; readonly messageKey: string },
  by: string | undefined,
): EscalateOutcome {
  logger.info(
    { event: 'escalation_stopped', reason: 'ESCALATION_ACKNOWLEDGED', ...fields, by },
    'the emergency was acknowledged: no further step',
  );
  return {
    escalated: false,
    step: fields.step,
    stopped: 'acknowledged',
    ...(by === undefined ? {} : { by }),
  };
}
