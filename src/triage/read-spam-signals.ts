import type { MessageFacts } from './message-facts.js';
import type { ReasonCode } from './reason-codes.js';

export type WeighedSignal = readonly [code: ReasonCode, weight: number];

/** The encodings RFC 2045 defines (and the uuencode variants mail programs still write). */
const validTransferEncodings: ReadonlySet<string> = new Set([
  '7bit',
  '8bit',
  'binary',
  'quoted-printable',
  'base64',
  'x-uuencode',
  'uuencode',
  'x-uue',
]);

const mimeHeaders = ['content-type', 'content-transfer-encoding', 'mime-version'] as const;

/**
 * Mail programs that only ever submitted by SMTP and wrote their own Message-ID, always in
 * the form 000001c81a67$a4450700$0100007f@host; spam tools borrow their X-Mailer.
 */
const dollarIdMailerPattern = /\b(?:outlook express|windows live mail|windows mail)\b/i;
const dollarIdPattern = /^[0-9a-f]{12}\$[0-9a-f]{8}\$[0-9a-f]{8}@/i;

/**
 * Programming libraries and server components that scripts send mail with; a person's mail
 * program names itself. (nodemailer is left out: webmail services are built on it.)
 */
const scriptMailerPattern =
  /\b(?:mime::lite|mail::sender|mail::mailer|aspmail|aspemail|phpmailer|swift ?mailer|zend_mail|zend framework|php\/\d|coldfusion|cdo for windows|javamail|python smtplib|powermta)\b/i;

/** A Date the clock of a person's computer could not be this far from its arrival. */
const maxDateSkewMs = 3 * 24 * 3600 * 1000;
const maxReceivedHeaders = 30;
const zonePattern = /([+-])(\d{2})(\d{2})\s*(?:\([^)]{0,40}\))?\s*$/;

