import { isDomainAligned } from './is-domain-aligned.js';
import { isMailbox } from './is-mailbox.js';
import { isVerpReturnPath } from './is-verp-return-path.js';
import type { MessageFacts } from './message-facts.js';
import { normalizeAddress } from './normalize-address.js';
import { classifySender } from './robot-senders.js';

export interface ReplyRecipient {
  /** The one address the reply goes to; '' when there is none (NO_REPLY_ADDRESS). */
  readonly to: string;
  /** A usable Return-Path was passed over for From (REPLY_TO_FROM). */
  readonly passedOverReturnPath: boolean;
}

/**
 * Where an automatic reply goes. RFC 3834 prefers the envelope sender (Return-Path), but a
 * reply names the client and the backup, so it never leaves the From domain: the Return-Path
 * is used only when it shares the From address's organizational domain and is not a robot
 * (a bounce or VERP address); otherwise From. A forged From with a stranger's Return-Path
 * is answered at the From address, whose owner learns nothing they did not write. Without a
 * usable From, the Return-Path is the sender the client was matched by.
 */
export function chooseReplyRecipient(facts: MessageFacts): ReplyRecipient {
  const from = readMailbox(facts.from?.address ?? '');
  const returnPath = readMailbox(facts.returnPath ?? '');
  if (returnPath !== '' && from === '') return { to: returnPath, passedOverReturnPath: false };
  if (
    returnPath !== '' &&
    classifySender(returnPath) === null &&
    !isVerpReturnPath(facts) &&
    isDomainAligned(readDomain(returnPath), readDomain(from))
  ) {
    return { to: returnPath, passedOverReturnPath: false };
  }
  return { to: from, passedOverReturnPath: returnPath !== '' && returnPath !== from };
}

function readMailbox(address: string): string {
  const normal = normalizeAddress(address);
  return isMailbox(normal) ? normal : '';
}

function readDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}
