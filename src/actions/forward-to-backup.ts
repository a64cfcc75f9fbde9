import type { ImapFlow } from 'imapflow';
import type { Transporter } from 'nodemailer';
import { OffhoursError } from '../errors/offhours-error.js';
import { classifySmtpError } from '../mail/classify-smtp-error.js';
import type { ImapSettings } from '../config/offhours-config.js';
import { resolveMailboxPath } from '../mail/resolve-mailbox-path.js';
import type { Logger } from '../observability/create-logger.js';
import type { JobPayload } from '../queue/job-catalog.js';
import { isMailbox } from '../triage/is-mailbox.js';
import { sanitizeHeaderValue } from '../triage/sanitize-header-value.js';
import { offhoursMarker } from './send-reply.js';
import { withImapClient } from './with-imap-client.js';
import type { ImapLoginSource } from '../auth/imap-login.js';

export interface ForwardDeps {
  readonly transport: Transporter;
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
  deps: ForwardDeps,
): Promise<void> {
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
  try {
    await deps.transport.sendMail({
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
    });
  } catch (error) {
    throw classifySmtpError(error);
  }
  deps.logger.info(
    { event: 'forward_sent', client: payload.clientId, backup, messageKey: payload.messageKey },
    'emergency forwarded to the backup on call',
  );
}

async function findSource(
  client: ImapFlow,
  payload: JobPayload<'forward'>,
  holdMailbox: string,
): Promise<Buffer | null> {
  for (const path of [payload.mailbox, holdMailbox]) {
    const opened = await client.mailboxOpen(resolveMailboxPath(client, path)).catch(() => null);
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
