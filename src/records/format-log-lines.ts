import { formatLocalStamp } from '../schedule/format-local-stamp.js';
import { sanitizeHeaderValue } from '../triage/sanitize-header-value.js';
import type { ActivityRecord } from './activity-record.js';
import { describeOutcomeBriefly } from './describe-outcome-briefly.js';
import { describeReasonsBriefly } from './describe-reasons-briefly.js';

const maxSubjectLength = 80;

/**
 * `offhours log`'s human form: one line per message, in the order the messages first
 * appear in `records` (oldest first), each with what offhours decided and everything that
 * became of it, times on the VA's wall clock:
 *
 *     2026-11-25 21:59  acme  jane@acme.example  "Invoice question"  reply-and-hold → held until 22:00, replied, back in the inbox  (out of hours)
 *
 * Text that came from a message is put on one line without control characters, so a
 * subject cannot break the layout or send escape sequences to the terminal. Pure.
 */
export function formatLogLines(records: readonly ActivityRecord[], timeZone: string): string {
  const messages = new Map<string, ActivityRecord[]>();
  for (const record of records) {
    const steps = messages.get(record.messageKey);
    if (steps === undefined) messages.set(record.messageKey, [record]);
    else steps.push(record);
  }
  return [...messages.values()].map((steps) => `${formatMessage(steps, timeZone)}\n`).join('');
}

function formatMessage(steps: readonly ActivityRecord[], timeZone: string): string {
  // Every step carries the decision's fields; the first step is the earliest on record.
  const first = steps[0] as ActivityRecord;
  const at = new Date(first.at);
  const outcomes = steps.map((step) => describeOutcomeBriefly(step.outcome, step, at, timeZone));
  const reasons = describeReasonsBriefly(first.reasons);
  return [
    formatLocalStamp(at, timeZone),
    first.client ?? '-',
    first.from === null ? '-' : sanitizeHeaderValue(first.from),
    ...(first.subject === undefined
      ? []
      : [`"${sanitizeHeaderValue(first.subject, maxSubjectLength)}"`]),
    `${first.decision === 'unknown' ? '' : `${first.decision} → `}${outcomes.join(', ')}`,
    ...(reasons.length === 0 ? [] : [`(${reasons.join(', ')})`]),
  ].join('  ');
}
