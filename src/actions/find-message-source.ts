import type { ImapFlow } from 'imapflow';
import { isMissingMailboxError } from '../mail/is-missing-mailbox-error.js';
import { resolveMailboxPath } from '../mail/resolve-mailbox-path.js';

/** Where a job's message was when it was triaged. */
export interface MessageLocation {
  readonly mailbox: string;
  readonly uidValidity: string;
  readonly uid: number;
  readonly messageId: string | null;
}

/**
 * The whole source of a message, looked for in the mailbox it was triaged in (by its UID
 * while UIDVALIDITY is unchanged, else by Message-ID) and then in the hold folder. Null
 * when it is in neither; only a missing mailbox counts as "not there", any other IMAP
 * failure is thrown (IMAP_COMMAND_FAILED) so the job is retried.
 */
export async function findMessageSource(
  client: ImapFlow,
  location: MessageLocation,
  holdMailbox: string,
): Promise<Buffer | null> {
  for (const path of [location.mailbox, holdMailbox]) {
    const opened = await client
      .mailboxOpen(resolveMailboxPath(client, path))
      .catch((error: unknown) => {
        if (isMissingMailboxError(error)) return null;
        throw error;
      });
    if (opened === null) continue;
    // UIDs are never reused within one UIDVALIDITY, so the recorded UID is tried first.
    const candidates = new Set<number>();
    if (path === location.mailbox && String(opened.uidValidity) === location.uidValidity)
      candidates.add(location.uid);
    if (location.messageId !== null) {
      for (const uid of await searchByMessageId(client, location.messageId)) candidates.add(uid);
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
