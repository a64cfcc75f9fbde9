import type { EscalationRef } from './recognize-acknowledgement.js';

/**
 * What the shell found out about a message beyond its own text, handed to decide() as plain
 * data: the core never asks a store itself.
 */
export interface TriageContext {
  /** In-Reply-To or References names a Message-ID offhours sent (SentMessageLedger). */
  readonly answersOffhoursMail: boolean;
  /**
   * The forwarded emergency the message refers to (a forward's Message-ID in References or
   * In-Reply-To, or its token in the subject or a +address), when offhours has it on record.
   */
  readonly escalation?: EscalationRef | null;
}

export const noTriageContext: TriageContext = { answersOffhoursMail: false };
