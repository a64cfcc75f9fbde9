/** APPENDs messages to INBOX over several connections at once, each taking the next message. */
import { connectMailbox } from '../../test/support/mailbox-client.js';

export async function appendInParallel(
  server: { host: string; port: number },
  account: { user: string; pass: string },
  raws: readonly string[],
  connections: number,
): Promise<void> {
  const mailboxes = await Promise.all(
    Array.from({ length: connections }, () => connectMailbox(server, account)),
  );
  let next = 0;
  try {
    await Promise.all(
      mailboxes.map(async (mailbox) => {
        // Single-threaded: the read and the increment cannot interleave between workers.
        for (let index = next++; index < raws.length; index = next++) {
          await mailbox.append(raws[index] ?? '');
        }
      }),
    );
  } finally {
    await Promise.all(mailboxes.map((mailbox) => mailbox.close()));
  }
}
