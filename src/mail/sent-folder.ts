import type { ImapFlow } from 'imapflow';
import type { ImapLoginSource } from '../auth/imap-login.js';
import type { ImapSettings } from '../config/offhours-config.js';
import { OffhoursError, isOffhoursError } from '../errors/offhours-error.js';
import { ensureMailbox } from './ensure-mailbox.js';
import { isMissingMailboxError } from './is-missing-mailbox-error.js';
import { ImapSession } from './imap-session.js';
import { locateSentFolder } from './locate-sent-folder.js';

/**
 * The account's Sent folder, as the proof of what went out: `imap.sentMailbox` when set,
 * else the folder the server marks `\Sent` (RFC 6154; imapflow also knows the usual
 * localised names), else "Sent". offhours looks there for a Message-ID before it sends a
 * message a crashed attempt may already have sent, and APPENDs its own copy when the
 * provider does not keep one (`smtp.sentCopy: append`).
 */
export class SentFolder {
  /** One connection for all of the mailbox's deliveries (ImapSession), not one per delivery. */
  private readonly session: ImapSession;

  constructor(
    private readonly settings: () => ImapSettings,
    readLogin?: ImapLoginSource,
  ) {
    this.session = new ImapSession(settings, readLogin);
  }

  /** Logs the connection out (the runtime stops). */
  close(): Promise<void> {
    return this.session.close();
  }

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

  /** The folder's path, looked up once per connection (and again when the setting changes). */
  private async locate(client: ImapFlow): Promise<string> {
    const configured = this.settings().sentMailbox;
    const key = `sent:${configured ?? ''}`;
    const known = this.session.state.get(key);
    if (known !== undefined) return known;
    const path = await locateSentFolder(client, configured);
    this.session.state.set(key, path);
    return path;
  }

  private async run<T>(work: (client: ImapFlow) => Promise<T>, what: string): Promise<T> {
    try {
      return await this.session.run(work);
    } catch (error) {
      if (isOffhoursError(error)) throw error;
      throw new OffhoursError('IMAP_COMMAND_FAILED', `cannot ${what}`, { cause: error });
    }
  }
}
