import { createHash } from 'node:crypto';
import type { MessageFacts } from '../triage/message-facts.js';

/**
 * A stable key for one message, the same wherever the message sits and whatever its UID:
 * from its Message-ID, or, when it has none, from the headers that identify it. Job ids and
 * the hold ledger are built from it, so a retry, a restart or a UIDVALIDITY change cannot
 * act twice on one message. Hex only: BullMQ job ids must not contain ':'.
 */
export function deriveMessageKey(facts: MessageFacts): string {
  if (facts.messageId !== null && facts.messageId !== '')
    return deriveMessageKeyOfId(facts.messageId);
  return hashIdentity(
    [
      'hdr',
      facts.from?.address ?? '',
      facts.headers['date']?.[0] ?? '',
      facts.subject,
      facts.to.map((recipient) => recipient.address).join(','),
    ].join('\n'),
  );
}

/** The key of a message known only by its Message-ID (one named in References). */
export function deriveMessageKeyOfId(messageId: string): string {
  return hashIdentity(`id:${messageId}`);
}

function hashIdentity(identity: string): string {
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}
