import { performance } from 'node:perf_hooks';
import type { Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { SentCopy } from '../config/offhours-config.js';
import { OffhoursError } from '../errors/offhours-error.js';
import { classifySmtpError } from '../mail/classify-smtp-error.js';
import type { SentFolder } from '../mail/sent-folder.js';
import type { Logger } from '../observability/create-logger.js';
import type { DeliveryRecord } from '../store/delivery-record.js';
import type { SentMessageLedger } from '../store/sent-message-ledger.js';

/** The points of a delivery where the fault suite kills the process (OFFHOURS_CRASH_AT). */
export type DeliveryStep = 'before-send' | 'after-accept' | 'after-record';

export interface DeliverOnceDeps {
  readonly transport: Transporter;
  readonly deliveries: Pick<DeliveryRecord, 'read' | 'markSending' | 'markSent' | 'clear'>;
  readonly sentFolder: Pick<SentFolder, 'contains' | 'append'>;
  readonly sentMessages: Pick<SentMessageLedger, 'record'>;
  readonly sentCopy: SentCopy;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Called at each step with the job id; the fault suite's crash hook. */
  readonly onStep?: (step: DeliveryStep, jobId: string) => void;
}

export interface OutgoingMessage {
  readonly jobId: string;
  /** Deterministic per job (deriveOutgoingMessageId), without angle brackets. */
  readonly messageId: string;
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  /** The message; its Message-ID and Date are set here. */
  readonly mail: Omit<Mail.Options, 'messageId' | 'date' | 'envelope' | 'raw'>;
  /**
   * Runs once a send is known to be needed, before anything goes out: reserves places in
   * the caps (or throws SEND_DEFERRED) and returns how to give them back if nothing went out.
   */
  readonly reserve?: () => Promise<() => Promise<void>>;
}

export type DeliveryOutcome =
  | { readonly delivered: 'now'; readonly messageId: string }
  /** An earlier attempt of the job had sent it (recorded, or found in the Sent folder). */
  | {
      readonly delivered: 'earlier';
      readonly messageId: string;
      readonly foundIn: 'record' | 'sent-folder';
    };

/** How long offhours recognises replies to what it sent (SentMessageLedger). */
const rememberSentSeconds = 90 * 24 * 3600;

/**
 * Sends one message at most once per job, across crashes, restarts and retries (see
 * docs/exactly-once.md): a 'sending' record before the SMTP transaction, 'sent' after the
 * server's 250, and a job that finds its own 'sending' record looks for the message's
 * Message-ID in the Sent folder before sending again. With `smtp.sentCopy: append`, offhours
 * files the copy itself after recording the 250; with `none` the retry cannot look and sends.
 */
export async function deliverOnce(
  message: OutgoingMessage,
  deps: DeliverOnceDeps,
): Promise<DeliveryOutcome> {
  const { deliveries, logger } = deps;
  const prior = await deliveries.read(message.jobId);
  if (prior?.state === 'sent')
    return { delivered: 'earlier', messageId: prior.messageId, foundIn: 'record' };
  if (prior?.state === 'sending' && deps.sentCopy !== 'none') {
    // An earlier attempt was cut off after it may have reached the server: never send blind.
    // A failed search throws IMAP_COMMAND_FAILED and the job is retried later.
    if (await deps.sentFolder.contains(prior.messageId)) {
      await deliveries.markSent(message.jobId, prior.messageId, deps.now());
      logger.info(
        { event: 'delivery_recovered', jobId: message.jobId, messageId: prior.messageId },
        'an earlier attempt had sent this message (found in the Sent folder); not sending it again',
      );
      return { delivered: 'earlier', messageId: prior.messageId, foundIn: 'sent-folder' };
    }
    logger.info(
      { event: 'delivery_resumed', jobId: message.jobId, messageId: prior.messageId },
      'an earlier attempt was cut off before the server had the message; sending it now',
    );
  }

  const undo = (await message.reserve?.()) ?? (() => Promise.resolve());
  const sentAt = deps.now();
  const messageIdHeader = `<${message.messageId}>`;
  const raw = await new MailComposer({ ...message.mail, messageId: messageIdHeader, date: sentAt })
    .compile()
    .build();
  try {
    await deliveries.markSending(message.jobId, message.messageId, sentAt);
    // Recorded before it goes out: a client's instant "ok, thanks" must already be known as
    // an answer to offhours' own message.
    await deps.sentMessages.record([message.messageId], rememberSentSeconds);
  } catch (error) {
    await undo().catch(() => undefined);
    throw error;
  }
  deps.onStep?.('before-send', message.jobId);
  try {
    await deps.transport.sendMail({
      envelope: { from: message.envelope.from, to: [...message.envelope.to] },
      raw,
    });
  } catch (error) {
    const classified = classifySmtpError(error);
    // The server answered with a refusal: nothing went out, so the retry may send at once.
    // Without an answer (connection lost, timeout), the record stays 'sending' and the
    // retry looks in the Sent folder first.
    if (isSurelyNotSent(error, classified)) {
      await deliveries.clear(message.jobId).catch(() => undefined);
      await undo().catch(() => undefined);
    }
    throw classified;
  }
  deps.onStep?.('after-accept', message.jobId);
  // Recorded first, a Redis round trip after the 250: that is the whole window in which a
  // crash can still send twice when no provider copy exists (sentCopy append or none).
  let unconfirmed: unknown = null;
  const acceptedAt = performance.now();
  try {
    await deliveries.markSent(message.jobId, message.messageId, deps.now());
    logger.debug(
      {
        event: 'delivery_recorded',
        jobId: message.jobId,
        windowMs: Number((performance.now() - acceptedAt).toFixed(2)),
      },
      'delivery recorded',
    );
  } catch (error) {
    unconfirmed = error;
  }
  deps.onStep?.('after-record', message.jobId);
  // With `append`, the copy filed now is also what the retry finds when the record failed.
  if (deps.sentCopy === 'append') {
    try {
      await deps.sentFolder.append(raw, sentAt);
    } catch (error) {
      logger.warn(
        { event: 'sent_copy_failed', code: 'SENT_COPY_FAILED', jobId: message.jobId, err: error },
        'the message went out, but its copy could not be filed in the Sent folder',
      );
    }
  }
  if (unconfirmed !== null) {
    throw new OffhoursError(
      'DELIVERY_UNCONFIRMED',
      `the server accepted ${messageIdHeader} but it could not be recorded; the retry checks the Sent folder`,
      { cause: unconfirmed },
    );
  }
  return { delivered: 'now', messageId: message.messageId };
}

/**
 * Whether a failed send certainly did not reach the server: it answered (a refusal), or
 * nodemailer gave up before the transaction (no connection, no login, a bad envelope).
 * A connection lost later may have been lost after the server took the message.
 */
function isSurelyNotSent(error: unknown, classified: OffhoursError): boolean {
  if (classified.details['responseCode'] != null) return true;
  if (classified.code !== 'SMTP_TRANSIENT' && classified.code !== 'SMTP_PERMANENT') return true;
  if (typeof error !== 'object' || error === null) return false;
  const code: unknown = Reflect.get(error, 'code');
  const command: unknown = Reflect.get(error, 'command');
  return (
    command === 'CONN' ||
    code === 'EENVELOPE' ||
    code === 'EMESSAGE' ||
    code === 'EAUTH' ||
    code === 'EDNS'
  );
}
