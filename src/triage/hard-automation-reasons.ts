import type { ReasonCode } from './reason-codes.js';

/**
 * Automation signals that `autoReply.alwaysReplyTo` can never override: the RFC 3834 and
 * RFC 5230 rules and the loop guards, where a reply would answer a bounce, a report, a list
 * or another responder and could start a mail loop. Every other automation signal (robot and
 * role senders, bulk and ESP heuristics) is a guess about the sender that the VA may correct
 * by listing the sender in alwaysReplyTo.
 */
export const hardAutomationReasons: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'AUTO_NULL_RETURN_PATH',
  'AUTO_SUBMITTED',
  'AUTO_LIST_HEADER',
  'AUTO_PRECEDENCE',
  'AUTO_RESPONSE_SUPPRESSED',
  'AUTO_REPORT',
  'AUTO_MARKER_HEADER',
  'AUTO_REPLY_SUBJECT',
  'AUTO_OFFHOURS_MARKER',
]);
