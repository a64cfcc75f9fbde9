import { errorCodes, type ErrorCode } from './error-codes.js';

/**
 * The one error class of offhours. Every failure that leaves a module carries a stable
 * `code` (documented in the README, checked by a test) and, when it wraps another error,
 * its `cause`. `permanent` tells the queue layer not to retry.
 */
export class OffhoursError extends Error {
  override readonly name = 'OffhoursError';
  readonly code: ErrorCode;
  readonly permanent: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; permanent?: boolean; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.permanent = options.permanent ?? errorCodes[code].permanent;
    this.details = options.details ?? {};
  }
}

export function isOffhoursError(value: unknown): value is OffhoursError {
  return value instanceof OffhoursError;
}
