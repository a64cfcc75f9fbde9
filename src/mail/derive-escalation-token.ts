import { createHash } from 'node:crypto';

/**
 * The token that names one emergency's escalation (escalationTags: the subject's
 * `[Emergency #TOKEN]`): ten hex digits from the mailbox and the emergency's message key,
 * so every step's forward, every retry and every process finds the same one.
 */
export function deriveEscalationToken(mailboxId: string, messageKey: string): string {
  return createHash('sha256')
    .update(`escalation\n${mailboxId}\n${messageKey}`)
    .digest('hex')
    .slice(0, 10);
}
