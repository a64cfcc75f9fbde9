import type { Redis } from 'ioredis';
import { OffhoursError } from '../errors/offhours-error.js';

/** What proves a write comes from the current holder of a mailbox lease. */
export interface LeaseFence {
  readonly lockKey: string;
  readonly tokenKey: string;
  readonly owner: string;
  /** The fencing token: incremented on every acquisition, so an older holder's is stale. */
  readonly token: string;
}

/**
 * Runs a Lua `body` only while `fence` still holds the lease: lock owned by it and token
 * unchanged, checked in the same script as the write, so a holder that paused past its
 * lease cannot write after another took over. The body sees its own KEYS and ARGV.
 * Rejects with LEASE_LOST otherwise.
 */
export async function runFenced(
  redis: Redis,
  fence: LeaseFence,
  body: string,
  keys: readonly string[],
  args: readonly string[],
): Promise<unknown> {
  try {
    return await redis.eval(
      `local token = table.remove(ARGV)
       local owner = table.remove(ARGV)
       local tokenKey = table.remove(KEYS)
       local lockKey = table.remove(KEYS)
       if redis.call('GET', lockKey) ~= owner or redis.call('GET', tokenKey) ~= token then
         return redis.error_reply('LEASE_LOST')
       end
       ${body}`,
      keys.length + 2,
      ...keys,
      fence.lockKey,
      fence.tokenKey,
      ...args,
      fence.owner,
      fence.token,
    );
  } catch (error) {
    // Redis may prefix the script's error ("ERR LEASE_LOST").
    if (error instanceof Error && /\bLEASE_LOST\b/.test(error.message))
      throw new OffhoursError(
        'LEASE_LOST',
        'the mailbox lease moved to another watcher; this write was refused',
        { cause: error },
      );
    throw error;
  }
}
