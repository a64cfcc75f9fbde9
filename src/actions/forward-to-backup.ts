import type { ImapFlow } from 'imapflow';
import { OffhoursError } from '../errors/offhours-error.js';
import { deriveOutgoingMessageId } from '../mail/derive-outgoing-message-id.js';
import { isMissingMailboxError } from '../mail/is-missing-mailbox-error.js';
import type { ImapSettings } from '../config/offhours-config.js';
import { resolveMailboxPath } from '../mail/resolve-mailbox-path.js';
import type { Logger } from '../observability/create-logger.js';
import type { JobPayload } from '../queue/job-catalog.js';
import { isMailbox } from '../triage/is-mailbox.js';
import { sanitizeHeaderValue } from '../triage/sanitize-header-value.js';
import { offhoursMarker } from './send-reply.js';
import { deliverOnce, type DeliverOnceDeps } from './deliver-once.js';
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
}

/**
 * Sends the original message, whole and unchanged, to the backup on call as a
 * message/rfc822 attachment, with the client's address as Reply-To so the backup can answer.
 */
export async function forwardToBackup(
  payload: JobPayload<'forward'>,
  jobId: string,
  deps: ForwardDeps,
): Promise<{ readonly messageId: string; readonly earlier: boolean }> {
  const backup = payload.backup.address.toLowerCase();
  if (!deps.backupAddresses.includes(backup)) {
    throw new OffhoursError(
      'FORWARD_NOT_ALLOWED',
      `${backup} is not a configured backup; the forward was dropped`,
    );
  }
  const source = await withImapClient(
    deps.imap,
    (client) => findSource(client, payload, deps.imap.holdMailbox),
    deps.readImapLogin,
  );
  if (source === null) {
    throw new OffhoursError(
      'MESSAGE_GONE',
      `message ${payload.messageId ?? payload.uid} is no longer in ${payload.mailbox}`,
    );
  }
  const subject = sanitizeHeaderValue(payload.subject) || '(no subject)';
  const outcome = await deliverOnce(
    {
      jobId,
      messageId: deriveOutgoingMessageId(deps.mailboxId, jobId, deps.from.address),
      envelope: { from: deps.from.address, to: [backup] },
      mail: {
        from: { name: deps.from.name, address: deps.from.address },
        to: { name: payload.backup.name, address: backup },
        ...(isMailbox(payload.from) ? { replyTo: payload.from } : {}),
        subject: `[Emergency] ${payload.clientName}: ${subject}`,
        text: [
          `Hi ${payload.backup.name},`,
          '',
          `${payload.from || 'A sender'} (client: ${payload.clientName}) wrote in while I am away, and it looks urgent.`,
          'You are on call, so offhours passed it to you. The original message is attached;',
          'replying to this email answers the client directly.',
          '',
          `Subject: ${subject}`,
        ].join('\n'),
        attachments: [
          { filename: 'original-message.eml', contentType: 'message/rfc822', content: source },
        ],
        headers: {
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
          'X-Offhours': offhoursMarker('forward', payload.clientId),
        },
      },
    },
    deps.delivery,
  );
  const earlier = outcome.delivered === 'earlier';
  deps.logger.info(
    {
      event: earlier ? 'forward_already_sent' : 'forward_sent',
      client: payload.clientId,
      backup,
      messageKey: payload.messageKey,
      messageId: outcome.messageId,
    },
    earlier
      ? 'the emergency had been forwarded by an earlier attempt'
      : 'emergency forwarded to the backup on call',
  );
  return { messageId: outcome.messageId, earlier };
}

async function findSource(
  client: ImapFlow,
  payload: JobPayload<'forward'>,
  holdMailbox: string,
): Promise<Buffer | null> {
  for (const path of [payload.mailbox, holdMailbox]) {
    // Only a missing mailbox means the message is not there; any other failure is thrown
    // (IMAP_COMMAND_FAILED) and the forward is retried.
    const opened = await client
      .mailboxOpen(resolveMailboxPath(client, path))
      .catch((error: unknown) => {
        if (isMissingMailboxError(error)) return null;
        throw error;
      });
    if (opened === null) continue;
    // UIDs are never reused within one UIDVALIDITY, so the recorded UID is tried first.
    const candidates = new Set<number>();
    if (path === payload.mailbox && String(opened.uidValidity) === payload.uidValidity)
      candidates.add(payload.uid);
    if (payload.messageId !== null) {
      for (const uid of await searchByMessageId(client, payload.messageId)) candidates.add(uid);
    }
    for (const uid of candidates) {
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (message !== false && message.source !== undefined) return message.source;
    }
  }
  return null;
}

async function searchByMessageId(client: ImapFlow, messageId: string): Promise<number[]> {
  const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
  return found === false ? [] : (found ?? []);
}
