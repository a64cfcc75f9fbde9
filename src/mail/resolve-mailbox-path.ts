import type { ImapFlow } from 'imapflow';

/**
 * Mailbox names in the config use '/' between levels ("Offhours/Held"); servers use their
 * own delimiter (Dovecot's maildir uses '.', and refuses '/' in a name). Resolves the
 * configured name to the server's path for this connection.
 */
export function resolveMailboxPath(client: ImapFlow, configured: string): string {
  const delimiter = client.namespace?.delimiter;
  if (delimiter == null || delimiter === '' || delimiter === '/') return configured;
  return configured.split('/').join(delimiter);
}
