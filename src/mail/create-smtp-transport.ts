import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpSettings } from '../config/offhours-config.js';
import { readTlsOptions } from './read-tls-options.js';

/** A pooled nodemailer transport; its timeouts make a hung server a transient, retried failure. */
export function createSmtpTransport(settings: SmtpSettings): Transporter {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user !== undefined
      ? { auth: { user: settings.user, pass: settings.pass ?? '' } }
      : {}),
    tls: readTlsOptions(settings.tls),
    pool: true,
    maxConnections: 2,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}
