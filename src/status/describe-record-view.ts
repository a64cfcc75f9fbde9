import type { StoredRecord } from '../records/activity-record.js';
import { describeOutcomeBriefly } from '../records/describe-outcome-briefly.js';
import { describeReasonsBriefly } from '../records/describe-reasons-briefly.js';
import { reasonCodes } from '../triage/reason-codes.js';
import { describeWhen } from './describe-when.js';
import type { ReasonView, RecordView } from './status-view.js';

/** Codes that restate the client or the decision, which the row shows already. */
const restating = /^(CLIENT_MATCHED_|ACTION_)/;

/**
 * One record as the page lists it: when (VA's clock), who, what became of it in words, and
 * each reason in a few words with its full meaning. Message text is passed on as it is;
 * the renderer escapes it. Pure.
 */
export function describeRecordView(
  record: StoredRecord,
  clientNames: ReadonlyMap<string, string>,
  timeZone: string,
  now: Date,
): RecordView {
  const at = new Date(record.at);
  return {
    id: record.id,
    at: record.at,
    atText: describeWhen(at, timeZone, now),
    client: record.client,
    clientName: record.client === null ? null : (clientNames.get(record.client) ?? record.client),
    from: record.from,
    subject: record.subject ?? null,
    decision: record.decision,
    outcome: record.outcome.type,
    outcomeText:
      // "held until tomorrow 08:45" reads better here than the log's sortable stamp.
      record.outcome.type === 'held' && !Number.isNaN(Date.parse(record.outcome.until))
        ? `held until ${describeWhen(new Date(record.outcome.until), timeZone, now)}`
        : describeOutcomeBriefly(record.outcome, record, at, timeZone),
    reasons: describeReasons(record.reasons),
    emergency: record.emergency,
    automated: record.automated,
  };
}

function describeReasons(codes: readonly string[]): ReasonView[] {
  const seen = new Set<string>();
  const reasons: ReasonView[] = [];
  for (const code of codes) {
    if (restating.test(code) || seen.has(code)) continue;
    seen.add(code);
    reasons.push({
      code,
      words: describeReasonsBriefly([code])[0] ?? code,
      meaning: (reasonCodes as Partial<Record<string, string>>)[code] ?? code,
    });
  }
  return reasons;
}
