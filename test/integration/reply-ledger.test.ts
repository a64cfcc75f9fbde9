import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplyLedger } from '../../src/store/reply-ledger.js';
import { cleanupPrefix } from '../support/cleanup-prefix.js';
import { useSharedRedis } from '../support/shared-redis.js';

/* The once-per-sender ledger and the circuit breaker, against a real Redis. */

const { url, prefix } = useSharedRedis();
let redis: Redis;
let ledger: ReplyLedger;

beforeAll(() => {
  redis = new Redis(url);
  ledger = new ReplyLedger(redis, prefix);
});
afterAll(async () => {
  await cleanupPrefix(url, prefix);
  await redis.quit();
});

describe('ReplyLedger', () => {
  it('lets exactly one of many concurrent workers take the same reply', async () => {
    const key = ledger.keyFor('acme', 'out-of-hours', 'Jane@Acme.example');
    const takes = await Promise.all(
      Array.from({ length: 20 }, (_, index) => ledger.take(key, `job-${index}`, 3600)),
    );
    expect(takes.filter((take) => take === 'taken')).toHaveLength(1);
    expect(takes.filter((take) => take === 'busy')).toHaveLength(19);
  });

  it('lets the same job take it again after a crash, and nobody after the send is confirmed', async () => {
    const key = ledger.keyFor('acme', 'out-of-hours', 'kim@acme.example');
    expect(await ledger.take(key, 'reply-1', 3600)).toBe('taken');
    expect(await ledger.take(key, 'reply-1', 3600)).toBe('taken');
    await ledger.confirm(key, 'reply-1', 3600);
    expect(await ledger.take(key, 'reply-1', 3600)).toBe('already-sent');
    expect(await ledger.take(key, 'reply-2', 3600)).toBe('already-sent');
    expect(await redis.ttl(key)).toBeGreaterThan(3590);
  });

  it('frees the record when a send fails, so a retry may send', async () => {
    const key = ledger.keyFor('acme', 'out-of-hours', 'lou@acme.example');
    expect(await ledger.take(key, 'reply-1', 3600)).toBe('taken');
    await ledger.abandon(key, 'reply-2');
    expect(await ledger.take(key, 'reply-2', 3600)).toBe('busy');
    await ledger.abandon(key, 'reply-1');
    expect(await ledger.take(key, 'reply-2', 3600)).toBe('taken');
  });

  it('keeps kinds and clients apart', async () => {
    const to = 'max@acme.example';
    const outOfHours = ledger.keyFor('acme', 'out-of-hours', to);
    await ledger.confirm(outOfHours, 'reply-1', 3600);
    expect(await ledger.take(ledger.keyFor('acme', 'emergency', to), 'reply-2', 3600)).toBe(
      'taken',
    );
    expect(await ledger.take(ledger.keyFor('bloom', 'out-of-hours', to), 'reply-3', 3600)).toBe(
      'taken',
    );
  });

  it('trips the circuit breaker past the hourly limit for one address, and only for it', async () => {
    const now = new Date('2026-11-25T21:10:00Z');
    const verdicts = [];
    for (let i = 0; i < 4; i += 1)
      verdicts.push(await ledger.isWithinHourlyLimit('Loop@Robot.example', 3, now));
    expect(verdicts).toEqual([true, true, true, false]);
    expect(await ledger.isWithinHourlyLimit('other@robot.example', 3, now)).toBe(true);
    expect(
      await ledger.isWithinHourlyLimit('loop@robot.example', 3, new Date('2026-11-25T22:00:00Z')),
    ).toBe(true);
  });
});
