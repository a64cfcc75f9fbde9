import type { Redis } from 'ioredis';

// Set only when absent; answers the mark in force either way.
const initialiseScript = `
redis.call('SET', KEYS[1], ARGV[1], 'NX')
return redis.call('GET', KEYS[1])
`;

// Only ever forward: a late or repeated job cannot move the period back.
const advanceScript = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
`;

/**
 * Where the hand-back digest of one mailbox got to (`prefix:digest-since:<mailboxId>`,
 * ms since the epoch): the end of the last period digested, so the next digest covers
 * everything after it. Kept without expiry; it only moves forward.
 */
export class DigestMark {
  readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    mailboxId: string,
  ) {
    this.key = `${prefix}:digest-since:${mailboxId}`;
  }

  async read(): Promise<Date | null> {
    return toDate(await this.redis.get(this.key));
  }

  /** The mark in force; `at` becomes it when there is none yet (the digest was just turned on). */
  async initialise(at: Date): Promise<Date> {
    const value = await this.redis.eval(initialiseScript, 1, this.key, String(at.getTime()));
    return toDate(typeof value === 'string' ? value : null) ?? at;
  }

  /** The period up to `to` was digested (or was empty). */
  async advance(to: Date): Promise<void> {
    await this.redis.eval(advanceScript, 1, this.key, String(to.getTime()));
  }
}

function toDate(value: string | null): Date | null {
  if (value === null) return null;
  const ms = Number(value);
  return Number.isFinite(ms) ? new Date(ms) : null;
}
