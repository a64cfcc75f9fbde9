import { ImapFlow } from 'imapflow';
import { readPasswordLogin, type ImapLogin } from '../auth/imap-login.js';
import type { ImapSettings } from '../config/offhours-config.js';
import { readTlsOptions } from './read-tls-options.js';

/**
 * One configured ImapFlow client. IDLE is driven by the watcher itself, and restarted every
 * few minutes so a session the server silently dropped is noticed.
 */
export function createImapClient(
  settings: ImapSettings,
  login: ImapLogin = readPasswordLogin(settings),
): ImapFlow {
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: login,
    tls: readTlsOptions(settings.tls),
    logger: false,
    maxIdleTime: 4 * 60_000,
    socketTimeout: 6 * 60_000,
    connectionTimeout: 30_000,
    clientInfo: { name: 'offhours' },
  });
}
