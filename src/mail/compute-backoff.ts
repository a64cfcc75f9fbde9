export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * A refused or dropped connection: retried quickly and often, so the watcher is back within
 * a few seconds of the server's return however long it was away.
 */
export const reconnectBackoff: BackoffPolicy = { initialMs: 250, maxMs: 2_500 };

/** A refused login: retried slowly, so a wrong password does not get the account locked. */
export const loginBackoff: BackoffPolicy = { initialMs: 5_000, maxMs: 60_000 };

/**
 * The pause before the next attempt after `failures` failures in a row (1 or more):
 * doubling from `initialMs`, capped at `maxMs`, and jittered to between half and all of
 * that so many daemons do not reconnect in step. `random` is in [0, 1).
 */
export function computeBackoffMs(failures: number, policy: BackoffPolicy, random: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
