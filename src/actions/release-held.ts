import type { ImapFlow } from 'imapflow';
import type { ImapSettings } from '../config/offhours-config.js';
import { deriveMessageKey } from '../mail/derive-message-key.js';
import { isMissingMailboxError } from '../mail/is-missing-mailbox-error.js';
import { parseMessage } from '../mail/parse-message.js';
import { resolveMailboxPath } from '../mail/resolve-mailbox-path.js';
import { handledKeyword } from '../mail/triage-new-mail.js';
import type { Logger } from '../observability/create-logger.js';
import type { JobPayload } from '../queue/job-catalog.js';
import type { HoldLedger } from '../store/hold-ledger.js';
import { withImapClient } from './with-imap-client.js';
import type { ImapLoginSource } from '../auth/imap-login.js';

export interface ReleaseDeps {
  readonly imap: ImapSettings;
  /** The login of each connection: the password, or an OAuth2 access token. */
  readonly readImapLogin?: ImapLoginSource;
  readonly holdLedger: HoldLedger;
  readonly logger: Logger;
}

export interface ReleaseOutcome {
  readonly released: number;
  /** Due entries whose message was no longer in the hold folder (the VA moved or deleted it). */
  readonly gone: number;
  /** The message keys of what came back (the records write one `released` per message). */
  readonly releasedKeys: readonly string[];
  /** The message keys of due entries no longer in the hold folder. */
  readonly goneKeys: readonly string[];
}

/**
 * Brings every due held message of one client back to the watched mailbox, unread, in the
 * order it arrived (one MOVE by UID set keeps UID order). Messages found in the hold folder
 * without any ledger entry are released too: mail is never stranded there.
 */
export async function releaseHeld(
  payload: JobPayload<'release'>,
  deps: ReleaseDeps,
): Promise<ReleaseOutcome> {
  const dueAt = Date.parse(payload.dueAt);
  const sender = payload.sender?.toLowerCase() ?? '';
  const { releasedKeys, due, goneKeys } = await withImapClient(
    deps.imap,
    async (client) => {
      // No hold folder: nothing held is there any more. Any other failure is thrown
      // (IMAP_COMMAND_FAILED) and the release is retried with the ledger untouched.
      const opened = await client
        .mailboxOpen(resolveMailboxPath(client, deps.imap.holdMailbox))
        .catch((error: unknown) => {
          if (isMissingMailboxError(error)) return null;
          throw error;
        });
      const inHold = opened === null || opened.exists === 0 ? [] : await listHeldMessages(client);
      // Read the ledger only after listing the folder: entries are written before a message
      // is moved, so everything listed has its entry by now, and a message without one is an orphan.
      const entries = await deps.holdLedger.list();
      const dueKeys = new Set<string>();
      for (const [messageKey, entry] of entries) {
        if (entry.clientId !== payload.clientId) continue;
        const isDue = Date.parse(entry.resumeAt) <= dueAt;
        // Only mail held before the emergency: later mail from the same sender waits as usual.
        const isSendersFollowUp =
          sender !== '' &&
          entry.from.toLowerCase() === sender &&
          entry.uid < (payload.beforeUid ?? Number.MAX_SAFE_INTEGER);
        const isInThread = payload.threadKeys?.includes(messageKey) === true;
        if (isDue || isSendersFollowUp || isInThread) dueKeys.add(messageKey);
      }
      const back = inHold
        .filter((message) => dueKeys.has(message.messageKey) || !entries.has(message.messageKey))
        .sort((a, b) => a.uid - b.uid);
      const uids = back.map((message) => message.uid);
      if (uids.length > 0) {
        const set = uids.join(',');
        // Marked handled so the watcher does not triage it again; unread so the VA sees it.
        await client.messageFlagsAdd(set, [handledKeyword], { uid: true });
        await client.messageFlagsRemove(set, ['\\Seen'], { uid: true });
        await client.messageMove(set, resolveMailboxPath(client, deps.imap.mailbox), { uid: true });
      }
      const found = new Set(inHold.map((message) => message.messageKey));
      return {
        releasedKeys: back.map((message) => message.messageKey),
        due: dueKeys,
        goneKeys: [...dueKeys].filter((key) => !found.has(key)),
      };
    },
    deps.readImapLogin,
  );
  await deps.holdLedger.remove([...due]);
  const released = releasedKeys.length;
  const gone = goneKeys.length;
  if (released > 0 || gone > 0) {
    deps.logger.info(
      { event: 'released', client: payload.clientId, released, gone, sender: sender || null },
      'held mail returned to the inbox',
    );
  }
  return { released, gone, releasedKeys, goneKeys };
}

async function listHeldMessages(client: ImapFlow): Promise<{ uid: number; messageKey: string }[]> {
  const held: { uid: number; messageKey: string }[] = [];
  for await (const message of client.fetch('1:*', { uid: true, headers: true })) {
    if (message.headers === undefined) continue;
    const { facts } = await parseMessage(message.headers);
    held.push({ uid: message.uid, messageKey: deriveMessageKey(facts) });
  }
  return held;
}
