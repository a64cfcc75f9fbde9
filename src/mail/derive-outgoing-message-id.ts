import { createHash } from 'node:crypto';

/**
 * The Message-ID (without angle brackets) of a message offhours sends for one job: derived
 * from the mailbox and the job id, so every attempt of the job, in any process, sends the
 * same id, and a retry can look for it in the Sent folder before sending again.
 */
export function deriveOutgoingMessageId(mailboxId: string, jobId: string, from: string): string {
  const digest = createHash('sha256').update(`${mailboxId}\n${jobId}`).digest('hex').slice(0, 32);
  const at = from.lastIndexOf('@');
  const domain =
    at >= 0 && at < from.length - 1 ? from.slice(at + 1).toLowerCase() : 'offhours.invalid';
  return `offhours.${digest}@${domain}`;
}
