import type { ReasonCode } from '../triage/reason-codes.js';

/**
 * Short words for the reason codes people read most (log lines, the digest); the others
 * are their code in lower case without its family prefix (AUTO_HELPDESK: "helpdesk").
 */
const shortWords: Partial<Record<ReasonCode, string>> = {
  CLIENT_UNKNOWN_IGNORED: 'unknown sender',
  CLIENT_UNKNOWN_DEFAULTED: 'unknown sender',
  NO_SENDER: 'no sender',
  AVAILABLE_IN_HOURS: 'in hours',
  UNAVAILABLE_OUTSIDE_HOURS: 'out of hours',
  UNAVAILABLE_NOT_WORKING_DAY: 'not a working day',
  UNAVAILABLE_DAY_OFF: 'day off',
  UNAVAILABLE_ABSENCE: 'away',
  AUTO_NULL_RETURN_PATH: 'bounce',
  AUTO_SUBMITTED: 'auto-submitted',
  AUTO_LIST_HEADER: 'mailing list',
  AUTO_PRECEDENCE: 'bulk',
  AUTO_RESPONSE_SUPPRESSED: 'asks for no auto-reply',
  AUTO_SYSTEM_SENDER: 'no-reply sender',
  AUTO_MARKER_HEADER: 'robot header',
  AUTO_REPLY_SUBJECT: 'an auto-reply',
  AUTO_OFFHOURS_MARKER: 'offhours’ own mail',
  AUTO_BULK_SENDER_HEADER: 'bulk sender',
  AUTO_ROLE_SENDER: 'role address',
  AUTO_BULK_SCORE: 'looks like bulk mail',
  SENDER_IS_ASSISTANT: 'from you',
  SENDER_IS_BACKUP: 'from the backup',
  NOT_ADDRESSED_TO_ASSISTANT: 'not addressed to you',
  AUTO_REPLY_DISABLED: 'auto-reply off',
  NO_REPLY_ADDRESS: 'no reply address',
  SENDER_NEVER_REPLY: 'never-reply list',
  SENDER_ALWAYS_REPLY: 'always-reply list',
  EMERGENCY_KEYWORD: 'emergency',
  EMERGENCY_SENDER_NOT_ALLOWED: 'emergency word, sender not allowed',
  EMERGENCY_SENDER_UNVERIFIED: 'emergency word, sender unverified',
  EMERGENCY_NEGATED: 'emergency word negated',
  EMERGENCY_AUTOMATED_ALLOWED: 'automated emergency',
  NO_BACKUP_ON_CALL: 'no backup on call',
  BACKUP_IN_QUIET_HOURS: 'backup in quiet hours',
  BACKUPS_ALL_QUIET: 'all backups quiet',
  ESCALATION_ACKNOWLEDGED: 'acknowledgement',
};

/** Codes that only restate the client or the decision, which a reader sees already. */
const restating = /^(CLIENT_MATCHED_|ACTION_)/;
const familyPrefix = /^(AUTO_|BULK_|SPAM_|UNAVAILABLE_|EMERGENCY_|ESCALATION_)/;

/**
 * The reasons of a decision in a few words each, in their order, without the codes that
 * only restate the client or the decision, and without repeats. Pure.
 */
export function describeReasonsBriefly(codes: readonly string[]): string[] {
  const words = codes
    .filter((code) => !restating.test(code))
    .map(
      (code) =>
        (shortWords as Partial<Record<string, string>>)[code] ??
        code.replace(familyPrefix, '').toLowerCase().replaceAll('_', ' '),
    );
  return [...new Set(words)];
}
