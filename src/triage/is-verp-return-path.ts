import type { MessageFacts } from './message-facts.js';
import { isDomainAligned } from './is-domain-aligned.js';

/**
 * BATV signs the envelope of ordinary mail, people's included (prvs=tag=local@): it is
 * removed before judging. SRS rewrites a forwarded envelope (SRS0=hash=tt=domain=local@):
 * it says a forwarder relayed the message, not that a machine wrote it, so it is never VERP.
 */
const batvPattern = /^(?:prvs|msprvs1|btv1)=[^=]{1,64}=/;
const srsPattern = /^srs[01][=+-]/;
/** A per-message token: a long hex run (SES, SparkPost) or many digits mixed in. */
const hexTokenPattern = /[0-9a-f]{16}/;
const minTokenDigits = 10;

/**
 * Whether the envelope sender is a VERP address: one built per recipient or per message so
 * a bulk sender can tell which address bounced (`list-bounces+dana=studio.example@`,
 * `0100018c3d...-000000@amazonses.com`). People's envelopes are their own address.
 */
export function isVerpReturnPath(facts: MessageFacts): boolean {
  const returnPath = facts.returnPath ?? '';
  const at = returnPath.lastIndexOf('@');
  if (at <= 0) return false;
  const rawLocal = returnPath.slice(0, at);
  if (srsPattern.test(rawLocal)) return false;
  const local = rawLocal.replace(batvPattern, '');
  const domain = returnPath.slice(at + 1);
  if (readRecipients(facts).some((recipient) => isEncodedIn(local, recipient))) return true;
  if (isDomainAligned(domain, readDomain(facts.from?.address ?? ''))) {
    return false;
  }
  return hexTokenPattern.test(local) || countDigits(local) >= minTokenDigits;
}

/** VERP writes the recipient into the envelope as local=domain. */
function isEncodedIn(local: string, recipient: string): boolean {
  const at = recipient.lastIndexOf('@');
  if (at <= 0) return false;
  return local.includes(`${recipient.slice(0, at)}=${recipient.slice(at + 1)}`);
}

function readRecipients(facts: MessageFacts): string[] {
  const headerAddresses = [
    ...(facts.headers['delivered-to'] ?? []),
    ...(facts.headers['x-original-to'] ?? []),
  ].map((value) => value.trim().replace(/^<|>$/g, '').toLowerCase());
  return [...facts.to, ...facts.cc, ...facts.bcc]
    .map((recipient) => recipient.address)
    .concat(headerAddresses)
    .filter((address) => address.includes('@'));
}

function readDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? '' : address.slice(at + 1);
}

function countDigits(text: string): number {
  let digits = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x30 && code <= 0x39) digits += 1;
  }
  return digits;
}
