import { OffhoursError } from '../errors/offhours-error.js';

/**
 * SMTP 5xx is permanent (the same message will be refused again); 4xx, refused
 * connections and timeouts are transient and worth retrying with backoff.
 */
export function classifySmtpError(error: unknown): OffhoursError {
  const responseCode = readNumber(error, 'responseCode');
  const code = readString(error, 'code');
  const detail = responseCode !== null ? `SMTP ${responseCode}` : (code ?? 'error');
  const message = error instanceof Error ? error.message : String(error);
  if (responseCode !== null && responseCode >= 500) {
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
