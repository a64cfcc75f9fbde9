import type { ImapFlow } from 'imapflow';
import type { ImapLoginSource } from '../auth/imap-login.js';
import type { ImapSettings } from '../config/offhours-config.js';
import { createImapClient } from './create-imap-client.js';

/** True when the server refused the login itself (not the network, not a command). */
export function isLoginRefused(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    Reflect.get(error, 'authenticationFailed') === true
  );
}

/**
 * A connected ImapFlow client. With an OAuth2 login, a refused access token is replaced
 * once by a fresher one (refreshed if need be) and the login retried: a token can be
 * revoked or expire early on the server's side. `onClient` sees each client before it
 * connects, so a caller stopping meanwhile can close it.
 */
export async function connectImapClient(
  settings: ImapSettings,
  readLogin: ImapLoginSource,
  onClient: (client: ImapFlow) => void = () => undefined,
): Promise<ImapFlow> {
  let login = await readLogin(settings);
  for (let attempt = 1; ; attempt += 1) {
    const client = createImapClient(settings, login);
    onClient(client);
    try {
      await client.connect();
      return client;
    } catch (error) {
      client.close();
      if (attempt > 1 || !('accessToken' in login) || !isLoginRefused(error)) throw error;
      login = await readLogin(settings, login.accessToken);
    }
  }
}
