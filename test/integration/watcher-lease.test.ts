import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoldLedger, type HeldEntry } from '../../src/store/hold-ledger.js';
import { MailboxCheckpoint } from '../../src/store/mailbox-checkpoint.js';
import { WatcherLock } from '../../src/store/watcher-lock.js';
import { cleanupPrefix } from '../support/cleanup-prefix.js';
import { useSharedRedis } from '../support/shared-redis.js';

/* The mailbox lease, its fencing token, and the hold ledger keyed by mailbox, against a real Redis. */

const { url, prefix } = useSharedRedis();
let redis: Redis;
let mailboxCount = 0;

beforeAll(() => {
  redis = new Redis(url);
});
afterAll(async () => {
  await cleanupPrefix(url, prefix);
  await redis.quit();
});

const newMailbox = () => {
  mailboxCount += 1;
  return `va${mailboxCount}@imap.example/INBOX`;
};
const entry = (subject: string): HeldEntry => ({
  clientId: 'acme',
  resumeAt: '2026-11-27T16:00:00.000Z',
  from: 'jane@acme.example',
  subject,
  heldAt: '2026-11-26T00:00:00.000Z',
  uid: 7,
});

/** The lease running out, as it does when its holder stops renewing (paused, killed). */
async function expireLease(mailboxId: string): Promise<void> {
  await redis.del(`${prefix}:lock:${mailboxId}`);
}

describe('WatcherLock', () => {
  it('gives the lease to one owner at a time, with a new token on every acquisition', async () => {
    const mailboxId = newMailbox();
    const old = new WatcherLock(redis, prefix, mailboxId, 'old:1:a', 60_000);
    const next = new WatcherLock(redis, prefix, mailboxId, 'next:2:b', 60_000);
    const first = await old.tryAcquire();
    expect(first).not.toBeNull();
    expect(await next.tryAcquire()).toBeNull();
    expect(await old.readHolder()).toBe('old:1:a');

    await expireLease(mailboxId);
    const second = await next.tryAcquire();
    expect(second?.token).toBe(String(Number(first?.token) + 1));
    expect(await old.readHolder()).toBe('next:2:b');
    // The old holder learns it lost the lease, and cannot release the new holder's.
    expect(await old.renew(first ?? fail())).toBe(false);
    await old.release(first ?? fail());
    expect(await next.readHolder()).toBe('next:2:b');
    expect(await next.renew(second ?? fail())).toBe(true);
    await next.release(second ?? fail());
    expect(await next.readHolder()).toBeNull();
  });

  it('expires a lease nobody renews within its TTL', async () => {
    const mailboxId = newMailbox();
    const lock = new WatcherLock(redis, prefix, mailboxId, 'short:1:a', 3_000);
    expect(await lock.tryAcquire()).not.toBeNull();
    const ttl = await redis.pttl(`${prefix}:lock:${mailboxId}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3_000);
  });

  it('refuses the checkpoint and hold-ledger writes of a holder that lost the lease', async () => {
    const mailboxId = newMailbox();
    const old = new WatcherLock(redis, prefix, mailboxId, 'old:1:a', 60_000);
    const next = new WatcherLock(redis, prefix, mailboxId, 'next:2:b', 60_000);
    const checkpoint = new MailboxCheckpoint(redis, prefix, mailboxId);
    const ledger = new HoldLedger(redis, prefix, mailboxId);
    const oldFence = (await old.tryAcquire()) ?? fail();
    await checkpoint.advance({ uidValidity: '1', lastUid: 10 }, oldFence);

    // The old holder pauses past its lease; another takes over and moves on.
    await expireLease(mailboxId);
    const nextFence = (await next.tryAcquire()) ?? fail();
    await checkpoint.advance({ uidValidity: '1', lastUid: 20 }, nextFence);

    // The old holder wakes up and writes what it had in flight: all refused.
    await expect(
      checkpoint.advance({ uidValidity: '2', lastUid: 5 }, oldFence),
    ).rejects.toMatchObject({ code: 'LEASE_LOST' });
    await expect(
      ledger.record(new Map([['k-old', entry('stale')]]), oldFence),
    ).rejects.toMatchObject({ code: 'LEASE_LOST' });
    await expect(old.verify(oldFence)).rejects.toMatchObject({ code: 'LEASE_LOST' });
    expect(await checkpoint.read()).toEqual({ uidValidity: '1', lastUid: 20 });
    expect(await ledger.list()).toEqual(new Map());

    // Even re-taking the lease later does not revive the old token.
    await expireLease(mailboxId);
    const again = (await old.tryAcquire()) ?? fail();
    await expect(
      checkpoint.advance({ uidValidity: '1', lastUid: 30 }, oldFence),
    ).rejects.toMatchObject({ code: 'LEASE_LOST' });
    await checkpoint.advance({ uidValidity: '1', lastUid: 30 }, again);
    await ledger.record(new Map([['k-new', entry('fresh')]]), again);
    expect(await checkpoint.read()).toEqual({ uidValidity: '1', lastUid: 30 });
    expect([...(await ledger.list()).keys()]).toEqual(['k-new']);
  });
});

describe('HoldLedger', () => {
  it('keeps mailboxes apart', async () => {
    const a = new HoldLedger(redis, `${prefix}-apart`, 'a@imap.example/INBOX');
    const b = new HoldLedger(redis, `${prefix}-apart`, 'b@imap.example/INBOX');
    await a.record(new Map([['k1', entry('for a')]]));
    expect([...(await a.list()).keys()]).toEqual(['k1']);
    expect(await b.list()).toEqual(new Map());
    await a.remove(['k1']);
    expect(await a.list()).toEqual(new Map());
  });

  it('reads the single hash of older versions, and adopts it into the mailbox once', async () => {
    const legacyPrefix = `${prefix}-legacy`;
    await redis.hset(
      `${legacyPrefix}:held`,
      'k-old',
      JSON.stringify(entry('held before the upgrade')),
      'k-both',
      JSON.stringify(entry('old copy')),
    );
    const ledger = new HoldLedger(redis, legacyPrefix, 'va@imap.example/INBOX');
    await ledger.record(new Map([['k-both', entry('new copy')]]));
    // Before adoption, a release already sees the old entries (so it neither misses them
    // nor takes their messages for orphans); the mailbox's own entry wins.
    const before = await ledger.list();
    expect(before.get('k-old')?.subject).toBe('held before the upgrade');
    expect(before.get('k-both')?.subject).toBe('new copy');

    expect(await ledger.adoptLegacy()).toBe(2);
    expect(await redis.exists(`${legacyPrefix}:held`)).toBe(0);
    const after = await ledger.list();
    expect([...after.keys()].sort()).toEqual(['k-both', 'k-old']);
    expect(after.get('k-both')?.subject).toBe('new copy');
    expect(await ledger.adoptLegacy()).toBe(0);
    await cleanupPrefix(url, legacyPrefix);
  });
});

function fail(): never {
  throw new Error('expected a lease');
}