/** Letters made of look-alike digits and signs: "P@tches", "st0ck", "S!lver", "Retai|". */
const obfuscatedWordPattern =
  /(?:^|[\s(>"'])((?=[a-z0-9@$!|]{4,20}(?=[\s.,;:!?)<"']|$))[a-z]+(?:[0@$!|][a-z]+)+[!|]?|[a-z]{3,}[|]|\$[a-z]{3,})(?=[\s.,;:!?)<"']|$)/gi;
/** "mux@example": an address cut short, not a word in disguise. */
const addressLikePattern = /^[a-z0-9._-]{3,}@[a-z0-9.-]{5,}$/i;
const minObfuscatedWords = 3;
const obfuscationScanChars = 8 * 1024;

/** A currency amount: "$1000.00", "79$", "€ 49", "1.599,95 €", "USD 500". */
const moneyPattern =
  /(?:[$€£¥]\s?\d|\d(?:[.,]\d+)?\s?[$€£¥](?![a-z0-9])|\b(?:usd|eur|gbp)\s?\d|\d\s?(?:usd|eur|gbp)\b)/i;

/** Spam tools' placeholders left unexpanded: $RND_WORD, %RANDOM%, {RAND}, [RND_DIGIT]. */
const templateLeftoverPattern = /(?:\$rnd|%rnd|%random|\{rand|\[rnd|\[random|%%[a-z_]{3,}%%)/i;

/** Vowels of the Latin alphabet: machine-made local parts have runs without them. */
const vowels = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const minRandomConsonantRun = 4;
const minHarvestedRecipients = 3;

/**
 * Signs in a message's structure and content that spam tools leave and mail programs do
 * not: a Content-Transfer-Encoding RFC 2045 does not know, a borrowed X-Mailer, a Date days
 * from the arrival, unreadable dates, forged Received lines, raw 8-bit headers, links that
 * hide their host or carry the recipient's address, unexpanded template macros, look-alike
 * spelling, money in the subject, generated sender names and harvested recipient lists.
 * Each is weighed into the header-less bulk score (score-bulk-mail.ts) with the others.
 */
export function readSpamSignals(facts: MessageFacts): WeighedSignal[] {
  const found: WeighedSignal[] = [];
  const add = (code: ReasonCode, weight: number, fires: boolean) => {
    if (fires) found.push([code, weight]);
  };
  add('SPAM_BAD_TRANSFER_ENCODING', 3, hasBadTransferEncoding(facts));
  add('SPAM_FORGED_MAILER', 3, isForgedMailer(facts));
  add('SPAM_TEMPLATE_LEFTOVER', 3, hasTemplateLeftover(facts));
  add('SPAM_OBFUSCATED_LINK', 3, hasObfuscatedLink(facts));
  add('SPAM_HARVESTED_RECIPIENTS', 3, isHarvestedRecipientList(facts));
  add('SPAM_DUPLICATE_MIME_HEADER', 2, hasDuplicateMimeHeader(facts));
  add('SPAM_RECIPIENT_IN_LINK', 2, hasRecipientInLink(facts));
  add('SPAM_OBFUSCATED_WORDS', 2, countObfuscatedWords(facts) >= minObfuscatedWords);
  add('SPAM_BLANK_TEXT_ALTERNATIVE', 2, facts.blankTextAlternative);
  add('SPAM_FORGED_RECEIVED', 2, hasForgedReceived(facts));
  add('SPAM_DATE_FAR_FROM_ARRIVAL', 2, isDateFarFromArrival(facts));
  add('SPAM_MALFORMED_DATE', 1, isMalformedDate(facts));
  add('SPAM_MALFORMED_HEADER_LINE', 1, facts.malformedHeaderLines > 0);
  add('SPAM_UNDECLARED_8BIT', 1, hasUndeclared8bitHeader(facts));
  add('SPAM_SUBJECT_MONEY', 1, moneyPattern.test(facts.subject.slice(0, 300)));
  add('SPAM_GENERATED_SENDER', 1, isGeneratedSender(facts));
  add('SPAM_SCRIPT_MAILER', 1, isScriptMailer(facts));
  return found;
}

function getValues(facts: MessageFacts, name: string): readonly string[] {
  return facts.headers[name] ?? [];
}

/**
 * The fields that say how to read the body, given twice: which one a program obeys is a
 * guess, and spam tools use the ambiguity to show filters one body and readers another.
 */
function hasDuplicateMimeHeader(facts: MessageFacts): boolean {
  return mimeHeaders.some((name) => getValues(facts, name).length > 1);
}

function hasBadTransferEncoding(facts: MessageFacts): boolean {
  return facts.parts.some(
    (part) => part.transferEncoding !== null && !validTransferEncodings.has(part.transferEncoding),
  );
}

/**
 * An X-Mailer of Outlook Express or Windows (Live) Mail with a Message-ID those programs
 * never write. Exchange Online rewrites the Message-ID of what it relays, so mail that went
 * through it is left alone.
 */
function isForgedMailer(facts: MessageFacts): boolean {
  const mailer = [...getValues(facts, 'x-mailer'), ...getValues(facts, 'user-agent')].join(' ');
  if (!dollarIdMailerPattern.test(mailer)) return false;
  if (Object.keys(facts.headers).some((name) => name.startsWith('x-ms-exchange-'))) return false;
  return facts.messageId === null || !dollarIdPattern.test(facts.messageId);
}

function isScriptMailer(facts: MessageFacts): boolean {
  return [...getValues(facts, 'x-mailer'), ...getValues(facts, 'user-agent')].some((value) =>
    scriptMailerPattern.test(value.slice(0, 200)),
  );
}

function hasTemplateLeftover(facts: MessageFacts): boolean {
  return [facts.messageId ?? '', facts.subject, facts.freshText.slice(0, 4096)].some((text) =>
    templateLeftoverPattern.test(text),
  );
}

/** Every link the message's own text or HTML holds (HTML hrefs, then URLs in the text). */
function readLinks(facts: MessageFacts): string[] {
  const links = facts.html?.links.map((link) => link.href) ?? [];
  const text = facts.freshText.slice(0, 16 * 1024);
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"']{1,500}/gi)) links.push(match[0]);
  return links;
}

/** A host written so a reader cannot read it: percent-encoded, a bare number, or userinfo. */
function hasObfuscatedLink(facts: MessageFacts): boolean {
  return readLinks(facts).some((href) => {
    const match = /^https?:\/\/([^/?#]*)/i.exec(href.trim());
    if (match === null) return false;
    const authority = match[1] ?? '';
    return (
      authority.includes('%') ||
      /^\d{8,10}(?::\d+)?$/.test(authority) ||
      /^0x[0-9a-f]+(?::\d+)?$/i.test(authority) ||
      /^[^@]+@[^@]+$/.test(authority)
    );
  });
}

/** The same local part at several domains (webmaster@a, webmaster@b...): a scraped list. */
function isHarvestedRecipientList(facts: MessageFacts): boolean {
  const domainsByLocal = new Map<string, Set<string>>();
  for (const { address } of [...facts.to, ...facts.cc]) {
    const at = address.lastIndexOf('@');
    if (at <= 0) continue;
    const local = address.slice(0, at);
    const domains = domainsByLocal.get(local) ?? new Set<string>();
    domains.add(address.slice(at + 1));
    domainsByLocal.set(local, domains);
  }
  return [...domainsByLocal.values()].some((domains) => domains.size >= minHarvestedRecipients);
}

/** A link that carries a recipient's address: list washing and per-recipient tracking. */
function hasRecipientInLink(facts: MessageFacts): boolean {
  const recipients = [...facts.to, ...facts.cc, ...facts.bcc]
    .map((recipient) => recipient.address)
    .filter((address) => address.includes('@'));
  if (recipients.length === 0) return false;
  return readLinks(facts).some((href) => {
    const decoded = safeDecode(href).toLowerCase();
    return recipients.some((address) => decoded.includes(address));
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function countObfuscatedWords(facts: MessageFacts): number {
  const text = `${facts.subject}\n${facts.freshText.slice(0, obfuscationScanChars)}`;
  const words = new Set<string>();
  for (const match of text.matchAll(obfuscatedWordPattern)) {
    const word = match[1] ?? '';
    // Words in disguise are read as words: some letters lower case (uuencode and codes are not).
    if (/[a-z]/.test(word) && !addressLikePattern.test(word)) words.add(word.toLowerCase());
  }
  return words.size;
}

/**
 * A Received line that names where it came from but is stamped "by" a bare IP address, or
 * by nobody: MTAs name themselves; spam tools insert such lines below the real ones.
 */
function hasForgedReceived(facts: MessageFacts): boolean {
  return getValues(facts, 'received')
    .slice(0, maxReceivedHeaders)
    .some((value) => {
      const byMatch = /^\s*from\s+(\S*).*?\sby\s+(\S+)/is.exec(value);
      if (byMatch === null) return /^\s*from\s+by\s/i.test(value);
      return isPublicIpv4((byMatch[2] ?? '').replace(/[;,]$/, ''));
    });
}

/**
 * A dotted IPv4 address outside the private, loopback and link-local ranges: Gmail's and
 * qmail's internal hops stamp themselves "by 10.x.x.x", which says nothing.
 */
function isPublicIpv4(host: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (match === null) return false;
  const first = Number(match[1]);
  const second = Number(match[2]);
  return !(
    first === 10 ||
    first === 127 ||
    (first === 172 && second >= 16 && second <= 31) ||
    (first === 192 && second === 168) ||
    (first === 169 && second === 254)
  );
}

/**
 * The oldest Received stamp: when the first server took the message from its sender, whose
 * clock wrote the Date. Forged lines below it have no usable stamp or are caught apart.
 */
function readArrival(facts: MessageFacts): number | null {
  const received = getValues(facts, 'received').slice(0, maxReceivedHeaders);
  for (const value of [...received].reverse()) {
    const semicolon = value.lastIndexOf(';');
    if (semicolon === -1) continue;
    const stamp = Date.parse(value.slice(semicolon + 1).trim());
    if (!Number.isNaN(stamp)) return stamp;
  }
  return null;
}

/** A resent message keeps its old Date; its Resent-Date is what the first server saw. */
function isDateFarFromArrival(facts: MessageFacts): boolean {
  const resent = getValues(facts, 'resent-date')[0];
  const written = resent === undefined ? facts.date : resent;
  if (written === null) return false;
  const arrival = readArrival(facts);
  const stamp = Date.parse(written);
  if (arrival === null || Number.isNaN(stamp)) return false;
  return Math.abs(stamp - arrival) > maxDateSkewMs;
}

/** A Date header that is there but is no date, or whose zone no place on earth has. */
function isMalformedDate(facts: MessageFacts): boolean {
  const value = getValues(facts, 'date')[0];
  if (value === undefined) return false;
  if (facts.date === null) return true;
  const zone = zonePattern.exec(value.trim());
  if (zone === null) return false;
  const hours = Number(zone[2]);
  const minutes = Number(zone[3]);
  return hours > 14 || minutes >= 60 || (minutes !== 0 && minutes !== 30 && minutes !== 45);
}

/** Bytes that were not UTF-8 in Subject or From, with no encoded-word to say what they are. */
function hasUndeclared8bitHeader(facts: MessageFacts): boolean {
  return [...getValues(facts, 'subject'), ...getValues(facts, 'from')].some((value) =>
    value.includes('\uFFFD'),
  );
}

/**
 * A local part a program made up (ghocvootdnf, jbshvnthwigaf): a run of four consonants or
 * letters and digits mixed, with nothing in common with the display name.
 */
function isGeneratedSender(facts: MessageFacts): boolean {
  const address = facts.from?.address ?? '';
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  const local = address.slice(0, at);
  const domainLabel = address.slice(at + 1).split('.')[0] ?? '';
  const looksMade = [local, domainLabel].some(isMadeUpName);
  if (!looksMade) return false;
  const nameWords = (facts.from?.name ?? '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word.length >= 3);
  return !nameWords.some((word) => local.includes(word.slice(0, 3)));
}

function isMadeUpName(label: string): boolean {
  const letters = label.replace(/[^a-z]/g, '');
  if (letters.length < 6) return false;
  if (/[a-z]{2,}\d{3,}|\d{3,}[a-z]{2,}/.test(label)) return true;
  let run = 0;
  for (const char of letters) {
    run = vowels.has(char) ? 0 : run + 1;
    if (run >= minRandomConsonantRun) return true;
  }
  return false;
}
