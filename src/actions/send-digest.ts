import type { OffhoursConfig } from '../config/offhours-config.js';
import { deriveOutgoingMessageId } from '../mail/derive-outgoing-message-id.js';
import type { Logger } from '../observability/create-logger.js';
import type { JobPayload } from '../queue/job-catalog.js';
import { composeDigest } from '../records/compose-digest.js';
import { planDigest } from '../schedule/plan-digest.js';
import type { DigestMark } from '../store/digest-mark.js';
import type { RecordLog } from '../store/record-log.js';
import { deliverOnce, type DeliverOnceDeps } from './deliver-once.js';

export interface SendDigestDeps {
  readonly delivery: DeliverOnceDeps;
  readonly records: Pick<RecordLog, 'list'>;
  readonly mark: Pick<DigestMark, 'read' | 'advance'>;
  readonly mailboxId: string;
  readonly config: () => Pick<
    OffhoursConfig,
    'digest' | 'assistant' | 'clients' | 'onCall' | 'smtp'
  >;
  readonly logger: Logger;
  readonly now: () => Date;
}

export type DigestOutcome =
  | { readonly sent: true; readonly messageId: string; readonly earlier: boolean }
  | {
      readonly sent: false;
      readonly reason: 'disabled' | 'done' | 'stale' | 'superseded' | 'empty';
    };

/** With no mark at all (its key lost), a digest covers the day before it. */
const fallbackPeriodMs = 86_400_000;

/**
 * Sends the VA the hand-back digest of the period that ends at the job's `dueAt`: every
 * record since the mailbox's digest mark, as one HTML email with a text part, delivered
 * exactly once per job (deliverOnce: a retry after a crash looks in the Sent folder), then
 * the mark moves to `dueAt`. Nothing is sent when the digest was turned off, when the
 * period was digested already (a repeated job), when `dueAt` is no longer a digest instant
 * (the schedules or digest.at changed since it was planned), when a later digest instant
 * has passed too (the daemon was down over several: that digest's job covers this period,
 * so one email comes, not one per missed day), or when the period holds nothing to tell
 * (then the mark moves on all the same).
 */
export async function sendDigest(
  payload: JobPayload<'digest'>,
  jobId: string,
  deps: SendDigestDeps,
): Promise<DigestOutcome> {
  const config = deps.config();
  const dueAt = new Date(payload.dueAt);
  const skip = (
    reason: 'disabled' | 'done' | 'stale' | 'superseded',
    message: string,
  ): DigestOutcome => {
    deps.logger.info({ event: 'digest_skipped', reason, dueAt: payload.dueAt, jobId }, message);
    return { sent: false, reason };
  };
  if (!config.digest.enabled) return skip('disabled', 'digest not sent: digest.enabled is false');
  const mark = await deps.mark.read();
  if (mark !== null && mark.getTime() >= dueAt.getTime())
    return skip('done', 'digest of this period was sent already');
  const planFrom = (since: Date, now: Date) =>
    planDigest({
      timeZone: config.assistant.timeZone,
      schedules: config.clients.map((client) => client.schedule),
      at: config.digest.at,
      since,
      now,
    });
  if (planFrom(new Date(dueAt.getTime() - 1), dueAt).overdue?.getTime() !== dueAt.getTime())
    return skip('stale', 'digest not sent: the schedules no longer put a digest at this time');
  if (planFrom(dueAt, deps.now()).overdue !== null)
    return skip('superseded', 'digest not sent: a later one is due already and covers its period');

  const since = mark ?? new Date(dueAt.getTime() - fallbackPeriodMs);
  const records = (await deps.records.list({ since, until: dueAt })).reverse();
  const digest = composeDigest(records, {
    since,
    until: dueAt,
    timeZone: config.assistant.timeZone,
    assistantName: config.assistant.name,
    clientOrder: config.clients.map((client) => client.id),
    clientNames: Object.fromEntries(config.clients.map((client) => [client.id, client.name])),
    backupNames: Object.fromEntries(
      config.onCall.backups.map((backup) => [backup.address.toLowerCase(), backup.name]),
    ),
  });
  const period = { since: since.toISOString(), until: payload.dueAt, records: records.length };
  if (digest === null) {
    await deps.mark.advance(dueAt);
    deps.logger.info(
      { event: 'digest_empty', jobId, ...period },
      'nothing happened since the last digest: none sent',
    );
    return { sent: false, reason: 'empty' };
  }
  const from = config.smtp.from;
  const to = config.digest.to;
  const outcome = await deliverOnce(
    {
      jobId,
      messageId: deriveOutgoingMessageId(deps.mailboxId, jobId, from),
      envelope: { from, to: [to] },
      mail: {
        from: { name: `offhours for ${config.assistant.name}`, address: from },
        to,
        subject: digest.subject,
        text: digest.text,
        html: digest.html,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Offhours': 'digest' },
      },
    },
    deps.delivery,
  );
  await deps.mark.advance(dueAt);
  deps.logger.info(
    {
      event: outcome.delivered === 'now' ? 'digest_sent' : 'digest_already_sent',
      jobId,
      to,
      messageId: outcome.messageId,
      ...period,
      ...digest.counts,
    },
    outcome.delivered === 'now'
      ? 'hand-back digest sent'
      : 'hand-back digest had been sent by an earlier attempt',
  );
  return { sent: true, messageId: outcome.messageId, earlier: outcome.delivered === 'earlier' };
}
