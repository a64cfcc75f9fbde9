import { createZoneCalendar } from '../schedule/create-zone-calendar.js';
import { formatLocalStamp } from '../schedule/format-local-stamp.js';
import { sanitizeHeaderValue } from '../triage/sanitize-header-value.js';
import type { ActivityRecord, RecordOutcome } from './activity-record.js';

/**
 * One step of a message in a few words ("held until 22:00", "forwarded to sam@…"), times
 * on the VA's wall clock; a return on the decision's own local day is shown as a time
 * only. Addresses are put on one line. Pure.
 */
export function describeOutcomeBriefly(
  outcome: RecordOutcome,
  record: Pick<ActivityRecord, 'from'>,
  decidedAt: Date,
  timeZone: string,
): string {
  switch (outcome.type) {
    case 'held': {
      const until = new Date(outcome.until);
      if (Number.isNaN(until.getTime())) return 'held';
      const calendar = createZoneCalendar(timeZone);
      const sameDay =
        calendar.readLocal(until.getTime()).day === calendar.readLocal(decidedAt.getTime()).day;
      return `held until ${formatLocalStamp(until, timeZone, { timeOnly: sameDay })}`;
    }
    case 'left':
      return 'left in the inbox';
    case 'replied':
      return outcome.to === record.from
        ? 'replied'
        : `replied to ${sanitizeHeaderValue(outcome.to)}`;
    case 'reply-suppressed':
      return `not replied (${sanitizeHeaderValue(outcome.reason.replaceAll('-', ' '))})`;
    case 'forwarded':
      return `forwarded to ${sanitizeHeaderValue(outcome.to)}`;
    case 'released':
      return outcome.found ? 'back in the inbox' : 'released (no longer in the hold folder)';
    case 'failed':
      return `${outcome.job} failed (${outcome.code})`;
    case 'escalated':
      return `escalated to ${sanitizeHeaderValue(outcome.to)}`;
    case 'announced': {
      const start = new Date(outcome.absenceStart);
      const when = Number.isNaN(start.getTime())
        ? ''
        : ` from ${formatLocalStamp(start, timeZone)}`;
      return `told ${sanitizeHeaderValue(outcome.to)} of the absence${when}`;
    }
    case 'acknowledged':
      return outcome.by === undefined
        ? 'acknowledged'
        : `acknowledged by ${sanitizeHeaderValue(outcome.by)}`;
    case 'answered':
      return outcome.via === 'answered-flag'
        ? 'answered in time (marked answered)'
        : 'answered in time';
    case 'reminded':
      return outcome.flagged
        ? `reply overdue: flagged, ${sanitizeHeaderValue(outcome.to)} reminded`
        : `reply overdue: ${sanitizeHeaderValue(outcome.to)} reminded (message not found to flag)`;
    default: {
      const unknown: never = outcome;
      return String(unknown);
    }
  }
}
