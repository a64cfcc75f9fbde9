import {
  bulkSenderHeaders,
  calendarContentClasses,
  calendarReturnPathSuffixes,
  calendarSenders,
  helpdeskHeaders,
  markerHeaders,
  type HeaderFamily,
} from './automation-headers.js';
import type { SubjectKind } from './automated-subjects.js';
import { challengePhrases } from './challenge-phrases.js';
import { detectSpamVerdict } from './detect-spam-verdict.js';
import { isVerpReturnPath } from './is-verp-return-path.js';
import { matchAutomatedSubject } from './match-automated-subject.js';
import type { MessageFacts } from './message-facts.js';
import type { ReasonCode } from './reason-codes.js';
import { classifySender } from './robot-senders.js';
import { bulkScoreThreshold, scoreBulkMail } from './score-bulk-mail.js';

const listHeaders = [
  'list-id',
  'list-help',
  'list-subscribe',
  'list-unsubscribe',
  'list-post',
  'list-owner',
  'list-archive',
] as const;

const bulkPrecedences: ReadonlySet<string> = new Set(['bulk', 'junk', 'list', 'auto_reply']);

const challengeTextChars = 1500;

const suppressingValues: ReadonlySet<string> = new Set(['all', 'oof']);

const reportTypes: ReadonlySet<string> = new Set([
  'multipart/report',
  'message/delivery-status',
  'message/global-delivery-status',
  'message/disposition-notification',
  'message/global-disposition-notification',
  'message/feedback-report',
]);

/** iTIP methods a calendar system sends; PUBLISH is a plain .ics a person may attach. */
const itipMethods: ReadonlySet<string> = new Set([
  'REQUEST',
  'REPLY',
  'CANCEL',
  'COUNTER',
  'DECLINECOUNTER',
  'REFRESH',
  'ADD',
]);

const subjectReasons: Readonly<Record<SubjectKind, ReasonCode>> = {
  'auto-reply': 'AUTO_REPLY_SUBJECT',
  'non-delivery': 'AUTO_NDR_SUBJECT',
  receipt: 'AUTO_RECEIPT_SUBJECT',
  challenge: 'AUTO_CHALLENGE_SUBJECT',
  'list-notice': 'AUTO_LIST_NOTICE_SUBJECT',
  report: 'AUTO_REPORT_SUBJECT',
  transactional: 'AUTO_TRANSACTIONAL_SUBJECT',
};

/**
 * Every automation signal that fires for the message; empty when none does. Layers, each
 * with its own reason codes: the RFC 3834 rules of auto-reply-rules.md (1-8), the receiving
 * server's spam verdict, bulk-sender, helpdesk and calendar headers, report formats anywhere
 * in the MIME structure, system and role senders, VERP envelopes, robot subjects in many
 * languages, and last a weighed score of header-less bulk signs (AUTO_BULK_SCORE with the
 * BULK_* signals that made it). Only the message's own headers, structure and fresh text
 * are judged, never what it quotes or forwards, so a person forwarding a bounce is a person.
 */
