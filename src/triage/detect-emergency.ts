import type { MessageFacts } from './message-facts.js';
import type { ReasonCode } from './reason-codes.js';
import type { ClientRules } from './triage-config.js';

export interface EmergencyVerdict {
  readonly emergency: boolean;
  readonly reasons: ReasonCode[];
  /** The configured keyword that matched (also when the match is overruled), else null. */
  readonly keyword: string | null;
}

interface KeywordMatcher {
  readonly pattern: RegExp;
  /** The configured keyword for each capture group, in group order. */
  readonly keywords: readonly string[];
}

/**
 * A keyword list is compiled once per config object: triage runs on every message, and
 * the config arrays live until the next reload, which hands in new arrays.
 */
const matcherCache = new WeakMap<readonly string[], KeywordMatcher | null>();

/**
 * Whether the message is an emergency for this client. Keywords are whole words or phrases,
 * any case, in the subject or the body; a phrase matches across any run of whitespace,
 * line breaks included. Whole word means letters, digits, marks or '_' may not touch the
 * match: "URGENT:" and "urgent!" match "urgent", "urgently" does not. Only the body's fresh
 * text is read (quotes and forwarded history removed by the parser, '>' lines skipped), so
 * a reply to an old urgent mail is not a new emergency.
 */
export function detectEmergency(
  facts: MessageFacts,
  rules: ClientRules['emergency'],
  automated: boolean,
): EmergencyVerdict {
  const keyword = findKeyword(facts, rules.keywords);
  if (keyword === null) {
    return { emergency: false, reasons: [], keyword: null };
  }
  const reasons: ReasonCode[] = [];
  if (rules.senders.length > 0 && !rules.senders.includes(facts.from?.address ?? '')) {
    reasons.push('EMERGENCY_SENDER_NOT_ALLOWED');
  }
  if (automated && !rules.automated) {
    reasons.push('EMERGENCY_AUTOMATED_IGNORED');
  }
  if (reasons.length > 0) {
    return { emergency: false, reasons, keyword };
  }
  return {
    emergency: true,
    reasons: automated
      ? ['EMERGENCY_AUTOMATED_ALLOWED', 'EMERGENCY_KEYWORD']
      : ['EMERGENCY_KEYWORD'],
    keyword,
  };
}

function findKeyword(facts: MessageFacts, keywords: readonly string[]): string | null {
  const matcher = getMatcher(keywords);
  if (matcher === null) {
    return null;
  }
  return (
    matchKeyword(matcher, facts.subject) ?? matchKeyword(matcher, stripQuotedLines(facts.freshText))
  );
}

function matchKeyword(matcher: KeywordMatcher, text: string): string | null {
  const match = matcher.pattern.exec(text);
  if (match === null) {
    return null;
  }
  const group = match.findIndex((value, index) => index > 0 && value !== undefined);
  return matcher.keywords[group - 1] ?? null;
}

function stripQuotedLines(text: string): string {
  return text.includes('>') ? text.replace(/^[ \t]*>.*$/gm, '') : text;
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
    pattern: new RegExp(`(?<!${wordChar})(?:${alternatives})(?!${wordChar})`, 'iu'),
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
