import { isOffhoursError, OffhoursError } from '../errors/offhours-error.js';
import { deriveEscalationToken } from '../mail/derive-escalation-token.js';
import { deriveOutgoingMessageId } from '../mail/derive-outgoing-message-id.js';
import type { ImapSettings } from '../config/offhours-config.js';
import type { Logger } from '../observability/create-logger.js';
import type { JobPayload } from '../queue/job-catalog.js';
import { planNextEscalation } from '../schedule/plan-next-escalation.js';
import { normalizeAddress } from '../triage/normalize-address.js';
import { sanitizeHeaderValue } from '../triage/sanitize-header-value.js';
import { composeEmergencyForward } from './compose-emergency-forward.js';
import { deliverOnce, type DeliverOnceDeps } from './deliver-once.js';
import { findMessageSource } from './find-message-source.js';
import {
  scheduleEscalationStep,
  toEmergencyPayload,
  type EscalationDeps,
} from './schedule-escalation-step.js';
import { withImapClient } from './with-imap-client.js';
import type { ImapLoginSource } from '../auth/imap-login.js';

export interface ForwardDeps {
  readonly delivery: DeliverOnceDeps;
  readonly mailboxId: string;
  readonly logger: Logger;
  readonly imap: ImapSettings;
  /** The login of each connection: the password, or an OAuth2 access token. */
  readonly readImapLogin?: ImapLoginSource;
  readonly from: { readonly name: string; readonly address: string };
  /** The backup addresses in the current config: a forward never goes anywhere else. */
  readonly backupAddresses: readonly string[];
  readonly escalation: EscalationDeps;
}

export interface ForwardOutcome {
  readonly messageId: string;
  readonly earlier: boolean;
  /** The escalation's token (the subject's `[Emergency #TOKEN]`). */
  readonly token: string;
  /** Whether step 1 was queued, nobody is left, or escalation is off. */
  readonly next: 'scheduled' | 'over' | 'off';
}

/**
 * Sends the original message, whole and unchanged, to the backup on call as a
 * message/rfc822 attachment (composeEmergencyForward: the backup's Reply comes back to the
 * watched mailbox as the acknowledgement). The escalation is on record before the forward
 * goes out, and its first step is queued after it went out, or at once when the forward
 * failed for good.
 */
export async function forwardToBackup(
  payload: JobPayload<'forward'>,
  jobId: string,
  deps: ForwardDeps,
): Promise<ForwardOutcome> {
  const backup = payload.backup.address.toLowerCase();
  if (!deps.backupAddresses.includes(backup)) {
    throw new OffhoursError(
      'FORWARD_NOT_ALLOWED',
      `${backup} is not a configured backup; the forward was dropped`,
    );
  }
  const source = await withImapClient(
    deps.imap,
    (client) => findMessageSource(client, payload, deps.imap.holdMailbox),
    deps.readImapLogin,
  );
  if (source === null) {
    throw new OffhoursError(
      'MESSAGE_GONE',
      `message ${payload.messageId ?? payload.uid} is no longer in ${payload.mailbox}`,
    );
  }
  const emergency = toEmergencyPayload(payload, deps.mailboxId);

  const token = deriveEscalationToken(deps.mailboxId, payload.messageKey);
  const messageId = deriveOutgoingMessageId(deps.mailboxId, jobId, deps.from.address);
  const now = deps.escalation.now();
  await deps.escalation.ledger.open(
    token,
    {
      messageKey: payload.messageKey,
      clientId: payload.clientId,
      sender: normalizeAddress(payload.from),
    },
    { to: backup, kind: 'backup', messageId, at: now.toISOString() },
  );
  const onCall = deps.escalation.onCall();
  const planned = planNextEscalation(onCall, [backup], now, now);
  const mail = composeEmergencyForward({
    assistant: deps.from,
    to: { name: payload.backup.name, address: backup },
    token,
    clientId: payload.clientId,
    clientName: payload.clientName,
    sender: { name: payload.fromName ?? null, address: payload.from },
    subject: sanitizeHeaderValue(payload.subject) || '(no subject)',
    originalMessageId: payload.messageId,
    step: 0,
    askedBefore: [],
    nextAfterSeconds: planned === null ? null : (onCall.escalation?.afterSeconds ?? null),
    source,
  });
  let outcome: Awaited<ReturnType<typeof deliverOnce>>;
  try {
    outcome = await deliverOnce(
      { jobId, messageId, envelope: { from: deps.from.address, to: [backup] }, mail },
      deps.delivery,
    );
  } catch (error) {
    // The backup will never see it: the next person gets it now rather than after `after`.
    if (isOffhoursError(error) && error.permanent)
      await scheduleEscalationStep(emergency, token, 1, [backup], now, deps.escalation, {
        immediately: true,
      });
    throw error;
  }
  const earlier = outcome.delivered === 'earlier';
  deps.logger.info(
    {
      event: earlier ? 'forward_already_sent' : 'forward_sent',
      client: payload.clientId,
      backup,
      messageKey: payload.messageKey,
      messageId: outcome.messageId,
      token,
    },
    earlier
      ? 'the emergency had been forwarded by an earlier attempt'
      : 'emergency forwarded to the backup on call',
  );
  const next = await scheduleEscalationStep(
    emergency,
    token,
    1,
    [backup],
    deps.escalation.now(),
    deps.escalation,
  );
  return { messageId: outcome.messageId, earlier, token, next };
}
