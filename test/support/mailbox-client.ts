/** A test's own IMAP connection to a harness mailbox: append mail and look at where it ended up. */
import { ImapFlow } from 'imapflow';

export interface MailboxEntry {
  uid: number;
  flags: Set<string>;
  messageId: string;
}

export interface MailboxClient {
  append(raw: string, path?: string): Promise<void>;
  /** Creates a folder (nothing when it exists), as a mail client does for Sent. */
  create(path: string): Promise<void>;
  list(path: string): Promise<MailboxEntry[]>;
  /** The mailbox's UIDVALIDITY, as a decimal string. */
  readUidValidity(path: string): Promise<string>;
  /** Adds flags to one message by Message-ID, as a mail program does (\\Answered after a reply). */
  addFlags(messageId: string, path: string, flags: string[]): Promise<void>;
  /** Moves one message by Message-ID, as a person dragging it in a mail client would. */
  move(messageId: string, from: string, to: string): Promise<void>;
  close(): Promise<void>;
}

export async function connectMailbox(
  server: { host: string; port: number; ca?: string | undefined },
  account: { user: string; pass: string },
): Promise<MailboxClient> {
  // With a CA (a TLS harness), the plain port offers STARTTLS, which imapflow takes.
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    ...(server.ca === undefined ? {} : { tls: { ca: server.ca } }),
    auth: account,
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  return {
    async append(raw, path = 'INBOX') {
      await client.append(path, raw, []);
    },
    async create(path) {
      await client.mailboxCreate(path).catch((error: unknown) => {
        if (!(error instanceof Error && /ALREADYEXISTS|exists/i.test(JSON.stringify(error))))
          throw error;
      });
    },
    async list(path) {
      const lock = await client.getMailboxLock(path).catch(() => null);
      if (lock === null) return [];
      try {
        // A mailbox that stays selected learns of new mail only with the next command.
        await client.noop();
        const entries: MailboxEntry[] = [];
        if (client.mailbox === false || client.mailbox.exists === 0) return entries;
        for await (const message of client.fetch('1:*', {
          uid: true,
          flags: true,
          envelope: true,
        })) {
          entries.push({
            uid: message.uid,
            flags: message.flags ?? new Set(),
            messageId: (message.envelope?.messageId ?? '').replace(/^<|>$/g, ''),
          });
        }
        return entries;
      } finally {
        lock.release();
      }
    },
    async readUidValidity(path) {
      const status = await client.status(path, { uidValidity: true });
      if (status === false) throw new Error(`no STATUS for ${path}`);
      return String(status.uidValidity);
    },
    async addFlags(messageId, path, flags) {
      const lock = await client.getMailboxLock(path);
      try {
        const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
        if (uids === false || uids === undefined || uids.length === 0)
          throw new Error(`${messageId} is not in ${path}`);
        await client.messageFlagsAdd(uids.join(','), flags, { uid: true });
      } finally {
        lock.release();
      }
    },
    async move(messageId, from, to) {
      const lock = await client.getMailboxLock(from);
      try {
        const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
        if (uids === false || uids === undefined || uids.length === 0)
          throw new Error(`${messageId} is not in ${from}`);
        await client.messageMove(uids.join(','), to, { uid: true });
      } finally {
        lock.release();
      }
    },
    async close() {
      await client.logout().catch(() => client.close());
    },
  };
}
