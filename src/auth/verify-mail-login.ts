import type { OffhoursConfig } from '../config/offhours-config.js';
import { OffhoursError } from '../errors/offhours-error.js';
import { createImapClient } from '../mail/create-imap-client.js';
import { createSmtpTransport } from '../mail/create-smtp-transport.js';
import type { OAuthAccount } from './oauth-account.js';

/**
 * Logs in for real with a new access token before it is saved: to IMAP when the account is
 * the IMAP one, to SMTP when SMTP uses it. Returns what was checked, e.g. "IMAP imap.host:993";
 * a refusal is AUTH_LOGIN_FAILED naming the server and the usual cause.
 */
export async function verifyMailLogin(
  config: Pick<OffhoursConfig, 'imap' | 'smtp'>,
  account: OAuthAccount,
  accessToken: string,
): Promise<string[]> {
  const checked: string[] = [];
  const { imap, smtp } = config;
  if (imap.auth.type === 'oauth2' && imap.auth.account.id === account.id) {
    const client = createImapClient(imap, { user: imap.user, accessToken });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.logout();
    } catch (error) {
      client.close();
      throw new OffhoursError(
        'AUTH_LOGIN_FAILED',
        `the IMAP server ${imap.host}:${imap.port} refused the new token of ${imap.user} (${describe(error)}): check that IMAP is on for the mailbox and that imap.user is the address the token belongs to (for a shared mailbox, the shared address)`,
        { cause: error },
      );
    }
    checked.push(`IMAP ${imap.host}:${imap.port}`);
  }
  if (smtp.auth?.type === 'oauth2' && smtp.auth.account.id === account.id) {
    const transport = createSmtpTransport(smtp, () =>
      Promise.resolve({ accessToken, expiresAt: null, renewAt: null }),
    );
    try {
      await transport.verify();
    } catch (error) {
      throw new OffhoursError(
        'AUTH_LOGIN_FAILED',
        `the SMTP server ${smtp.host}:${smtp.port} refused the new token of ${smtp.user ?? ''} (${describe(error)}): check that SMTP AUTH is on for the mailbox (Microsoft 365: Set-CASMailbox -Identity ${smtp.user ?? 'user'} -SmtpClientAuthenticationDisabled $false)`,
        { cause: error },
      );
    } finally {
      transport.close();
    }
    checked.push(`SMTP ${smtp.host}:${smtp.port}`);
  }
  return checked;
}

function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const response: unknown = Reflect.get(error, 'response');
  if (typeof response === 'string' && response !== '') return response.split(/\r?\n/)[0] ?? '';
  return error instanceof Error ? error.message : 'no reason given';
}
