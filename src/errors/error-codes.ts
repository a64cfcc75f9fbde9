/**
 * Every error code offhours can log or exit with, in one place. The README's
 * troubleshooting table is checked against this list by a unit test.
 * `permanent`: retrying the same work cannot succeed.
 */
export const errorCodes = {
  CONFIG_INVALID: { permanent: true, summary: 'A config file has invalid YAML or values.' },
  CONFIG_UNREADABLE: { permanent: true, summary: 'A config file or folder cannot be read.' },
  CONFIG_ENV_MISSING: {
    permanent: true,
    summary: 'A ${VAR} in the config names an unset environment variable.',
  },
  CONFIG_NEVER_AVAILABLE: {
    permanent: true,
    summary: 'A client is never available again, so held mail would never return.',
  },
  CALENDAR_INVALID: {
    permanent: true,
    summary:
      'An ICS day-off calendar (a file or a feed) cannot be read or parsed, or a feed is too large.',
  },
  CALENDAR_UNREACHABLE: {
    permanent: false,
    summary:
      'A calendar feed cannot be fetched (no answer, an HTTP error); its last good copy stays in force and it is tried again at its next refresh.',
  },
  MESSAGE_UNREADABLE: { permanent: true, summary: 'A message file cannot be read.' },
  MESSAGE_PARSE_FAILED: {
    permanent: false,
    summary: 'A message could not be parsed; it is decided from what could be read.',
  },
  MESSAGE_PARSE_SLOW: {
    permanent: false,
    summary: 'A message body took longer than the parse budget; it is decided from its headers.',
  },
  IMAP_CONNECT_FAILED: {
    permanent: false,
    summary: 'The IMAP server cannot be reached or refused the login.',
  },
  IMAP_COMMAND_FAILED: {
    permanent: false,
    summary: 'An IMAP command failed; it is retried after reconnecting.',
  },
  REDIS_UNAVAILABLE: { permanent: false, summary: 'Redis cannot be reached.' },
  SMTP_TRANSIENT: {
    permanent: false,
    summary: 'The SMTP server answered 4xx or the connection failed; retried with backoff.',
  },
  SMTP_PERMANENT: { permanent: true, summary: 'The SMTP server answered 5xx; not retried.' },
  REPLY_SUPPRESSED: {
    permanent: true,
    summary: 'A reply was not sent on purpose (once per period, or another worker is sending it).',
  },
  SEND_DEFERRED: {
    permanent: false,
    summary:
      'A reply waits: the per-address circuit breaker or the global per-minute cap is full; it is sent when the hour or minute turns.',
  },
  REPLY_DUE_LATER: {
    permanent: false,
    summary:
      'A reply-time check ran before its promise runs out by the rules in force now (hours, days off or replyWithin changed); it waits until then.',
  },
  DELIVERY_UNCONFIRMED: {
    permanent: false,
    summary:
      'The server accepted a message but offhours could not record it; the retry finds it in the Sent folder and does not send it again.',
  },
  SENT_COPY_FAILED: {
    permanent: false,
    summary: 'A sent message could not be copied to the Sent folder (smtp.sentCopy: append).',
  },
  ANNOUNCEMENT_LATE: {
    permanent: true,
    summary:
      'A days-off announcement could not go out before its absence began (SMTP or the daemon down); it is dropped, the auto-replies tell senders instead.',
  },
  MESSAGE_GONE: {
    permanent: true,
    summary: 'The message to forward is no longer in the mailbox (moved or deleted by hand).',
  },
  FORWARD_NOT_ALLOWED: {
    permanent: true,
    summary: 'A forward named an address that is not a configured backup.',
  },
  JOB_PAYLOAD_INVALID: {
    permanent: true,
    summary: 'A queued job has a payload that does not match its schema.',
  },
  HTTP_LISTEN_FAILED: {
    permanent: true,
    summary: 'The health and metrics server cannot listen on http.host:http.port (in use?).',
  },
  WATCHER_LOCKED: {
    permanent: false,
    summary: 'Another offhours process already watches this mailbox.',
  },
  LEASE_LOST: {
    permanent: false,
    summary:
      'This process lost the mailbox lease (paused, or cut off from Redis) and another watcher took over; its writes were refused.',
  },
  MAILBOX_UNKNOWN: {
    permanent: true,
    summary: 'A job names a mailbox that is no longer in the config.',
  },
  SANDBOX_UNAVAILABLE: {
    permanent: true,
    summary:
      'A throwaway service of the demo or the tests could not start (a missing Debian package?).',
  },
  AUTH_REAUTH_REQUIRED: {
    permanent: false,
    summary:
      'An OAuth2 account has no usable refresh token (revoked, expired, consent withdrawn, never logged in).',
  },
  AUTH_REFRESH_FAILED: {
    permanent: false,
    summary: 'The token endpoint could not be reached or failed; the refresh is retried.',
  },
  AUTH_LOGIN_FAILED: {
    permanent: true,
    summary: '`offhours auth login` or `auth import` could not get or check tokens.',
  },
  AUTH_SECRET_MISSING: {
    permanent: true,
    summary:
      'No usable key for the token store: OFFHOURS_SECRET and OFFHOURS_SECRET_FILE are unset, short, or the file is readable by others.',
  },
  AUTH_SECRET_MISMATCH: {
    permanent: true,
    summary:
      'The stored tokens cannot be decrypted with this key (a different secret than at login).',
  },
  RECORD_FAILED: {
    permanent: false,
    summary:
      'A record of a decision or outcome could not be written (Redis away); the mail itself was handled as usual.',
  },
  INTERNAL: { permanent: false, summary: 'An unexpected error; please report it.' },
} as const satisfies Record<string, { permanent: boolean; summary: string }>;

export type ErrorCode = keyof typeof errorCodes;
