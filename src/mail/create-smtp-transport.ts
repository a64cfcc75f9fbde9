import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user?: string | undefined;
  readonly pass?: string | undefined;
  readonly tls?:
    | { readonly rejectUnauthorized?: boolean | undefined; readonly ca?: string | undefined }
    | undefined;
}

/** A pooled nodemailer transport; its timeouts make a hung server a transient, retried failure. */
export function createSmtpTransport(settings: SmtpSettings): Transporter {
  const tls: { rejectUnauthorized?: boolean; ca?: string } = {};
  if (settings.tls?.rejectUnauthorized !== undefined)
    tls.rejectUnauthorized = settings.tls.rejectUnauthorized;
  if (settings.tls?.ca !== undefined) tls.ca = readFileSync(settings.tls.ca, 'utf8');
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user !== undefined
      ? { auth: { user: settings.user, pass: settings.pass ?? '' } }
      : {}),
    tls,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}
