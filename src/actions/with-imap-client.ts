import type { ImapFlow } from 'imapflow';
import { OffhoursError } from '../errors/offhours-error.js';
import type { ImapSettings } from '../config/offhours-config.js';
import { createImapClient } from '../mail/create-imap-client.js';

/**
 * A short-lived IMAP connection for one job (forwards and releases are rare; the watcher's
 * connection stays dedicated to IDLE). Connection failures become a transient error.
 */
export async function withImapClient<T>(
  settings: ImapSettings,
  work: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = createImapClient(settings);
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw new OffhoursError(
      'IMAP_CONNECT_FAILED',
      `cannot reach the IMAP server ${settings.host}:${settings.port}`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
