import type { Logger } from '../observability/create-logger.js';
import type { ActivityRecord, OutcomeInput } from '../records/activity-record.js';
import {
  describeDecisionRecord,
  type DecidedMessage,
} from '../records/describe-decision-record.js';
import type { RecordLog } from '../store/record-log.js';
import { describeJobOutcomes, type FinishedJobEvent } from './describe-job-outcomes.js';

/**
 * Writes the record of what one mailbox's offhours decided and did (see docs/records.md):
 * the decisions of a triage batch, and the outcomes of each finished job. Best effort: a
 * record that cannot be written is logged `record_failed` (RECORD_FAILED) and never
 * changes what happens to the mail; nothing here throws.
 */
export class ActivityRecorder {
  constructor(
    private readonly log: RecordLog,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  /** The decisions of one batch, written together before its jobs are queued. */
  async recordDecisions(messages: readonly DecidedMessage[]): Promise<void> {
    await Promise.all(
      messages.map((message) => {
        const record = describeDecisionRecord(message);
        return this.write(record, () => this.log.append(record));
      }),
    );
  }

  /** The outcome records of a finished job (none for an attempt that will be retried). */
  async recordJobFinished(event: FinishedJobEvent): Promise<void> {
    let inputs: OutcomeInput[];
    try {
      inputs = describeJobOutcomes(event, this.now());
    } catch (error) {
      this.fail(error, { job: event.name, jobId: event.job.id ?? null });
      return;
    }
    // In order: a release's records keep the order its messages came back in.
    for (const input of inputs) await this.write(input, () => this.log.appendOutcome(input));
  }

  /** One step that is no job's outcome: an escalation's acknowledgement, seen by triage. */
  async recordOutcome(input: OutcomeInput): Promise<void> {
    await this.write(input, () => this.log.appendOutcome(input));
  }

  private async write(
    step: Pick<ActivityRecord, 'messageKey' | 'outcome' | 'jobId'>,
    append: () => Promise<string | null>,
  ): Promise<void> {
    const what = {
      mailboxId: this.log.mailboxId,
      messageKey: step.messageKey,
      outcome: step.outcome.type,
      jobId: step.jobId,
    };
    try {
      const id = await append();
      this.logger.debug(
        { event: 'recorded', ...what, recordId: id },
        id === null ? 'decision already on record' : 'recorded',
      );
    } catch (error) {
      this.fail(error, what);
    }
  }

  private fail(error: unknown, what: Record<string, unknown>): void {
    this.logger.warn(
      { event: 'record_failed', code: 'RECORD_FAILED', ...what, err: error },
      'could not write a record; the mail itself was handled as usual',
    );
  }
}
