import {
  bulkFooterPhrases,
  spamPhrases,
  unsubscribePhrases,
  viewInBrowserPhrases,
} from './bulk-phrases.js';
import { isDomainAligned } from './is-domain-aligned.js';
import type { HtmlFacts, MessageFacts } from './message-facts.js';
import type { ReasonCode } from './reason-codes.js';
import { readSpamSignals } from './read-spam-signals.js';

export interface BulkScore {
  readonly score: number;
  /** The signals that contributed, strongest first. */
  readonly signals: readonly ReasonCode[];
}

/**
 * From this score on, header-less mail is taken for bulk or spam. No single signal a
 * person's mail may carry reaches it alone: an unsubscribe footer (3) needs another sign
 * of mass mail, a missing Message-ID (2) two more.
 */
export const bulkScoreThreshold = 5;

/** How much of the text is read: footers sit at the end, the rest says enough early on. */
const headChars = 8 * 1024;
const footerChars = 2 * 1024;
const maxSpamPhrasePoints = 4;
const manyRecipients = 8;
const massRecipients = 15;
const maxSubjectChars = 500;

const advertisementSubjectPattern =
  /^\s*(?:\[?adv\]?\s*[:-]|\[ad\]|advertisement\s*[:-]|werbung\s*[:-]|\[pub\]|publicité\s*[:-]|publicidad\s*[:-]|\(광고\)|\[광고\]|【広告】|\(広告\))/i;
const subjectPaddingPattern = /\S {5,}\S/;
/** Bitcoin addresses, legacy and bech32: the payload of extortion mail. */
const cryptoAddressPattern =
  /(?:^|[^a-zA-Z0-9])(?:bc1[ac-hj-np-z02-9]{25,59}|[13][a-km-zA-HJ-NP-Z1-9]{25,34})(?![a-zA-Z0-9])/;

type Signal = readonly [code: ReasonCode, weight: number];

/**
 * Weighs the signs of mass mail that need no header: unsubscribe links and footers, "view in
 * browser", tracking pixels, undisclosed or many recipients, HTML-only marketing layout,
 * hidden text, missing Message-ID or Date, a Reply-To elsewhere, shouting or padded
 * subjects, advertisement labels and spam phrases. Only the message's own text is read
 * (freshText and HTML outside quotes), so a person forwarding a newsletter stays a person.
 */
export function scoreBulkMail(facts: MessageFacts): BulkScore {
  const text = readScannedText(facts.freshText);
  const html = facts.html;
  const found: Signal[] = [];
  const add = (code: ReasonCode, weight: number, fires: boolean) => {
    if (fires && weight > 0) found.push([code, weight]);
  };
  add('BULK_UNSUBSCRIBE', 3, hasUnsubscribe(html, text));
  add('BULK_MASS_MAIL_FOOTER', 2, includesAny(readFooter(text), bulkFooterPhrases));
  add('BULK_VIEW_IN_BROWSER', 2, hasViewInBrowser(html, text));
  add('BULK_TRACKING_PIXEL', 1, hasTrackingPixel(html));
  add('BULK_UNDISCLOSED_RECIPIENTS', 2, hasNoRecipients(facts));
  const recipients = facts.to.length + facts.cc.length;
  add('BULK_MANY_RECIPIENTS', recipients >= massRecipients ? 3 : 2, recipients >= manyRecipients);
  add('BULK_MARKETING_HTML', 2, isMarketingHtml(facts, html));
  add('BULK_HIDDEN_TEXT', 1, html !== null && html.hiddenTextChars >= 10);
  add('BULK_NO_MESSAGE_ID', 2, facts.messageId === null || !facts.messageId.includes('@'));
  add('BULK_NO_DATE', 1, facts.date === null && facts.headers['date'] === undefined);
  add('BULK_REPLY_TO_ELSEWHERE', 1, isReplyToElsewhere(facts));
  const subject = facts.subject.slice(0, maxSubjectChars);
  add('BULK_SUBJECT_SHOUTING', 1, isShouting(subject));
  add('BULK_SUBJECT_PADDING', 2, subjectPaddingPattern.test(subject));
  add('BULK_ADVERTISEMENT_SUBJECT', 4, advertisementSubjectPattern.test(subject));
  add('BULK_SPAM_PHRASES', countSpamPhrasePoints(text, subject), true);
  add(
    'BULK_MALFORMED_MIME',
    2,
    facts.parts.some((part) => part.malformed),
  );
  add('BULK_CRYPTO_ADDRESS', 2, cryptoAddressPattern.test(facts.freshText.slice(0, headChars)));
  found.push(...readSpamSignals(facts));
  found.sort((a, b) => b[1] - a[1]);
  return {
    score: found.reduce((sum, [, weight]) => sum + weight, 0),
    signals: found.map(([code]) => code),
  };
}

