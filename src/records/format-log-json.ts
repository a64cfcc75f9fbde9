import type { ActivityRecord } from './activity-record.js';

/**
 * `offhours log --json`: one JSON object per record (a message has one per step), oldest
 * first, in a fixed key order. `subject` is null when records keep no subjects. Pure.
 */
export function formatLogJson(records: readonly ActivityRecord[]): string {
  return records
    .map(
      (record) =>
        `${JSON.stringify({
          at: record.at,
          client: record.client,
          messageId: record.messageId,
          from: record.from,
          subject: record.subject ?? null,
          decision: record.decision,
          reasons: record.reasons,
          outcome: record.outcome,
          automated: record.automated,
          emergency: record.emergency,
          messageKey: record.messageKey,
          jobId: record.jobId,
        })}\n`,
    )
    .join('');
}
