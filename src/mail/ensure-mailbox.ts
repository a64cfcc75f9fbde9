import type { ImapFlow } from 'imapflow';

const knownMailboxes = new WeakMap<ImapFlow, Set<string>>();

/** Creates the folder when missing; remembered per connection so a batch costs no extra LIST. */
export async function ensureMailbox(client: ImapFlow, path: string): Promise<void> {
  const known = knownMailboxes.get(client) ?? new Set<string>();
  knownMailboxes.set(client, known);
  if (known.has(path)) return;
  const existing = await client.list();
  if (!existing.some((box) => box.path === path)) await client.mailboxCreate(path);
  known.add(path);
}
