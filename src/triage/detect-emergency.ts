import { isNegated } from './is-negated.js';
import type { MessageFacts } from './message-facts.js';
import { normalizeAddress } from './normalize-address.js';
import type { ReasonCode } from './reason-codes.js';
import { readFreshSubject } from './read-fresh-subject.js';
import type { ClientRules } from './triage-config.js';

export interface EmergencyVerdict {
  readonly emergency: boolean;
  readonly reasons: ReasonCode[];
  /** The configured keyword that matched (also when the match is overruled), else null. */
  readonly keyword: string | null;
}

/** What the rest of triage knows about the message that bears on an emergency. */
export interface EmergencyContext {
  readonly automated: boolean;
  /** The From address was verified (assessSender); only then can it raise an emergency. */
  readonly senderVerified: boolean;
  /** The message answers mail offhours sent: its own text, quoted, never counts. */
  readonly answersOffhoursMail: boolean;
  /** The client's reply templates, whose text a reply to offhours' mail may quote unmarked. */
  readonly ownTemplates: { readonly subject: string; readonly bodies: readonly string[] };
}

interface KeywordMatcher {
  readonly pattern: RegExp;
  /** The configured keyword for each capture group, in group order. */
  readonly keywords: readonly string[];
}

interface KeywordSearch {
  /** The first keyword that stands un-negated, else null. */
  readonly found: string | null;
  /** The first keyword seen only negated, else null. */
  readonly negated: string | null;
  /** In a reply to offhours' mail, a keyword seen only in the text it took from offhours. */
  readonly inOwnText?: string;
}

/**
 * A keyword list is compiled once per config object: triage runs on every message, and
 * the config arrays live until the next reload, which hands in new arrays.
 */
const matcherCache = new WeakMap<readonly string[], KeywordMatcher | null>();
const fragmentCache = new WeakMap<readonly string[], Map<string, readonly string[]>>();

/**
 * Whether the message is an emergency for this client. Keywords are whole words or phrases,
 * any case, in the subject or the body; a phrase matches across any run of whitespace,
 * line breaks included. Whole word means letters, digits, marks or '_' may not touch the
 * match: "URGENT:" and "urgent!" match "urgent", "urgently" does not.
 *
 * Only the body's fresh text is read (quotes, forwarded history and hidden HTML removed by
 * the parser). What does not count there either: lines starting with '>'; a
 * negated keyword ("not urgent", "kein Notfall", isNegated); and, in a reply to offhours'
 * own mail, the subject it inherited and any stretch of text from the client's reply
 * templates ("reply with URGENT..."), quoted with or without '>'. Then only a verified
 * sender, one of `emergency.senders` when set, can raise it, and automated mail only with
 * `emergency.automated`.
 */
export function detectEmergency(
  facts: MessageFacts,
  rules: ClientRules['emergency'],
  context: EmergencyContext,
): EmergencyVerdict {
  const matcher = getMatcher(rules.keywords);
  if (matcher === null) return { emergency: false, reasons: [], keyword: null };
  const body = stripQuotedLines(facts.freshText);
  const search = context.answersOffhoursMail
    ? searchOwnReply(matcher, facts.subject, body, context.ownTemplates, rules.keywords)
    : searchTexts(matcher, [facts.subject, body]);
  if (search.found === null) {
    if (search.negated !== null) {
      return { emergency: false, reasons: ['EMERGENCY_NEGATED'], keyword: search.negated };
    }
    if (search.inOwnText !== undefined) {
      return { emergency: false, reasons: ['EMERGENCY_IN_OWN_TEXT'], keyword: search.inOwnText };
    }
    return { emergency: false, reasons: [], keyword: null };
  }
  const keyword = search.found;
  const reasons: ReasonCode[] = [];
  const sender = normalizeAddress(facts.from?.address ?? '');
  if (rules.senders.length > 0 && !rules.senders.map(normalizeAddress).includes(sender)) {
    reasons.push('EMERGENCY_SENDER_NOT_ALLOWED');
  }
  if (!context.senderVerified) reasons.push('EMERGENCY_SENDER_UNVERIFIED');
  if (context.automated && !rules.automated) reasons.push('EMERGENCY_AUTOMATED_IGNORED');
  if (reasons.length > 0) return { emergency: false, reasons, keyword };
  return {
    emergency: true,
    reasons: context.automated
      ? ['EMERGENCY_AUTOMATED_ALLOWED', 'EMERGENCY_KEYWORD']
      : ['EMERGENCY_KEYWORD'],
    keyword,
  };
}

