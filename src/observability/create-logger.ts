import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths pino blanks out wherever they appear in a log line: secrets never reach a log. */
export const redactedPaths = [
  'pass',
  'password',
  'auth.pass',
  '*.pass',
  '*.password',
  '*.auth.pass',
  '*.*.pass',
  'imap.pass',
  'smtp.pass',
  'redis.url',
  '*.accessToken',
  'headers.authorization',
];

/**
 * JSON logs on stdout for machines; a destination stream can be passed in (tests capture
 * lines with it, and the CLI passes a pretty printer when stdout is a terminal).
 */
export function createLogger(
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  const settings = {
    level: options.level ?? 'info',
    base: { name: 'offhours' },
    redact: { paths: redactedPaths, censor: '[redacted]' },
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}
