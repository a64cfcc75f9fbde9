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
  AUTO_PRECEDENCE: 'Precedence or X-Precedence is bulk, junk, list or auto_reply.',
  AUTO_RESPONSE_SUPPRESSED: 'X-Auto-Response-Suppress asks for no automatic replies (All or OOF).',
  AUTO_SYSTEM_SENDER: 'The sender is a system or no-reply address.',
  AUTO_REPORT:
    'The message is or contains a delivery, read or feedback report (multipart/report anywhere in its MIME structure).',
  AUTO_MARKER_HEADER: 'A header that responders and robots add (X-Autoreply, X-Loop...).',
  AUTO_REPLY_SUBJECT: 'The subject is another responder’s automatic reply.',
  AUTO_OFFHOURS_MARKER: 'offhours itself sent this message (X-Offhours).',

  // Automation beyond the RFC 3834 rules: the layered classifier (README, "Automated mail")
  AUTO_SPAM_FLAG:
    'The receiving server’s spam filter flagged it (X-Spam-Flag, X-Spam-Status or X-Spam: yes; Barracuda).',
  AUTO_SPAM_RSPAMD: 'rspamd flagged it as spam (X-Rspamd-Action or X-Spamd-Result).',
  AUTO_SPAM_EXCHANGE:
    'Exchange Online Protection flagged it as spam (SCL 5 or more, or SFV:SPM/BLK in X-Forefront-Antispam-Report).',
  AUTO_SPAM_SUBJECT_TAG: 'A spam filter tagged the subject ([SPAM], *****SPAM*****...).',
  AUTO_BULK_SENDER_HEADER:
    'A bulk-sending service’s header (Feedback-ID, X-SES-Outgoing, Mailgun, SendGrid, Mailchimp, X-Campaign...).',
  AUTO_CALENDAR:
    'The message carries an iTIP calendar request, reply or cancellation (text/calendar).',
  AUTO_CALENDAR_SERVICE:
    'A calendar service sent it (Google Calendar’s envelope, Outlook’s meeting message class).',
  AUTO_HELPDESK: 'A helpdesk or ticket system sent it (Zendesk, Freshdesk, Request Tracker...).',
  AUTO_ROLE_SENDER:
    'The sender is a shop, payment, alert or newsletter address (orders@, billing@, alerts@...).',
  AUTO_VERP_RETURN_PATH:
    'The envelope sender is built per recipient or per message (VERP), as bulk senders do.',
  AUTO_NDR_SUBJECT: 'The subject is a non-delivery or delay notice’s.',
  AUTO_RECEIPT_SUBJECT:
    'The subject is a read or delivery receipt’s ("Read: ...", "Return Receipt").',
  AUTO_CHALLENGE_SUBJECT: 'A challenge-response system asks the sender to confirm a message.',
  AUTO_CHALLENGE_TEXT:
    'The text is a challenge-response system’s request to confirm the message (Bluebottle, SpamArrest...).',
  AUTO_LIST_NOTICE_SUBJECT:
    'A mailing-list manager’s notice (moderation, subscription, loop alert).',
  AUTO_REPORT_SUBJECT:
    'The subject is an abuse, complaint or DMARC/TLS report’s (reports not sent as multipart/report).',
  AUTO_TRANSACTIONAL_SUBJECT:
    'The subject is a shop’s, payment’s or account system’s notice (order, receipt, password reset...).',
  AUTO_BULK_SCORE:
    'Without any header saying so, the message bears enough signs of bulk or spam mail (the BULK_* and SPAM_* reasons that follow).',

  // Signs of bulk mail, each weighed into AUTO_BULK_SCORE (listed only when it fires)
  BULK_UNSUBSCRIBE: 'An unsubscribe link, or an unsubscribe line at the end of the text.',
  BULK_MASS_MAIL_FOOTER: 'A mass-mail footer ("you are receiving this email because").',
  BULK_VIEW_IN_BROWSER: 'A "view in browser" link to the web copy of the message.',
  BULK_TRACKING_PIXEL: 'A 1×1 or hidden remote image (a tracking pixel).',
  BULK_UNDISCLOSED_RECIPIENTS:
    'No recipient is shown (no To or Cc, or "undisclosed-recipients:;").',
  BULK_MANY_RECIPIENTS: 'Eight or more recipients in To and Cc (fifteen or more weigh more).',
  BULK_MARKETING_HTML:
    'HTML laid out as a marketing page without a plain-text part, or images with hardly any text.',
  BULK_HIDDEN_TEXT: 'The HTML hides text from the reader (preheaders, zero-size fonts).',
  BULK_NO_MESSAGE_ID:
    'No Message-ID, or one without a domain: no mail program a person uses sends that.',
  BULK_NO_DATE: 'No Date header.',
  BULK_REPLY_TO_ELSEWHERE: 'Reply-To points to another domain than From.',
  BULK_SUBJECT_SHOUTING: 'The subject shouts (mostly capitals, or "!!!").',
  BULK_SUBJECT_PADDING: 'The subject is padded with runs of spaces (a spam tool’s tracking token).',
  BULK_ADVERTISEMENT_SUBJECT:
    'The subject is labelled as an advertisement (ADV:, Werbung:, (광고)...).',
  BULK_SPAM_PHRASES: 'Several phrases of unsolicited offers, fraud or phishing.',
  BULK_MALFORMED_MIME:
    'A multipart body whose boundary never appears: mass-mail tools break MIME, mail programs do not.',
  BULK_CRYPTO_ADDRESS: 'A Bitcoin address (the payload of extortion mail).',

  // Signs that spam tools leave in a message's structure and content, weighed into AUTO_BULK_SCORE
  SPAM_BAD_TRANSFER_ENCODING:
    'A Content-Transfer-Encoding that RFC 2045 does not define ("plain", "quoted printable", empty): spam tools write them, mail programs do not.',
  SPAM_FORGED_MAILER:
    'X-Mailer claims Outlook Express or Windows (Live) Mail, but the Message-ID is not the kind those programs write.',
  SPAM_TEMPLATE_LEFTOVER:
    'A spam tool’s placeholder left unexpanded ($RND_WORD, %RANDOM%...) in the Message-ID, subject or text.',
  SPAM_OBFUSCATED_LINK:
    'A link whose host is hidden: percent-encoded, written as one number, or behind a user@ part.',
  SPAM_HARVESTED_RECIPIENTS:
    'The same mailbox name at three or more domains in To and Cc (webmaster@a, webmaster@b...): a scraped list.',
  SPAM_DUPLICATE_MIME_HEADER:
    'Content-Type, Content-Transfer-Encoding or MIME-Version given twice: filters and readers may each read another body.',
  SPAM_RECIPIENT_IN_LINK:
    'A link carries the recipient’s own address (list washing, per-recipient tracking).',
  SPAM_OBFUSCATED_WORDS:
    'Three or more words spelled with look-alike digits and signs (P@tches, st0ck, S!lver).',
  SPAM_BLANK_TEXT_ALTERNATIVE:
    'The plain-text part is blank while the HTML part has text: mail programs write the same words in both.',
  SPAM_FORGED_RECEIVED:
    'A Received line stamped by a bare IP address or by nobody: MTAs name themselves, spam tools forge such lines.',
  SPAM_DATE_FAR_FROM_ARRIVAL:
    'The Date is more than three days away from when the receiving server took the message.',
  SPAM_MALFORMED_DATE: 'The Date header is not a date, or its zone offset exists nowhere.',
  SPAM_MALFORMED_HEADER_LINE:
    'A line of the header section is neither "Name: value" nor a continuation.',
  SPAM_UNDECLARED_8BIT:
    'Subject or From holds raw 8-bit bytes that are not UTF-8, with no encoded-word saying their charset.',
  SPAM_SUBJECT_MONEY: 'The subject names an amount of money ($1000.00, 79$, 49 €).',
  SPAM_SCRIPT_MAILER:
    'X-Mailer or User-Agent names a programming library or server component (MIME::Lite, PHPMailer, AspMail...), not a mail program.',
  SPAM_GENERATED_SENDER:
    'The sender’s address looks generated (ghocvootdnf@, jbshvnthwigaf.ru) and shares nothing with its display name.',

  // Reply blockers that are not automation
  SENDER_IS_ASSISTANT: 'The sender is the VA.',
  SENDER_IS_BACKUP: 'The sender is a backup assistant.',
  NOT_ADDRESSED_TO_ASSISTANT: 'None of the VA’s addresses is a recipient (To, Cc, Bcc, Resent-*).',
  AUTO_REPLY_DISABLED: 'The client’s autoReply is disabled.',
  NO_REPLY_ADDRESS: 'There is no address to reply to.',
  SENDER_NEVER_REPLY: 'The client’s autoReply.neverReplyTo lists the sender: never answered.',
  SENDER_ALWAYS_REPLY:
    'The client’s autoReply.alwaysReplyTo lists the sender: robot and bulk guesses about it are overruled (never the RFC 3834 rules).',
  REPLY_TO_FROM:
    'The Return-Path is outside the From domain (or a robot address): the reply goes to From, never to a stranger.',

  // Emergencies
  EMERGENCY_KEYWORD: 'An emergency keyword appears in the subject or body.',
  EMERGENCY_SENDER_NOT_ALLOWED:
    'An emergency keyword appears, but the sender may not raise emergencies.',
  EMERGENCY_SENDER_UNVERIFIED:
    'An emergency keyword appears, but the From address is not verified (no aligned Return-Path, DKIM or DMARC pass): handled like other mail.',
  EMERGENCY_NEGATED: 'An emergency keyword appears only negated ("not urgent", "kein Notfall").',
  EMERGENCY_IN_OWN_TEXT:
    'The message answers offhours’ own mail, and the keyword appears only in what it took from it (quoted reply, inherited subject).',
  EMERGENCY_AUTOMATED_IGNORED:
    'An emergency keyword appears in automated mail, which is never an emergency here.',
  EMERGENCY_AUTOMATED_ALLOWED:
    'Automated mail raises an emergency (emergency.automated: true); forwarded, not replied to.',
  NO_BACKUP_ON_CALL:
    'An emergency, but no backup is on call: the message is held and the VA replies at the next check-in.',
  BACKUP_IN_QUIET_HOURS:
    'The backup on call is in their quiet hours: the emergency goes to the next backup in the rotation.',
  BACKUPS_ALL_QUIET:
    'Every backup is in quiet hours: the backup on call still receives the emergency, and escalation moves on to onCall.escalation.finally.',

  // Acknowledgements of forwarded emergencies
  ESCALATION_ACKNOWLEDGED:
    'A reply to a forwarded emergency (its Message-ID, subject tag or +address): the backup has it. Escalation stops; the message is not client mail and is never answered.',
  ESCALATION_ACK_AUTOMATED:
    'Refers to a forwarded emergency but is automated (the backup’s out-of-office reply, offhours’ own forward): not an acknowledgement.',
  ESCALATION_ACK_FROM_CLIENT:
    'Refers to a forwarded emergency but comes from the client who raised it: not an acknowledgement.',

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
