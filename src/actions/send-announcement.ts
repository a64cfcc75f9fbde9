import { OffhoursError } from '../errors/offhours-error.js';
import { deriveOutgoingMessageId } from '../mail/derive-outgoing-message-id.js';
import type { Logger } from '../observability/create-logger.js';
import type { JobPayload } from '../queue/job-catalog.js';
import type { AnnouncementLedger } from '../store/announcement-ledger.js';
import type { SendCaps, SendLimits } from '../store/send-caps.js';
import { deliverOnce, type DeliverOnceDeps } from './deliver-once.js';
import { offhoursMarker } from './send-reply.js';

export interface SendAnnouncementDeps {
  readonly delivery: DeliverOnceDeps;
  readonly ledger: Pick<AnnouncementLedger, 'read' | 'mark'>;
  readonly caps: Pick<SendCaps, 'reserve'>;
  readonly logger: Logger;
  readonly mailboxId: string;
  readonly from: { readonly name: string; readonly address: string };
  readonly limits: SendLimits;
  readonly now: () => Date;
}

export type AnnouncementOutcome =
  | { readonly sent: true; readonly messageId: string; readonly earlier: boolean }
  | { readonly sent: false; readonly skipped: 'already-announced' | 'absence-begun' };

/**
 * Sends one days-off announcement, once per absence and recipient across crashes and
 * restarts: the announcement ledger says whether it went out already, deliverOnce makes the
 * send itself exactly-once per job (its id names the absence and the recipient), and the
 * ledger is written after the server's 250. Marked as automatic mail that is not a reply
 * (RFC 3834 `Auto-Submitted: auto-generated`), so responders and offhours itself never
 * answer it. A job that runs only once the absence has begun (queued while SMTP was down)
 * is dropped: the auto-replies speak for it then. Counted by the caps like a reply.
 */
export async function sendAnnouncement(
  payload: JobPayload<'announce'>,
  jobId: string,
  deps: SendAnnouncementDeps,
): Promise<AnnouncementOutcome> {
  const absenceStart = new Date(payload.absenceStart);
  const about = { client: payload.clientId, to: payload.to, absenceStart: payload.absenceStart };
  const prior = (await deps.ledger.read(payload.clientId, absenceStart)).get(payload.to);
  if (prior !== undefined) {
    deps.logger.info(
      { event: 'announcement_skipped', reason: 'already-announced', ...about },
      'announcement not sent: it went out already',
    );
    return { sent: false, skipped: 'already-announced' };
  }
  if (deps.now().getTime() >= absenceStart.getTime()) {
    deps.logger.warn(
      {
        event: 'announcement_skipped',
        code: 'ANNOUNCEMENT_LATE',
        reason: 'absence-begun',
        ...about,
      },
      'announcement not sent: the absence has begun (the auto-replies tell senders now)',
    );
    return { sent: false, skipped: 'absence-begun' };
  }
  const messageId = deriveOutgoingMessageId(deps.mailboxId, jobId, deps.from.address);
  const outcome = await deliverOnce(
    {
      jobId,
      messageId,
      envelope: { from: deps.from.address, to: [payload.to] },
      mail: {
        from: { name: deps.from.name, address: deps.from.address },
        to: payload.to,
        subject: payload.subject,
        text: payload.body,
        headers: {
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
          Precedence: 'bulk',
          'X-Offhours': offhoursMarker('announce', payload.clientId),
        },
      },
      reserve: async () => {
        const reservation = await deps.caps.reserve(payload.to, deps.limits, deps.now());
        if (reservation.ok) return reservation.release;
        deps.logger.warn(
          {
            event: 'announcement_deferred',
            code: 'SEND_DEFERRED',
            reason: reservation.cap === 'per-address' ? 'circuit-breaker' : 'global-cap',
            ...about,
            retryAt: reservation.retryAt.toISOString(),
          },
          'announcement waits for the caps on automatic mail',
        );
        throw new OffhoursError(
          'SEND_DEFERRED',
          `announcement to ${payload.to} waits for the ${reservation.cap} cap`,
          { details: { retryAt: reservation.retryAt.getTime(), cap: reservation.cap } },
        );
      },
    },
    deps.delivery,
  );
  await deps.ledger.mark(
    {
      clientId: payload.clientId,
      absenceStart,
      absenceEnd: new Date(payload.absenceEnd),
      to: payload.to,
    },
    { messageId: outcome.messageId, at: deps.now().toISOString() },
  );
  deps.logger.info(
    {
      event: outcome.delivered === 'now' ? 'announcement_sent' : 'announcement_already_sent',
      ...about,
      messageId: outcome.messageId,
    },
    outcome.delivered === 'now'
      ? 'days-off announcement sent'
      : 'days-off announcement had been sent by an earlier attempt',
  );
  return { sent: true, messageId: outcome.messageId, earlier: outcome.delivered === 'earlier' };
}
