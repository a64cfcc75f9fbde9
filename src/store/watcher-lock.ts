import type { Redis } from 'ioredis';
import { runFenced, type LeaseFence } from './run-fenced.js';

/** How long a lease lasts unless renewed; a dead holder's lease is gone within this. */
export const leaseTtlMs = 3_000;

/**
 * One watcher per mailbox: a short Redis lease, renewed while held, with a fencing token
 * (INCR on every acquisition) that the holder's writes carry. A process cannot tell its
 * own dead predecessor from a live one (each has a random owner id), so a restart waits
 * at most one lease; a standby takes over as soon as the lease runs out.
 */
export class WatcherLock {
  private readonly key: string;
  private readonly tokenKey: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    mailboxId: string,
    private readonly owner: string,
    readonly ttlMs = leaseTtlMs,
  ) {
    this.key = `${prefix}:lock:${mailboxId}`;
    this.tokenKey = `${prefix}:lock-token:${mailboxId}`;
  }

  /** Takes the lease when nobody holds it (or this owner does): a fresh token each time. */
  async tryAcquire(): Promise<LeaseFence | null> {
    const token = await this.redis.eval(
      `local current = redis.call('GET', KEYS[1])
       if current and current ~= ARGV[1] then return 0 end
       redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
       return redis.call('INCR', KEYS[2])`,
      2,
      this.key,
      this.tokenKey,
      this.owner,
      String(this.ttlMs),
    );
    if (typeof token !== 'number' || token === 0) return null;
    return { lockKey: this.key, tokenKey: this.tokenKey, owner: this.owner, token: String(token) };
  }

  /** Extends the lease; false when it was lost (expired, or another holder took it). */
  async renew(fence: LeaseFence): Promise<boolean> {
    try {
      await runFenced(
        this.redis,
        fence,
        `return redis.call('PEXPIRE', KEYS[1], ARGV[1])`,
        [this.key],
        [String(this.ttlMs)],
      );
      return true;
    } catch (error) {
      if (isLeaseLost(error)) return false;
      throw error;
    }
  }

  /** Rejects with LEASE_LOST unless `fence` still holds the lease. */
  async verify(fence: LeaseFence): Promise<void> {
    await runFenced(this.redis, fence, 'return 1', [], []);
  }

  /** Who holds the lease now (host:pid:id), or null when no watcher runs. */
  async readHolder(): Promise<string | null> {
    return this.redis.get(this.key);
  }

  async release(fence: LeaseFence): Promise<void> {
    try {
      await runFenced(this.redis, fence, `return redis.call('DEL', KEYS[1])`, [this.key], []);
    } catch (error) {
      if (!isLeaseLost(error)) throw error;
    }
  }
}

function isLeaseLost(error: unknown): boolean {
  return typeof error === 'object' && error !== null && Reflect.get(error, 'code') === 'LEASE_LOST';
}

/** The id of one watched mailbox: its lease, checkpoint, hold ledger and jobs are keyed by it. */
export function identifyMailbox(imap: { user: string; host: string; mailbox: string }): string {
  return `${imap.user}@${imap.host}/${imap.mailbox}`;
}
