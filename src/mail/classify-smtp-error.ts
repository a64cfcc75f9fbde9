import { errorCodes, type ErrorCode } from '../errors/error-codes.js';
import { OffhoursError } from '../errors/offhours-error.js';

// nodemailer's own refusals before anything is sent: an invalid envelope or message, or a
// login the server rejected. Sending the same job again cannot succeed.
const permanentCodes = new Set(['EENVELOPE', 'EMESSAGE', 'EAUTH']);

/**
 * SMTP 5xx is permanent (the same message will be refused again), and so is a message
 * nodemailer refuses to send; 4xx, refused connections and timeouts are transient and
 * worth retrying with backoff.
 */
export function classifySmtpError(error: unknown): OffhoursError {
  // An OAuth2 token that could not be had (nodemailer keeps our code as originalCode): the
  // account's state decides, not the server, and a login or a refresh later can cure it.
  const authCode = readString(error, 'originalCode');
  if (authCode !== null && authCode.startsWith('AUTH_') && authCode in errorCodes) {
    const message = error instanceof Error ? error.message : String(error);
    return new OffhoursError(authCode as ErrorCode, `no SMTP login: ${message}`, { cause: error });
  }
  const responseCode = readNumber(error, 'responseCode');
  const code = readString(error, 'code');
  const detail = responseCode !== null ? `SMTP ${responseCode}` : (code ?? 'error');
  const message = error instanceof Error ? error.message : String(error);
  // The server's answer decides when there is one (nodemailer tags a 451 recipient
  // refusal EENVELOPE too); without one, nodemailer's own refusal codes do.
  const isPermanent =
    responseCode !== null ? responseCode >= 500 : code !== null && permanentCodes.has(code);
  if (isPermanent) {
    return new OffhoursError(
      'SMTP_PERMANENT',
      `the mail server refused the message (${detail}): ${message}`,
      {
        cause: error,
        details: { responseCode },
      },
    );
  }
  return new OffhoursError('SMTP_TRANSIENT', `sending failed for now (${detail}): ${message}`, {
    cause: error,
    details: { responseCode, errorCode: code },
  });
}

function readNumber(value: unknown, key: string): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const field: unknown = Reflect.get(value, key);
  return typeof field === 'number' ? field : null;
}

function readString(value: unknown, key: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const field: unknown = Reflect.get(value, key);
  return typeof field === 'string' ? field : null;
}
