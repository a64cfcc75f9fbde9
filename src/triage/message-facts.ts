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
  /**
   * The sender's own new text: `text` without what it quotes or forwards (">" lines, Outlook's
   * From:/Sent: block, "On ... wrote:", HTML blockquotes, forwarded history) and without
   * HTML elements a reader never sees (display:none and the like). '' when none.
   */
  readonly freshText: string;
  /** Every header, names lower-cased, values unfolded and decoded, every instance kept in order. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** Lower-cased MIME type of the top-level part, e.g. 'multipart/report'; 'text/plain' when absent. */
  readonly contentType: string;
  /** Lower-cased parameters of the top-level Content-Type, e.g. { 'report-type': 'delivery-status' }. */
  readonly contentTypeParams: Readonly<Record<string, string>>;
  /**
   * Every MIME part of the message's own structure, the message itself first (depth 0), in
   * document order. Parts inside an attached message (message/rfc822) are not listed: they
   * belong to someone else's message.
   */
  readonly parts: readonly MimePart[];
  /** METHOD of every iTIP calendar part (text/calendar), upper-cased, e.g. ['REQUEST']. */
  readonly calendarMethods: readonly string[];
  /** What the HTML body shows and links to, or null when the message has no HTML body. */
  readonly html: HtmlFacts | null;
  /**
   * The message has a text/plain part that is blank while its HTML shows text or images: a mail
   * program writes the same words in both, spam tools fill the plain part with nothing.
   */
  readonly blankTextAlternative: boolean;
  /** Lines of the header section that are neither "Name: value" nor a continuation. */
  readonly malformedHeaderLines: number;
  /** Message-IDs from References, without angle brackets, in order. */
  readonly references: readonly string[];
  /** The Date header as an ISO instant, or null. */
  readonly date: string | null;
}

export interface MimePart {
  /** Lower-cased MIME type, e.g. 'text/calendar'. */
  readonly contentType: string;
  /** Lower-cased parameters of its Content-Type, e.g. { method: 'request' }. */
  readonly params: Readonly<Record<string, string>>;
  /** 0 for the message itself, 1 for its children, and so on. */
  readonly depth: number;
  /** A multipart part whose boundary never appears in its body. */
  readonly malformed: boolean;
  /**
   * Its Content-Transfer-Encoding as written, trimmed and lower-cased ('quoted-printable',
   * 'base64'...), or null when the part has none.
   */
  readonly transferEncoding: string | null;
}

export interface HtmlLink {
  /** The href as written, trimmed; '' when absent. */
  readonly href: string;
  /** The link's visible text, whitespace collapsed, cut to a few hundred characters. */
  readonly text: string;
}

export interface HtmlImage {
  readonly src: string;
  /** Width and height in pixels from attributes or inline style, null when not given. */
  readonly width: number | null;
  readonly height: number | null;
  /** Inside or itself an element a reader never sees. */
  readonly hidden: boolean;
}

/**
 * Features of the HTML body, outside quoted and forwarded parts (those belong to an earlier
 * message). The lists are bounded: a message cannot make them grow without end.
 */
export interface HtmlFacts {
  /** The first links of the body, in order (at most a few hundred). */
  readonly links: readonly HtmlLink[];
  /** The first images of the body, in order (at most a few hundred). */
  readonly images: readonly HtmlImage[];
  /** How many <a href> and <img> there are in all, beyond the kept lists too. */
  readonly linkCount: number;
  readonly imageCount: number;
  /** How many <table> elements: marketing mail is laid out in nested tables. */
  readonly tableCount: number;
  /** Characters of text hidden from the reader (preheaders, display:none). */
  readonly hiddenTextChars: number;
  /** Characters of visible text. */
  readonly visibleTextChars: number;
}
