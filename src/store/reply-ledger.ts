import type { Redis } from 'ioredis';

export type LedgerTake = 'taken' | 'already-sent' | 'busy';

/**
 * Once per sender per period (RFC 3834, Pigeonhole's vacation): the record is taken
 * atomically before sending (so two workers cannot both reply) and turned into a 'sent'
 * record with the period's TTL only after the SMTP server accepted the reply.
 */
export class ReplyLedger {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  keyFor(clientId: string, kind: string, to: string): string {
    return `${this.prefix}:replied:${clientId}:${kind}:${to.toLowerCase()}`;
  }

  async take(key: string, jobId: string, ttlSeconds: number): Promise<LedgerTake> {
    const result = await this.redis.eval(
      `local current = redis.call('GET', KEYS[1])
       if not current then
         redis.call('SET', KEYS[1], 'pending:' .. ARGV[1], 'EX', ARGV[2])
         return 'taken'
       end
       if current == 'pending:' .. ARGV[1] then return 'taken' end
       if string.sub(current, 1, 5) == 'sent:' then return 'already-sent' end
       return 'busy'`,
      1,
      key,
      jobId,
      String(ttlSeconds),
    );
    return result === 'taken' || result === 'already-sent' ? result : 'busy';
  }

  async confirm(key: string, jobId: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, `sent:${jobId}`, 'EX', ttlSeconds);
  }

  /** After a failed send, so the retry (or the sender's next message) may try again. */
  async abandon(key: string, jobId: string): Promise<void> {
    await this.redis.eval(
      `if redis.call('GET', KEYS[1]) == 'pending:' .. ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
      1,
      key,
      jobId,
    );
  }

  /**
   * The circuit breaker: counts automatic messages to one address in the current hour and
   * says whether this one is still within the limit, whatever the per-client config says.
   */
  async isWithinHourlyLimit(to: string, limit: number, now: Date): Promise<boolean> {
    const hour = Math.floor(now.getTime() / 3_600_000);
    const key = `${this.prefix}:rate:${to.toLowerCase()}:${hour}`;
    const count = await this.redis.incr(key);
    if (count === 1) await this.redis.expire(key, 3_600);
    return count <= limit;
  }
}
