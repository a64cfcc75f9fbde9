import { listThreadIds } from './list-thread-ids.js';
import type { MessageFacts } from './message-facts.js';

/**
 * What deriveOutgoingMessageId gives every message offhours sends: `offhours.` and 32 hex
 * digits before the @. Nobody's mail program writes that.
 */
const offhoursMessageId = /^offhours\.[0-9a-f]{32}@/;

/**
 * Whether a message from the Sent folder is the VA's own reply to the client message
 * `messageId` (without angle brackets): it names it in In-Reply-To or References, and it is
 * not something offhours sent (an auto-reply or an emergency acknowledgement answers the
 * same message, and with `smtp.sentCopy` its copy is filed in Sent too) nor any other
 * automatic message (Auto-Submitted other than "no"). Pure: `sent` holds its headers.
 */
export function isAssistantReply(sent: MessageFacts, messageId: string): boolean {
  if (!listThreadIds(sent).includes(messageId)) return false;
  if ((sent.headers['x-offhours']?.length ?? 0) > 0) return false;
  if (sent.messageId !== null && offhoursMessageId.test(sent.messageId)) return false;
  const autoSubmitted = sent.headers['auto-submitted'] ?? [];
  return autoSubmitted.every((value) => value.split(';')[0]?.trim().toLowerCase() === 'no');
}