export function detectAutomation(facts: MessageFacts): ReasonCode[] {
  const reasons: ReasonCode[] = [];
  const add = (code: ReasonCode, fires: boolean) => {
    if (fires) reasons.push(code);
  };
  add('AUTO_NULL_RETURN_PATH', facts.returnPath === '');
  add('AUTO_SUBMITTED', getValues(facts, 'auto-submitted').some(isAutoSubmittedValue));
  add(
    'AUTO_LIST_HEADER',
    listHeaders.some((name) => hasHeader(facts, name)),
  );
  add(
    'AUTO_PRECEDENCE',
    [...getValues(facts, 'precedence'), ...getValues(facts, 'x-precedence')].some(isBulkPrecedence),
  );
  add(
    'AUTO_RESPONSE_SUPPRESSED',
    getValues(facts, 'x-auto-response-suppress').some(isSuppressingValue),
  );
  const senderKinds = readSenderKinds(facts);
  add('AUTO_SYSTEM_SENDER', senderKinds.has('system'));
  add(
    'AUTO_REPORT',
    facts.parts.some((part) => reportTypes.has(part.contentType)) ||
      reportTypes.has(facts.contentType),
  );
  add('AUTO_MARKER_HEADER', hasFamilyHeader(facts, markerHeaders));
  const subjectKind = matchAutomatedSubject(facts.subject);
  add('AUTO_REPLY_SUBJECT', subjectKind === 'auto-reply');
  add('AUTO_OFFHOURS_MARKER', hasHeader(facts, 'x-offhours'));

  reasons.push(...detectSpamVerdict(facts));
  add('AUTO_BULK_SENDER_HEADER', hasFamilyHeader(facts, bulkSenderHeaders));
  add(
    'AUTO_CALENDAR',
    facts.calendarMethods.some((method) => itipMethods.has(method)),
  );
  add('AUTO_CALENDAR_SERVICE', isCalendarService(facts));
  add('AUTO_HELPDESK', hasFamilyHeader(facts, helpdeskHeaders));
  add('AUTO_ROLE_SENDER', senderKinds.has('role'));
  add('AUTO_VERP_RETURN_PATH', isVerpReturnPath(facts));
  if (subjectKind !== null && subjectKind !== 'auto-reply') {
    reasons.push(subjectReasons[subjectKind]);
  }
  add('AUTO_CHALLENGE_TEXT', subjectKind !== 'challenge' && isChallengeText(facts.freshText));

  if (reasons.length === 0) {
    const bulk = scoreBulkMail(facts);
    if (bulk.score >= bulkScoreThreshold) reasons.push('AUTO_BULK_SCORE', ...bulk.signals);
  }
  return reasons;
}

function getValues(facts: MessageFacts, name: string): readonly string[] {
  return facts.headers[name] ?? [];
}

function hasHeader(facts: MessageFacts, name: string): boolean {
  return getValues(facts, name).length > 0;
}

function hasFamilyHeader(facts: MessageFacts, family: HeaderFamily): boolean {
  if (family.names.some((name) => hasHeader(facts, name))) return true;
  if (family.prefixes.length === 0) return false;
  return Object.keys(facts.headers).some((name) =>
    family.prefixes.some((prefix) => name.startsWith(prefix)),
  );
}

/** RFC 3834: the keyword may carry parameters ("auto-replied; owner-email=..."). */
function isAutoSubmittedValue(value: string): boolean {
  return readFirstToken(value) !== 'no';
}

function isBulkPrecedence(value: string): boolean {
  return bulkPrecedences.has(readFirstToken(value));
}

function isSuppressingValue(value: string): boolean {
  return value.split(',').some((token) => suppressingValues.has(token.trim().toLowerCase()));
}

/** From and the envelope sender, each classified; a system envelope outranks a role From. */
function readSenderKinds(facts: MessageFacts): Set<string> {
  const kinds = new Set<string>();
  const from = facts.from?.address ?? '';
  const returnPath = facts.returnPath ?? '';
  const fromKind = from === '' ? null : classifySender(from);
  if (fromKind !== null) kinds.add(fromKind);
  if (returnPath !== '' && classifySender(returnPath) === 'system') kinds.add('system');
  return kinds;
}

function isCalendarService(facts: MessageFacts): boolean {
  const returnPath = facts.returnPath ?? '';
  const from = facts.from?.address ?? '';
  return (
    calendarReturnPathSuffixes.some((suffix) => returnPath.endsWith(suffix)) ||
    calendarSenders.includes(from) ||
    getValues(facts, 'content-class').some((value) =>
      calendarContentClasses.includes(value.trim().toLowerCase()),
    )
  );
}

/** Challenges say what they are in their first lines. */
function isChallengeText(text: string): boolean {
  const start = text.slice(0, challengeTextChars).toLowerCase();
  return challengePhrases.some((phrase) => start.includes(phrase));
}

function readFirstToken(value: string): string {
  return (value.trim().split(/[;\s(]/, 1)[0] ?? '').toLowerCase();
}
