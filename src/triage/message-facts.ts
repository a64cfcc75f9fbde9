/**
 * What triage knows about one message: plain data extracted by the mail shell
 * (src/mail/parse-message.ts), so the core can be tested with literals.
 */
export interface MailAddress {
  /** Lower-cased, trimmed address; may be '' for a group or broken address. */
  readonly address: string;
  readonly name: string;
}

export interface MessageFacts {
  /** Message-ID without angle brackets, or null when absent. */
  readonly messageId: string | null;
  /** The first From address, or null when absent or unparseable. */
  readonly from: MailAddress | null;
  /**
   * The envelope sender as stored by the delivery agent in Return-Path:
   * null when there is no Return-Path header, '' for the null sender `<>`, else the address (lower-cased).
   */
  readonly returnPath: string | null;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  readonly resentTo: readonly MailAddress[];
  readonly resentCc: readonly MailAddress[];
  readonly resentBcc: readonly MailAddress[];
  /** Decoded subject, '' when absent. */
  readonly subject: string;
  /** Plain-text body (or text derived from HTML), possibly truncated by the parser; '' when none. */
  readonly text: string;
  /** Every header, names lower-cased, values unfolded and decoded, every instance kept in order. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** Lower-cased MIME type of the top-level part, e.g. 'multipart/report'; 'text/plain' when absent. */
  readonly contentType: string;
  /** Lower-cased parameters of the top-level Content-Type, e.g. { 'report-type': 'delivery-status' }. */
  readonly contentTypeParams: Readonly<Record<string, string>>;
  /** Message-IDs from References, without angle brackets, in order. */
  readonly references: readonly string[];
  /** The Date header as an ISO instant, or null. */
  readonly date: string | null;
}
