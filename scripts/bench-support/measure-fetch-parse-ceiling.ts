/**
 * The ceiling the daemon's backlog throughput is compared with, measured in the same run on
 * the same messages from the same server: a bare imapflow connection that logs in, selects
 * INBOX, FETCHes every message of the backlog (uid, flags, internal date and the source, as
 * the watcher does, in one command) and parses each with mailparser, one after the other.
 * No Redis, no decision, no flags, no moves, no queue: what offhours adds is the difference.
 */
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';

export interface CeilingResult {
  readonly messages: number;
  /** connect -> last message parsed. */
  readonly wallMs: number;
  /** First FETCH response -> last message parsed (no connect and login). */
  readonly fetchParseMs: number;
}

export async function measureFetchParseCeiling(
  server: { host: string; port: number },
  account: { user: string; pass: string },
  /** The backlog's first UID: UIDNEXT read before it was appended. */
  fromUid: number,
): Promise<CeilingResult> {
  const startedAt = performance.now();
  const client = await connectBare(server, account);
  try {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      let messages = 0;
      let firstAt: number | null = null;
      for await (const message of client.fetch(
        `${fromUid}:*`,
        { uid: true, flags: true, internalDate: true, source: true },
        { uid: true },
      )) {
        firstAt ??= performance.now();
        const parsed = await simpleParser(message.source ?? Buffer.alloc(0), {
          skipImageLinks: true,
        });
        if (parsed.headers.size > 0) messages += 1;
      }
      const doneAt = performance.now();
      return {
        messages,
        wallMs: doneAt - startedAt,
        fetchParseMs: doneAt - (firstAt ?? doneAt),
      };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
}

/** UIDNEXT of INBOX: the UID the next appended message will get. */
export async function readUidNext(
  server: { host: string; port: number },
  account: { user: string; pass: string },
): Promise<number> {
  const client = await connectBare(server, account);
  try {
    const status = await client.status('INBOX', { uidNext: true });
    if (status === false || status.uidNext === undefined)
      throw new Error('the server gave no UIDNEXT for INBOX');
    return status.uidNext;
  } finally {
    await client.logout().catch(() => undefined);
  }
}

/** A plain imapflow connection, logged in, as the ceiling and the UIDNEXT read use it. */
async function connectBare(
  server: { host: string; port: number },
  account: { user: string; pass: string },
): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: account,
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
