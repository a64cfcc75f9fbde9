import type { ImapFlow } from 'imapflow';
import { resolveMailboxPath } from './resolve-mailbox-path.js';

/**
 * The path of the account's Sent folder: `configured` (`imap.sentMailbox`) when set, else
 * the folder the server marks `\Sent` (RFC 6154; imapflow also knows the usual localised
 * names), else "Sent". It may not exist yet.
 */
export async function locateSentFolder(
  client: ImapFlow,
  configured: string | undefined,
): Promise<string> {
  if (configured !== undefined) return resolveMailboxPath(client, configured);
  const boxes = await client.list();
  const marked = boxes.find((box) => box.specialUse === '\\Sent');
  return marked?.path ?? resolveMailboxPath(client, 'Sent');
}
