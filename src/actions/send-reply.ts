import type { Transporter } from 'nodemailer';
import type { Logger } from '../observability/create-logger.js';
import type { JobPayload } from '../queue/job-catalog.js';
import type { ReplyLedger } from '../store/reply-ledger.js';
import { classifySmtpError } from '../mail/classify-smtp-error.js';

export interface SendReplyDeps {
  readonly transport: Transporter;
  readonly ledger: ReplyLedger;
  readonly logger: Logger;
  readonly from: { readonly name: string; readonly address: string };
  readonly perAddressPerHour: number;
  readonly now: () => Date;
}

export type ReplyOutcome =
  | { readonly sent: true; readonly messageId: string }
  | {
      readonly sent: false;
      readonly suppressed: 'once-per-period' | 'in-progress' | 'circuit-breaker';
    };

/** The X-Offhours marker on everything offhours sends, so any offhours recognises its own kind. */
export const offhoursMarker = (action: string, clientId: string): string =>
  `${action}; client=${clientId}`;

/**
 * Sends one automatic reply as RFC 3834 asks (Auto-Submitted, In-Reply-To, References,
 * X-Auto-Response-Suppress, Precedence, our marker), at most once per sender, client and
 * kind within the period, and never more than the hourly limit to one address.
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
  if (!(await deps.ledger.isWithinHourlyLimit(payload.to, deps.perAddressPerHour, deps.now()))) {
    await deps.ledger.abandon(key, jobId);
    deps.logger.warn(
      {
        event: 'reply_suppressed',
        code: 'REPLY_SUPPRESSED',
        reason: 'circuit-breaker',
        client: payload.clientId,
        to: payload.to,
      },
      'reply not sent: too many automatic messages to this address this hour',
    );
    return { sent: false, suppressed: 'circuit-breaker' };
  }
  try {
    const info = await deps.transport.sendMail({
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
    });
    await deps.ledger.confirm(key, jobId, payload.oncePerSeconds);
    const messageId = typeof info.messageId === 'string' ? info.messageId : '';
    deps.logger.info(
      {
        event: 'reply_sent',
        client: payload.clientId,
        kind: payload.kind,
        to: payload.to,
        messageKey: payload.messageKey,
      },
      'reply sent',
    );
    return { sent: true, messageId };
  } catch (error) {
    await deps.ledger.abandon(key, jobId);
    throw classifySmtpError(error);
  }
}
