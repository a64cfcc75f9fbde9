import { resolve } from 'node:path';
import { buildMailAuth } from './build-mail-auth.js';
import type { OffhoursFile, TlsSettings } from './config-schema.js';
import type {
  ImapSettings,
  OffhoursConfig,
  SentCopy,
  SmtpSettings,
  TlsOptions,
} from './offhours-config.js';

function buildTls(tls: TlsSettings | undefined, configDir: string): { tls?: TlsOptions } {
  if (tls === undefined) return {};
  return {
    tls: {
      ...(tls.rejectUnauthorized === undefined
        ? {}
        : { rejectUnauthorized: tls.rejectUnauthorized }),
      ...(tls.ca === undefined ? {} : { ca: resolve(configDir, tls.ca) }),
    },
  };
}

/** The IMAP, SMTP, Redis, HTTP and limit settings of a valid offhours.yaml, with defaults filled in. */
export function buildServerSettings(
  file: OffhoursFile,
  configDir: string,
): Pick<OffhoursConfig, 'imap' | 'smtp' | 'redis' | 'http' | 'limits'> {
  const { imap, smtp } = file;
  const imapAuth = buildMailAuth(imap);
  // An oauth2 SMTP login without its own user logs in as the IMAP user.
  const smtpUser = smtp.user ?? (smtp.auth?.type === 'oauth2' ? imap.user : undefined);
  const imapSettings: ImapSettings = {
    host: imap.host,
    port: imap.port ?? (imap.secure ? 993 : 143),
    secure: imap.secure,
    user: imap.user,
    auth: imapAuth,
    mailbox: imap.mailbox,
    holdMailbox: imap.holdMailbox,
    ...(imap.sentMailbox === undefined ? {} : { sentMailbox: imap.sentMailbox }),
    ...buildTls(imap.tls, configDir),
  };
  const smtpSettings: SmtpSettings = {
    host: smtp.host,
    port: smtp.port ?? (smtp.secure ? 465 : 587),
    secure: smtp.secure,
    ...(smtpUser === undefined
      ? {}
      : { user: smtpUser, auth: buildMailAuth({ ...smtp, user: smtpUser }, imapAuth) }),
    // The schema requires at least one assistant address.
    from: (smtp.from ?? file.assistant.addresses[0] ?? '').toLowerCase(),
    sentCopy: resolveSentCopy(file),
    ...buildTls(smtp.tls, configDir),
  };
  return {
    imap: imapSettings,
    smtp: smtpSettings,
    redis: { url: file.redis.url, prefix: file.redis.prefix },
    http: { host: file.http.host, port: file.http.port, token: file.http.token ?? null },
    limits: {
      perAddressPerHour: file.limits.perAddressPerHour,
      globalPerMinute: file.limits.globalPerMinute,
    },
  };
}

// Gmail and Microsoft 365 file a copy of everything sent through their SMTP in Sent.
const keepsSentCopy = /(?:^|\.)(?:gmail|googlemail|google|office365|outlook)\.com$/i;

function resolveSentCopy(file: OffhoursFile): SentCopy {
  const { smtp, imap } = file;
  if (smtp.sentCopy !== 'auto') return smtp.sentCopy;
  const provider = smtp.auth?.provider ?? imap.auth?.provider;
  if (provider === 'google' || provider === 'microsoft') return 'server';
  return keepsSentCopy.test(smtp.host) ? 'server' : 'append';
}
