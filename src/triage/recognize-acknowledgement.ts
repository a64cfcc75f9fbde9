import type { MessageFacts } from './message-facts.js';
import { normalizeAddress } from './normalize-address.js';
import type { ReasonCode } from './reason-codes.js';

/** The forwarded emergency a message refers to, as the shell found it on record. */
export interface EscalationRef {
  readonly token: string;
  /** Normalised address of the client whose emergency it is. */
  readonly sender: string;
}

export type AcknowledgementVerdict =
  | { readonly acknowledged: true; readonly reason: 'ESCALATION_ACKNOWLEDGED'; readonly by: string }
  | {
      readonly acknowledged: false;
      readonly reason: Extract<
        ReasonCode,
        'ESCALATION_ACK_AUTOMATED' | 'ESCALATION_ACK_FROM_CLIENT'
      >;
    };

/**
 * Whether a message that refers to a forwarded emergency acknowledges it. It does when a
 * person other than the client wrote it: the backup's reply, from any address (a backup may
 * answer from a phone). An automated message never does (the backup's own out-of-office
 * reply to the forward is exactly the case escalation is for, and offhours' own forward
 * landing in the watched mailbox carries the tag too), nor does mail from the client (who
 * may have been sent the thread). Null when the message refers to no emergency.
 */
export function recognizeAcknowledgement(
  facts: MessageFacts,
  escalation: EscalationRef | null,
  automation: readonly ReasonCode[],
): AcknowledgementVerdict | null {
  if (escalation === null) return null;
  if (automation.length > 0) return { acknowledged: false, reason: 'ESCALATION_ACK_AUTOMATED' };
  const by = normalizeAddress(facts.from?.address || facts.returnPath || '');
  if (by !== '' && by === normalizeAddress(escalation.sender))
    return { acknowledged: false, reason: 'ESCALATION_ACK_FROM_CLIENT' };
  return { acknowledged: true, reason: 'ESCALATION_ACKNOWLEDGED', by };
}
