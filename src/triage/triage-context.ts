/**
 * What the shell found out about a message beyond its own text, handed to decide() as plain
 * data: the core never asks a store itself.
 */
export interface TriageContext {
  /** In-Reply-To or References names a Message-ID offhours sent (SentMessageLedger). */
  readonly answersOffhoursMail: boolean;
}

export const noTriageContext: TriageContext = { answersOffhoursMail: false };
