import { pino, type DestinationStream, type Logger } from 'pino';
import { createRequire } from 'node:module';
import type * as PinoPrettyModule from 'pino-pretty';

export type { Logger } from 'pino';

const loadLazily = createRequire(import.meta.url);

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
  'http.token',
  '*.http.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'clientSecret',
  '*.clientSecret',
  '*.*.clientSecret',
  'headers.authorization',
];

/**
 * JSON logs on stdout for machines; with `pretty`, one readable coloured line per event for
 * a person at a terminal. A destination stream can be passed in either way (tests capture
 * lines with it). Redaction runs before either format, so pretty output hides secrets too.
 */
export function createLogger(
  options: { level?: string; destination?: DestinationStream; pretty?: boolean } = {},
): Logger {
  const settings = {
    level: options.level ?? 'info',
    base: { name: 'offhours' },
    redact: { paths: redactedPaths, censor: '[redacted]' },
  };
  if (options.pretty === true) {
    // ~10 MiB a daemon logging JSON never needs: loaded only for a person at a terminal.
    const { PinoPretty } = loadLazily('pino-pretty') as typeof PinoPrettyModule;
    const pretty = PinoPretty({
      colorize: options.destination === undefined && process.stdout.isTTY === true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,name',
      singleLine: true,
      // Synchronous, so the last lines before an exit are not lost.
      sync: true,
      ...(options.destination === undefined ? {} : { destination: options.destination }),
    });
    return pino(settings, pretty);
  }
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}
