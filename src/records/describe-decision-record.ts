import type { Decision } from '../triage/decide.js';
import type { MessageFacts } from '../triage/message-facts.js';
import type { ActivityRecord } from './activity-record.js';

export interface DecidedMessage {
  readonly messageKey: string;
  readonly facts: Pick<MessageFacts, 'messageId' | 'from' | 'returnPath' | 'subject'>;
  readonly decision: Decision;
  /** The instant of the decision (the daemon's clock). */
  readonly at: Date;
}

/**
 * The record of one decision, as the triage shell writes it right after decide(): `held`
 * until the resume instant when the message goes to the hold folder, else `left` (the VA is
 * available, no client applies, a forward only, or the client is never back within the
 * horizon, so the message stays in the inbox). Pure.
 */
export function describeDecisionRecord(message: DecidedMessage): ActivityRecord {
  const { decision, facts } = message;
  const heldUntil =
    (decision.kind === 'hold' || decision.kind === 'reply-and-hold') && decision.resumeAt !== null
      ? decision.resumeAt
      : null;
  return {
    at: message.at.toISOString(),
    client: decision.client?.id ?? null,
    messageKey: message.messageKey,
    messageId: facts.messageId,
    from: facts.from?.address || facts.returnPath || null,
    subject: facts.subject,
    decision: decision.kind,
    reasons: [...decision.reasons],
    automated: decision.automated,
    emergency: decision.kind === 'ignore' ? false : decision.emergency,
    outcome: heldUntil === null ? { type: 'left' } : { type: 'held', until: heldUntil },
    jobId: null,
  };
}