/** The start and the end of the text, lower-cased: where greetings, offers and footers are. */
function readScannedText(text: string): string {
  const scanned =
    text.length <= headChars + footerChars
      ? text
      : `${text.slice(0, headChars)}\n${text.slice(-footerChars)}`;
  return scanned.toLowerCase();
}

function readFooter(text: string): string {
  return text.length <= footerChars ? text : text.slice(-footerChars);
}

function includesAny(text: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => text.includes(phrase));
}

function hasUnsubscribe(html: HtmlFacts | null, text: string): boolean {
  const footer = readFooter(text);
  if (includesAny(footer, unsubscribePhrases)) return true;
  return (
    html?.links.some(
      (link) =>
        includesAny(link.text.toLowerCase(), unsubscribePhrases) ||
        /unsubscribe|opt-?out/.test(link.href.toLowerCase()),
    ) ?? false
  );
}

function hasViewInBrowser(html: HtmlFacts | null, text: string): boolean {
  if (includesAny(text.slice(0, 600), viewInBrowserPhrases)) return true;
  return (
    html?.links.some((link) => includesAny(link.text.toLowerCase(), viewInBrowserPhrases)) ?? false
  );
}

function hasTrackingPixel(html: HtmlFacts | null): boolean {
  return (
    html?.images.some(
      (image) =>
        /^https?:/i.test(image.src) &&
        (image.hidden ||
          (image.width !== null && image.height !== null && image.width <= 1 && image.height <= 1)),
    ) ?? false
  );
}

/** To and Cc empty, or only an empty group such as "undisclosed-recipients:;". */
function hasNoRecipients(facts: MessageFacts): boolean {
  return [...facts.to, ...facts.cc, ...facts.resentTo].every(
    (recipient) => recipient.address === '',
  );
}

/**
 * HTML with no plain-text alternative, laid out as a page (tables, many images or links),
 * or images with hardly any text. Mail programs people write with send a text part too.
 */
function isMarketingHtml(facts: MessageFacts, html: HtmlFacts | null): boolean {
  if (html === null) return false;
  const imageOnly = html.imageCount >= 3 && html.visibleTextChars < 200;
  const hasPlainText = facts.parts.some((part) => part.contentType === 'text/plain');
  const laidOut = html.tableCount >= 2 || html.imageCount >= 4 || html.linkCount >= 10;
  return imageOnly || (!hasPlainText && laidOut);
}

function isReplyToElsewhere(facts: MessageFacts): boolean {
  const replyTo = facts.headers['reply-to']?.[0];
  const from = facts.from?.address ?? '';
  if (replyTo === undefined || from === '') return false;
  const match = /@([a-z0-9.-]+)/i.exec(replyTo);
  if (match === null) return false;
  return !isDomainAligned(match[1] ?? '', from.slice(from.lastIndexOf('@') + 1));
}

/** Mostly capitals over several words, or a run of exclamation marks. */
function isShouting(subject: string): boolean {
  if (subject.includes('!!!')) return true;
  let upper = 0;
  let lower = 0;
  for (const char of subject) {
    if (char !== char.toLowerCase()) upper += 1;
    else if (char !== char.toUpperCase()) lower += 1;
  }
  return upper >= 10 && upper >= 4 * lower && /\S\s+\S+\s+\S/.test(subject);
}

/** Half a point per distinct phrase: one or two in a person's mail weigh nothing. */
function countSpamPhrasePoints(text: string, subject: string): number {
  const haystack = `${subject.toLowerCase()}\n${text}`;
  const hits = spamPhrases.filter((phrase) => haystack.includes(phrase)).length;
  return Math.min(maxSpamPhrasePoints, Math.floor(hits / 2));
}
