import type { Logger } from '../observability/create-logger.js';
import type { JobPayload } from '../queue/job-catalog.js';
import type { ReplyLedger } from '../store/reply-ledger.js';
import type { SendCaps, SendLimits } from '../store/send-caps.js';
import { OffhoursError } from '../errors/offhours-error.js';
import { deriveOutgoingMessageId } from '../mail/derive-outgoing-message-id.js';
import { deliverOnce, type DeliverOnceDeps } from './deliver-once.js';

export interface SendReplyDeps {
  readonly delivery: DeliverOnceDeps;
  readonly ledger: ReplyLedger;
  readonly caps: SendCaps;
  readonly logger: Logger;
  readonly mailboxId: string;
  readonly from: { readonly name: string; readonly address: string };
  readonly limits: SendLimits;
  readonly now: () => Date;
}

export type ReplyOutcome =
  | { readonly sent: true; readonly messageId: string; readonly earlier: boolean }
  | {
      readonly sent: false;
      readonly suppressed: 'once-per-period' | 'in-progress';
    };

/** The X-Offhours marker on everything offhours sends, so any offhours recognises its own kind. */
export const offhoursMarker = (action: string, clientId: string): string =>
  `${action}; client=${clientId}`;

/**
 * Sends one automatic reply as RFC 3834 asks (Auto-Submitted, In-Reply-To, References,
 * X-Auto-Response-Suppress, Precedence, our marker), at most once per sender, client and
 * kind within the period, and exactly once per job across crashes (deliverOnce). A reply
 * over the per-address breaker or the global cap is deferred (SEND_DEFERRED), never dropped.
 */
export async function sendReply(
  payload: JobPayload<'reply'>,
  jobId: string,
  deps: SendReplyDeps,
): Promise<ReplyOutcome> {
  const key = deps.ledger.keyFor(payload.clientId, payload.kind, payload.to);
  const taken = await deps.ledger.take(key, jobId, payload.oncePerSeconds);
  if (taken !== 'taken') {
    const suppressed = taken === 'already-sent' ? 'once-per-period' : 'in-progress';
    deps.logger.info(
      {
        event: 'reply_suppressed',
        code: 'REPLY_SUPPRESSED',
        reason: suppressed,
        client: payload.clientId,
        to: payload.to,
      },
      'reply not sent',
    );
    return { sent: false, suppressed };
  }
  const messageId = deriveOutgoingMessageId(deps.mailboxId, jobId, deps.from.address);
  let outcome;
  try {
    outcome = await deliverOnce(
      {
        jobId,
        messageId,
        envelope: { from: deps.from.address, to: [payload.to] },
        mail: {
          from: { name: deps.from.name, address: deps.from.address },
          to: payload.to,
          subject: payload.subject,
          text: payload.body,
          ...(payload.inReplyTo === null ? {} : { inReplyTo: `<${payload.inReplyTo}>` }),
          ...(payload.references.length === 0
            ? {}
            : { references: payload.references.map((id) => `<${id}>`) }),
          headers: {
            'Auto-Submitted': 'auto-replied',
            'X-Auto-Response-Suppress': 'All',
            Precedence: 'bulk',
            'X-Offhours': offhoursMarker(`reply-${payload.kind}`, payload.clientId),
          },
        },
        reserve: async () => {
          const reservation = await deps.caps.reserve(payload.to, deps.limits, deps.now());
          if (reservation.ok) return reservation.release;
          deps.logger.warn(
            {
              event: 'reply_deferred',
              code: 'SEND_DEFERRED',
              reason: reservation.cap === 'per-address' ? 'circuit-breaker' : 'global-cap',
              client: payload.clientId,
              to: payload.to,
              retryAt: reservation.retryAt.toISOString(),
            },
            reservation.cap === 'per-address'
              ? 'reply waits: too many automatic messages to this address this hour'
              : 'reply waits: the per-minute cap on automatic mail is reached',
          );
          throw new OffhoursError(
            'SEND_DEFERRED',
            `reply to ${payload.to} waits for the ${reservation.cap} cap`,
            {
              details: { retryAt: reservation.retryAt.getTime(), cap: reservation.cap },
            },
          );
        },
      },
      deps.delivery,
    );
  } catch (error) {
    // Nothing went out (refused, deferred: no delivery record left), so the sender's next
    // message may be answered meanwhile. When it is unknown (the record stays 'sending'),
    // the entry stays this job's: only its retry, after a look in the Sent folder, can send.
    const record = await deps.delivery.deliveries.read(jobId).catch(() => undefined);
    if (record === null || (error instanceof OffhoursError && error.code === 'SEND_DEFERRED'))
      await deps.ledger.abandon(key, jobId).catch(() => undefined);
    throw error;
  }
  await deps.ledger.confirm(key, jobId, payload.oncePerSeconds);
  deps.logger.info(
    {
      event: outcome.delivered === 'now' ? 'reply_sent' : 'reply_already_sent',
      client: payload.clientId,
      kind: payload.kind,
      to: payload.to,
      messageKey: payload.messageKey,
      messageId: outcome.messageId,
    },
    outcome.delivered === 'now' ? 'reply sent' : 'reply had been sent by an earlier attempt',
  );
  return { sent: true, messageId: outcome.messageId, earlier: outcome.delivered === 'earlier' };
}
