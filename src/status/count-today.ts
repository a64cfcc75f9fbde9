import type { StoredRecord } from '../records/activity-record.js';
import { createZoneCalendar } from '../schedule/create-zone-calendar.js';
import type { TodayCounts } from './status-view.js';

/**
 * What happened today on the VA's clock (from local midnight in `timeZone` up to `now`),
 * counted from the records: a message counts as received once, at its decision. Pure.
 */
export function countToday(
  records: readonly StoredRecord[],
  timeZone: string,
  now: Date,
): TodayCounts {
  const calendar = createZoneCalendar(timeZone);
  const startMs = calendar.resolveWallTime(calendar.readLocal(now.getTime()).day, 0);
  const counts = {
    received: 0,
    replied: 0,
    suppressed: 0,
    forwarded: 0,
    held: 0,
    robots: 0,
    released: 0,
    failed: 0,
  };
  for (const record of records) {
    const ms = Date.parse(record.at);
    if (!(ms >= startMs && ms <= now.getTime())) continue;
    if (record.jobId === null) {
      counts.received += 1;
      if (record.automated) counts.robots += 1;
    }
    switch (record.outcome.type) {
      case 'held':
        counts.held += 1;
        break;
      case 'replied':
        counts.replied += 1;
        break;
      case 'reply-suppressed':
        counts.suppressed += 1;
        break;
      case 'forwarded':
        counts.forwarded += 1;
        break;
      case 'released':
        if (record.outcome.found) counts.released += 1;
        break;
      case 'failed':
        counts.failed += 1;
        break;
      case 'left':
      case 'escalated':
      case 'acknowledged':
      case 'announced':
      case 'answered':
      case 'reminded':
        break;
      default: {
        const unknown: never = record.outcome;
        throw new Error(`unknown outcome ${String(unknown)}`);
      }
    }
  }
  return counts;
}
