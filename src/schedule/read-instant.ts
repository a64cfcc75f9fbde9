import { OffhoursError } from '../errors/offhours-error.js';

/** Milliseconds since the epoch of `at`; an Invalid Date would silently poison every comparison. */
export function readInstant(at: Date): number {
  const ms = at.getTime();
  if (Number.isNaN(ms)) {
    throw new OffhoursError('INTERNAL', 'The schedule was asked about an invalid date.');
  }
  return ms;
}
