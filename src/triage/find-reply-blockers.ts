import type { MailAddress, MessageFacts } from './message-facts.js';
import type { ReasonCode } from './reason-codes.js';
import { isMailbox } from './is-mailbox.js';
import { matchesAddressList } from './matches-address-list.js';
import { normalizeAddress as normalizeToOneForm } from './normalize-address.js';

export interface ReplyBlockerContext {
  /** The VA's addresses and aliases. */
  readonly assistantAddresses: readonly string[];
  readonly backupAddresses: readonly string[];
  /** RFC 5230: reply only when one of the VA's addresses is a recipient. */
  readonly checkRecipient: boolean;
  /** autoReply.neverReplyTo: addresses and domains never answered. */
  readonly neverReplyTo: readonly string[];
}

/**
 * Reasons other than automation never to reply (auto-reply-rules.md, rules 9 and 10, and
 * autoReply.neverReplyTo), in a
 * fixed order; empty when none holds. Addresses compare case-insensitively and without a
 * `+tag`, because dana+acme@studio.example lands in dana@studio.example's mailbox.
 */
export function findReplyBlockers(facts: MessageFacts, context: ReplyBlockerContext): ReasonCode[] {
  const assistant = new Set(context.assistantAddresses.map(normalizeAddress));
  const backups = new Set(context.backupAddresses.map(normalizeAddress));
  const senders = [facts.from?.address ?? '', facts.returnPath ?? '']
    .filter((address) => address !== '')
    .map(normalizeAddress);

  const reasons: ReasonCode[] = [];
  if (senders.some((sender) => matchesAddressList(sender, context.neverReplyTo))) {
    reasons.push('SENDER_NEVER_REPLY');
  }
  if (senders.some((sender) => assistant.has(sender))) {
    reasons.push('SENDER_IS_ASSISTANT');
  }
  if (senders.some((sender) => backups.has(sender))) {
    reasons.push('SENDER_IS_BACKUP');
  }
  if (context.checkRecipient && !isAddressedTo(facts, assistant)) {
    reasons.push('NOT_ADDRESSED_TO_ASSISTANT');
  }
  if (!isMailbox(facts.returnPath ?? '') && !isMailbox(facts.from?.address ?? '')) {
    reasons.push('NO_REPLY_ADDRESS');
  }
  return reasons;
}

function isAddressedTo(facts: MessageFacts, addresses: ReadonlySet<string>): boolean {
  const recipientLists: readonly (readonly MailAddress[])[] = [
    facts.to,
    facts.cc,
    facts.bcc,
    facts.resentTo,
    facts.resentCc,
    facts.resentBcc,
  ];
  return recipientLists.some((list) =>
    list.some((recipient) => addresses.has(normalizeAddress(recipient.address))),
  );
}

/** In normalizeAddress's form, and without a `+tag` in the local part. */
function normalizeAddress(address: string): string {
  const lower = normalizeToOneForm(address);
  const at = lower.lastIndexOf('@');
  const plus = lower.indexOf('+');
  if (at === -1 || plus === -1 || plus > at) {
    return lower;
  }
  return lower.slice(0, plus) + lower.slice(at);
}
