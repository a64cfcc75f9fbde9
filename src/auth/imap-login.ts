import type { ImapSettings } from '../config/offhours-config.js';
import { OffhoursError } from '../errors/offhours-error.js';

/** What imapflow's `auth` takes: a password, or an OAuth2 access token (XOAUTH2/OAUTHBEARER). */
export type ImapLogin =
  | { readonly user: string; readonly pass: string }
  | { readonly user: string; readonly accessToken: string };

/** Gives the login for the next IMAP connection; `rejected` is a token the server just refused. */
export type ImapLoginSource = (settings: ImapSettings, rejected?: string) => Promise<ImapLogin>;

/** The login of a password account; an OAuth2 account needs its token manager instead. */
export function readPasswordLogin(settings: ImapSettings): ImapLogin {
  if (settings.auth.type !== 'password') {
    throw new OffhoursError(
      'INTERNAL',
      `imap.auth is oauth2, but no token manager was given for ${settings.user}`,
    );
  }
  return { user: settings.user, pass: settings.auth.pass };
}
