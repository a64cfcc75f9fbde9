import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { AccessToken } from '../auth/token-manager.js';
import type { SmtpSettings } from '../config/offhours-config.js';
import { OffhoursError } from '../errors/offhours-error.js';
import { readTlsOptions } from './read-tls-options.js';

/** Gives an access token for SMTP; `rejected` is one the server just refused. */
export type SmtpTokenSource = (rejected?: string) => Promise<AccessToken>;

/**
 * A pooled nodemailer transport; its timeouts make a hung server a transient, retried failure.
 * An OAuth2 login takes its tokens from `tokens` (the account's token manager) through
 * nodemailer's provisionCallback, never through nodemailer's own refresh, which would
 * drop a rotated refresh token. When the server refuses a token, nodemailer asks again
 * with `renew` and retries the login once.
 */
export function createSmtpTransport(settings: SmtpSettings, tokens?: SmtpTokenSource): Transporter {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...readAuth(settings, tokens),
    tls: readTlsOptions(settings.tls),
    pool: true,
    maxConnections: 2,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

function readAuth(
  settings: SmtpSettings,
  tokens: SmtpTokenSource | undefined,
): { auth?: SMTPTransport.Options['auth'] } {
  const { user, auth } = settings;
  if (user === undefined || auth === undefined) return {};
  if (auth.type === 'password') return { auth: { user, pass: auth.pass } };
  if (tokens === undefined)
    throw new OffhoursError(
      'INTERNAL',
      `smtp.auth is oauth2, but no token manager was given for ${user}`,
    );
  let lastGiven: string | undefined;
  return {
    auth: {
      type: 'OAuth2',
      user,
      provisionCallback: (_user, renew, callback) => {
        tokens(renew ? lastGiven : undefined).then(
          (token) => {
            lastGiven = token.accessToken;
            callback(null, token.accessToken, token.renewAt ?? 0);
          },
          (error: unknown) => {
            // nodemailer rewrites the error's code to EAUTH and keeps ours as originalCode.
            const code = error instanceof OffhoursError ? error.code : 'AUTH_REFRESH_FAILED';
            const message = error instanceof Error ? error.message : String(error);
            callback(Object.assign(new Error(message), { code }), '', 0);
          },
        );
      },
    },
  };
}
