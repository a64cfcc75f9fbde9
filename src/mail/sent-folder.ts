import type { ImapFlow } from 'imapflow';
import { withImapClient } from '../actions/with-imap-client.js';
import type { ImapLoginSource } from '../auth/imap-login.js';
import type { ImapSettings } from '../config/offhours-config.js';
import { OffhoursError, isOffhoursError } from '../errors/offhours-error.js';
import { ensureMailbox } from './ensure-mailbox.js';
import { isMissingMailboxError } from './is-missing-mailbox-error.js';
import { locateSentFolder } from './locate-sent-folder.js';

/**
 * The account's Sent folder, as the proof of what went out: `imap.sentMailbox` when set,
 * else the folder the server marks `\Sent` (RFC 6154; imapflow also knows the usual
 * localised names), else "Sent". offhours looks there for a Message-ID before it sends a
 * message a crashed attempt may already have sent, and APPENDs its own copy when the
 * provider does not keep one (`smtp.sentCopy: append`).
 */
export class SentFolder {
  constructor(
    private readonly settings: () => ImapSettings,
    private readonly readLogin?: ImapLoginSource,
  ) {}

  /** Whether a message with this Message-ID (without brackets) is in the Sent folder. */
  async contains(messageId: string): Promise<boolean> {
    return this.run(async (client) => {
      const path = await this.locate(client);
      try {
        await client.mailboxOpen(path, { readOnly: true });
      } catch (error) {
        if (isMissingMailboxError(error)) return false;
        throw error;
      }
      const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
      return found !== false && (found?.length ?? 0) > 0;
    }, 'search the Sent folder');
  }

  /** Keeps a copy of a sent message there, marked read. */
  async append(raw: Buffer, sentAt: Date): Promise<void> {
    await this.run(async (client) => {
      const path = await this.locate(client);
      await ensureMailbox(client, path);
      await client.append(path, raw, ['\\Seen'], sentAt);
    }, 'append to the Sent folder');
  }

  private locate(client: ImapFlow): Promise<string> {
    return locateSentFolder(client, this.settings().sentMailbox);
  }

  private async run<T>(work: (client: ImapFlow) => Promise<T>, what: string): Promise<T> {
    try {
      return await withImapClient(this.settings(), work, this.readLogin);
    } catch (error) {
      if (isOffhoursError(error)) throw error;
      throw new OffhoursError('IMAP_COMMAND_FAILED', `cannot ${what}`, { cause: error });
    }
  }
}
