import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * One refresh at a time per account across every process: a Redis key with a TTL, taken
 * before a refresh and released after. With rotating refresh tokens a second, concurrent
 * refresh would spend the same token twice, and the provider may revoke them all.
 */
export class RefreshLock {
  private readonly key: string;
  private readonly owner = randomUUID();

  constructor(
    private readonly redis: Redis,
    storeKey: string,
    readonly ttlMs = 30_000,
  ) {
    this.key = `${storeKey}:refresh-lock`;
  }

  async acquire(): Promise<boolean> {
    return (await this.redis.set(this.key, this.owner, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  async release(): Promise<void> {
    await this.redis.eval(
      `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
       return 0`,
      1,
      this.key,
      this.owner,
    );
  }

  async isHeld(): Promise<boolean> {
    return (await this.redis.exists(this.key)) === 1;
  }
}
