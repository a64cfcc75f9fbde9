import type { Redis } from 'ioredis';

/**
 * One watcher per mailbox: a Redis key with a TTL, renewed while held. A second daemon
 * on the same config waits as a standby and takes over when the first one stops renewing.
 */
export class WatcherLock {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    mailboxId: string,
    private readonly owner: string,
    readonly ttlMs = 30_000,
  ) {
    this.key = `${prefix}:lock:${mailboxId}`;
  }

  /** Takes the lock, or renews it when this owner already holds it. */
  async acquire(): Promise<boolean> {
    const result = await this.redis.eval(
      `local current = redis.call('GET', KEYS[1])
       if current == ARGV[1] then
         redis.call('PEXPIRE', KEYS[1], ARGV[2])
         return 1
       end
       if current then return 0 end
       redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
       return 1`,
      1,
      this.key,
      this.owner,
      String(this.ttlMs),
    );
    return result === 1;
  }

  /** Who holds the lock now (host:pid:id), or null when no watcher runs. */
  async readHolder(): Promise<string | null> {
    return this.redis.get(this.key);
  }

  async release(): Promise<void> {
    await this.redis.eval(
      `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
      1,
      this.key,
      this.owner,
    );
  }
}

/** The id of one watched mailbox, shared by the lock and the checkpoint. */
export function identifyMailbox(imap: { user: string; host: string; mailbox: string }): string {
  return `${imap.user}@${imap.host}/${imap.mailbox}`;
}
