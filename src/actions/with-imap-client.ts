import type { ImapFlow } from 'imapflow';
import { readPasswordLogin, type ImapLoginSource } from '../auth/imap-login.js';
import { isOffhoursError, OffhoursError } from '../errors/offhours-error.js';
import type { ImapSettings } from '../config/offhours-config.js';
import { connectImapClient } from '../mail/connect-imap-client.js';

const readPassword: ImapLoginSource = (settings) => Promise.resolve(readPasswordLogin(settings));

/**
 * A short-lived IMAP connection for one job (forwards and releases are rare; the watcher's
 * connection stays dedicated to IDLE). Connection failures become a transient error, and so
 * does any failure of the work (IMAP_COMMAND_FAILED); an OAuth2 account that needs a login
 * stays AUTH_REAUTH_REQUIRED.
 */
export async function withImapClient<T>(
  settings: ImapSettings,
  work: (client: ImapFlow) => Promise<T>,
  readLogin: ImapLoginSource = readPassword,
): Promise<T> {
  const client = await openImapClient(settings, readLogin);
  try {
    return await work(client);
  } catch (error) {
    throw toImapCommandError(settings, error);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** A connected, logged-in client; a failure to get one is IMAP_CONNECT_FAILED (transient). */
export async function openImapClient(
  settings: ImapSettings,
  readLogin: ImapLoginSource = readPassword,
): Promise<ImapFlow> {
  try {
    return await connectImapClient(settings, readLogin, (connecting) =>
      connecting.on('error', () => undefined),
    );
  } catch (error) {
    if (isOffhoursError(error)) throw error;
    throw new OffhoursError(
      'IMAP_CONNECT_FAILED',
      `cannot reach the IMAP server ${settings.host}:${settings.port}`,
      { cause: error },
    );
  }
}

/**
 * A failure of the work on a connection: an offhours error stays itself; anything else (a
 * dropped connection, a NO or BAD answer, a timeout) is IMAP_COMMAND_FAILED, worth a retry:
 * only the work itself decides that something is gone for good.
 */
export function toImapCommandError(settings: ImapSettings, error: unknown): Error {
  if (isOffhoursError(error)) return error;
  return new OffhoursError(
    'IMAP_COMMAND_FAILED',
    `an IMAP command failed on ${settings.host}:${settings.port}`,
    { cause: error },
  );
}
