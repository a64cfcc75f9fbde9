/**
 * Stable reason codes for every decision offhours makes. They appear in `explain`, in the
 * daemon's decision log lines and in metrics; never rename one, only add.
 */
export const reasonCodes = {
  // Which client
  CLIENT_MATCHED_ADDRESS: 'The sender is one of the client’s listed addresses.',
  CLIENT_MATCHED_DOMAIN: 'The sender’s domain (or a parent domain) is listed for the client.',
  CLIENT_MATCHED_ANY: 'The client matches any sender ("*").',
  CLIENT_UNKNOWN_IGNORED: 'No client matches the sender and unknownSenders is "ignore".',
  CLIENT_UNKNOWN_DEFAULTED:
    'No client matches the sender; unknownSenders names the client whose rules apply.',
  NO_SENDER: 'The message has no usable From address.',

  // Availability
  AVAILABLE_IN_HOURS: 'The VA is inside the client’s working hours.',
  UNAVAILABLE_OUTSIDE_HOURS: 'Outside the client’s working hours.',
  UNAVAILABLE_NOT_WORKING_DAY: 'The day is not a working day for this client.',
  UNAVAILABLE_DAY_OFF: 'The day is a day off in the client’s calendar.',
  UNAVAILABLE_ABSENCE: 'A timed absence from the client’s calendar covers this moment.',

  // Automation (never reply): one code per rule in shared auto-reply-rules.md
  AUTO_NULL_RETURN_PATH: 'Return-Path is <> (a bounce or other automatic message).',
  AUTO_SUBMITTED: 'Auto-Submitted is present and not "no".',
  AUTO_LIST_HEADER: 'A List-* header marks mailing-list mail.',
  AUTO_PRECEDENCE: 'Precedence is bulk, junk or list.',
  AUTO_RESPONSE_SUPPRESSED: 'X-Auto-Response-Suppress asks for no automatic replies (All or OOF).',
  AUTO_SYSTEM_SENDER: 'The sender is a system or no-reply address.',
  AUTO_REPORT: 'The message is a delivery, read or feedback report.',
  AUTO_MARKER_HEADER: 'A header that responders and robots add (X-Autoreply, X-Loop...).',
  AUTO_REPLY_SUBJECT: 'The subject is another responder’s automatic reply.',
  AUTO_OFFHOURS_MARKER: 'offhours itself sent this message (X-Offhours).',

  // Reply blockers that are not automation
  SENDER_IS_ASSISTANT: 'The sender is the VA.',
  SENDER_IS_BACKUP: 'The sender is a backup assistant.',
  NOT_ADDRESSED_TO_ASSISTANT: 'None of the VA’s addresses is a recipient (To, Cc, Bcc, Resent-*).',
  AUTO_REPLY_DISABLED: 'The client’s autoReply is disabled.',
  NO_REPLY_ADDRESS: 'There is no address to reply to.',

  // Emergencies
  EMERGENCY_KEYWORD: 'An emergency keyword appears in the subject or body.',
  EMERGENCY_SENDER_NOT_ALLOWED:
    'An emergency keyword appears, but the sender may not raise emergencies.',
  EMERGENCY_AUTOMATED_IGNORED:
    'An emergency keyword appears in automated mail, which is never an emergency here.',
  EMERGENCY_AUTOMATED_ALLOWED:
    'Automated mail raises an emergency (emergency.automated: true); forwarded, not replied to.',
  NO_BACKUP_ON_CALL:
    'An emergency, but no backup is on call: the message is held and the VA replies at the next check-in.',

  // Outcome
  ACTION_NONE: 'Nothing to do.',
  ACTION_REPLY_AND_HOLD: 'Out of hours: reply once and hold until the next check-in.',
  ACTION_HOLD: 'Out of hours and automated: hold silently until the next check-in.',
  ACTION_FORWARD:
    'An emergency out of hours: forward to the backup on call (no reply: automated mail or replies blocked).',
  ACTION_FORWARD_AND_REPLY:
    'An emergency out of hours: forward to the backup on call and acknowledge.',
} as const;

export type ReasonCode = keyof typeof reasonCodes;