/**
 * A reply to offhours' mail: the inherited subject and our template text are cut first. When
 * a keyword then stands nowhere but was there before the cut, EMERGENCY_IN_OWN_TEXT says so.
 */
function searchOwnReply(
  matcher: KeywordMatcher,
  subject: string,
  body: string,
  templates: EmergencyContext['ownTemplates'],
  keywords: readonly string[],
): KeywordSearch {
  const fresh = searchTexts(matcher, [
    readFreshSubject(subject, templates.subject),
    removeFragments(collapseSpace(body), listOwnFragments(matcher, templates.bodies, keywords)),
  ]);
  if (fresh.found !== null || fresh.negated !== null) return fresh;
  const whole = searchTexts(matcher, [subject, body]);
  return whole.found === null ? fresh : { found: null, negated: null, inOwnText: whole.found };
}

function searchTexts(matcher: KeywordMatcher, texts: readonly string[]): KeywordSearch {
  let negated: string | null = null;
  for (const text of texts) {
    for (const match of text.matchAll(matcher.pattern)) {
      const keyword = readKeyword(matcher, match);
      if (keyword === null) continue;
      if (!isNegated(text, match.index)) return { found: keyword, negated: null };
      negated ??= keyword;
    }
  }
  return { found: null, negated };
}

function readKeyword(matcher: KeywordMatcher, match: RegExpMatchArray): string | null {
  const group = match.findIndex((value, index) => index > 0 && value !== undefined);
  return matcher.keywords[group - 1] ?? null;
}

function stripQuotedLines(text: string): string {
  return text.includes('>') ? text.replace(/^[ \t]*>.*$/gm, '') : text;
}

/** Runs of white space as one space, curly apostrophes as straight ones, lower case. */
function collapseSpace(text: string): string {
  return text.normalize('NFC').replace(/’/g, "'").replace(/\s+/gu, ' ').toLowerCase();
}

function removeFragments(text: string, fragments: readonly string[]): string {
  let kept = text;
  for (const fragment of fragments) {
    if (kept.includes(fragment)) kept = kept.split(fragment).join(' | ');
  }
  return kept;
}

/**
 * The stretches of the client's templates between placeholders that hold a keyword, in the
 * form collapseSpace gives: those are what a quoted auto-reply could raise an emergency with.
 */
function listOwnFragments(
  matcher: KeywordMatcher,
  bodies: readonly string[],
  keywords: readonly string[],
): readonly string[] {
  let byBodies = fragmentCache.get(keywords);
  if (byBodies === undefined) {
    byBodies = new Map();
    fragmentCache.set(keywords, byBodies);
  }
  const key = bodies.join('\u0000');
  const cached = byBodies.get(key);
  if (cached !== undefined) return cached;
  const fragments = bodies
    .flatMap((body) => body.split(/\{\{\s*[A-Za-z]+\s*\}\}/))
    .map((segment) => collapseSpace(segment).trim())
    .filter((segment) => segment !== '' && searchTexts(matcher, [segment]).found !== null);
  byBodies.set(key, fragments);
  return fragments;
}

function getMatcher(keywords: readonly string[]): KeywordMatcher | null {
  const cached = matcherCache.get(keywords);
  if (cached !== undefined) {
    return cached;
  }
  const matcher = compileMatcher(keywords);
  matcherCache.set(keywords, matcher);
  return matcher;
}

function compileMatcher(keywords: readonly string[]): KeywordMatcher | null {
  const usable = keywords.filter((keyword) => keyword.trim() !== '');
  if (usable.length === 0) {
    return null;
  }
  const alternatives = usable.map((keyword) => `(${toPhrasePattern(keyword)})`).join('|');
  const wordChar = '[\\p{L}\\p{N}\\p{M}_]';
  return {
    pattern: new RegExp(`(?<!${wordChar})(?:${alternatives})(?!${wordChar})`, 'giu'),
    keywords: usable,
  };
}

function toPhrasePattern(keyword: string): string {
  return keyword
    .normalize('NFC')
    .trim()
    .split(/\s+/u)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
}
