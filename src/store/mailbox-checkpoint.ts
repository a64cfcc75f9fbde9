import type { Redis } from 'ioredis';
import { runFenced, type LeaseFence } from './run-fenced.js';

export interface Checkpoint {
  /** UIDVALIDITY as a decimal string (imapflow gives a bigint, which JSON cannot hold). */
  readonly uidValidity: string;
  readonly lastUid: number;
}

/** The highest UID handled per mailbox, so a restart resumes where the last run stopped. */
export class MailboxCheckpoint {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    mailboxId: string,
  ) {
    this.key = `${prefix}:checkpoint:${mailboxId}`;
  }

  async read(): Promise<Checkpoint | null> {
    const [uidValidity, lastUid] = await this.redis.hmget(this.key, 'uidValidity', 'lastUid');
    if (uidValidity == null || lastUid == null) return null;
    return { uidValidity, lastUid: Number(lastUid) };
  }

  /**
   * Only ever moves forward within one UIDVALIDITY (a script, so two writers cannot race it
   * back), and only while `fence` holds the mailbox lease: a watcher that lost it cannot
   * move the checkpoint past mail its successor has not seen.
   */
  async advance(checkpoint: Checkpoint, fence: LeaseFence): Promise<void> {
    await runFenced(
      this.redis,
      fence,
      `local v = redis.call('HGET', KEYS[1], 'uidValidity')
       local u = tonumber(redis.call('HGET', KEYS[1], 'lastUid') or '0')
       if v ~= ARGV[1] or tonumber(ARGV[2]) > u then
         redis.call('HSET', KEYS[1], 'uidValidity', ARGV[1], 'lastUid', ARGV[2])
       end
       return 1`,
      [this.key],
      [checkpoint.uidValidity, String(checkpoint.lastUid)],
    );
  }
}
