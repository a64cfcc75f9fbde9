import type { ReasonCode } from './reason-codes.js';

/**
 * The automation signals that are guesses about the sender (robot and role addresses, VERP
 * return paths, bulk-sender and helpdesk headers, the header-less bulk score and its
 * signals): `autoReply.alwaysReplyTo` overrules these for a sender the VA vouches for.
 */
const overridable: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'AUTO_SYSTEM_SENDER',
  'AUTO_ROLE_SENDER',
  'AUTO_VERP_RETURN_PATH',
  'AUTO_BULK_SENDER_HEADER',
  'AUTO_HELPDESK',
  'AUTO_BULK_SCORE',
]);

/**
 * Whether alwaysReplyTo may overrule this automation signal. Everything not listed above
 * stays in force whatever the VA lists, new signals included: the RFC 3834 and RFC 5230
 * rules (Return-Path <>, Auto-Submitted, List-*, Precedence, X-Auto-Response-Suppress),
 * reports and report subjects, responder and loop markers (X-Autoreply, X-Loop, X-Offhours),
 * calendar (iTIP) mail, challenge-response and list-manager notices, and spam verdicts,
 * where a reply would answer a machine, start a loop or confirm an address to a spammer.
 */
export function isOverridableAutomation(reason: ReasonCode): boolean {
  return overridable.has(reason) || reason.startsWith('BULK_');
}
