import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';

export interface ImapSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string;
  readonly pass: string;
  readonly tls?:
    | { readonly rejectUnauthorized?: boolean | undefined; readonly ca?: string | undefined }
    | undefined;
}

/**
 * One configured ImapFlow client. IDLE is driven by the watcher itself, and restarted every
 * few minutes so a session the server silently dropped is noticed.
 */
export function createImapClient(settings: ImapSettings): ImapFlow {
  const tls: { rejectUnauthorized?: boolean; ca?: string } = {};
  if (settings.tls?.rejectUnauthorized !== undefined)
    tls.rejectUnauthorized = settings.tls.rejectUnauthorized;
  if (settings.tls?.ca !== undefined) tls.ca = readFileSync(settings.tls.ca, 'utf8');
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.pass },
    tls,
    logger: false,
    maxIdleTime: 4 * 60_000,
    socketTimeout: 6 * 60_000,
    connectionTimeout: 30_000,
    clientInfo: { name: 'offhours' },
  });
}
