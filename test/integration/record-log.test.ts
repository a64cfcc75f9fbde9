import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../src/records/activity-record.js';
import { RecordLog } from '../../src/store/record-log.js';
import { cleanupPrefix } from '../support/cleanup-prefix.js';
import { useSharedRedis } from '../support/shared-redis.js';

/* The record of decisions and outcomes, against a real Redis. */

const { url, prefix } = useSharedRedis();
let redis: Redis;
const day = 86_400;
const retention = { keepForSeconds: 90 * day, subjects: true };

beforeAll(() => {
  redis = new Redis(url);
});
afterAll(async () => {
  await cleanupPrefix(url, prefix);
  await redis.quit();
});

function decisionOf(messageKey: string, at: string, client = 'acme'): ActivityRecord {
  return {
    at,
    client,
    messageKey,
    messageId: `${messageKey}@mail.example`,
    from: 'ceo@acme.example',
    subject: `About ${messageKey}`,
    decision: 'reply-and-hold',
    reasons: ['OUTSIDE_HOURS'],
    automated: false,
    emergency: false,
    outcome: { type: 'held', until: '2026-11-30T09:00:00.000Z' },
    jobId: null,
  };
}

describe('RecordLog', () => {
  it('lists newest first, filtered by client and instant, with a limit', async () => {
    const log = new RecordLog(redis, prefix, 'list@imap.example/INBOX', retention);
    await log.append(decisionOf('m1', '2026-11-27T10:00:00.000Z'));
    await log.append(decisionOf('m2', '2026-11-27T11:00:00.000Z', 'globex'));
    await log.append(decisionOf('m3', '2026-11-27T12:00:00.000Z'));
    await log.appendOutcome({
      at: new Date('2026-11-27T12:00:05.000Z'),
      messageKey: 'm1',
      outcome: { type: 'replied', to: 'ceo@acme.example' },
      jobId: 'reply-1',
    });

    const all = await log.list();
    expect(all.map((record) => [record.messageKey, record.outcome.type])).toEqual([
      ['m1', 'replied'],
      ['m3', 'held'],
      ['m2', 'held'],
      ['m1', 'held'],
    ]);
    // A later step carries the fields its decision recorded.
    expect(all[0]).toMatchObject({
      client: 'acme',
      from: 'ceo@acme.example',
      subject: 'About m1',
      decision: 'reply-and-hold',
      reasons: ['OUTSIDE_HOURS'],
      jobId: 'reply-1',
    });
    expect((await log.list({ clientId: 'globex' })).map((r) => r.messageKey)).toEqual(['m2']);
    expect(
      (await log.list({ since: new Date('2026-11-27T11:00:00.000Z') })).map((r) => r.messageKey),
    ).toEqual(['m1', 'm3', 'm2']);
    expect(
      (await log.list({ until: new Date('2026-11-27T11:00:00.000Z') })).map((r) => r.messageKey),
    ).toEqual(['m1']);
    expect((await log.list({ limit: 2 })).map((r) => r.messageKey)).toEqual(['m1', 'm3']);
    expect(await log.list({ clientId: 'acme', limit: 2 })).toHaveLength(2);
  });

  it('pages through more records than one read returns', async () => {
    const log = new RecordLog(redis, prefix, 'many@imap.example/INBOX', retention);
    const start = Date.parse('2026-11-01T00:00:00.000Z');
    for (let index = 0; index < 2_500; index += 1) {
      const client = index % 10 === 0 ? 'rare' : 'acme';
      await log.append(
        decisionOf(`k${index}`, new Date(start + index * 1000).toISOString(), client),
      );
    }
    expect(await log.list()).toHaveLength(2_500);
    const rare = await log.list({ clientId: 'rare' });
    expect(rare).toHaveLength(250);
    expect(rare[0]?.messageKey).toBe('k2490');
    expect(rare[249]?.messageKey).toBe('k0');
  });

  it('records a message decided twice once, and keeps order when a clock is behind', async () => {
    const log = new RecordLog(redis, prefix, 'twice@imap.example/INBOX', retention);
    expect(await log.append(decisionOf('same', '2026-11-27T10:00:00.000Z'))).not.toBeNull();
    expect(await log.append(decisionOf('same', '2026-11-27T10:05:00.000Z'))).toBeNull();
    // Another worker's clock, a second behind: it still comes after the last record.
    await log.appendOutcome({
      at: new Date('2026-11-27T09:59:59.000Z'),
      messageKey: 'same',
      outcome: { type: 'reply-suppressed', reason: 'once-per-period' },
      jobId: 'reply-same',
    });
    const records = await log.list();
    expect(records.map((record) => record.outcome.type)).toEqual(['reply-suppressed', 'held']);
    expect(records[0]?.outcome).toEqual({ type: 'reply-suppressed', reason: 'once-per-period' });
  });

  it('drops subjects when told to, and an outcome of an unknown message still records', async () => {
    const log = new RecordLog(redis, prefix, 'private@imap.example/INBOX', {
      keepForSeconds: 90 * day,
      subjects: false,
    });
    await log.append(decisionOf('secret', '2026-11-27T10:00:00.000Z'));
    await log.appendOutcome({
      at: new Date('2026-11-27T10:00:01.000Z'),
      messageKey: 'lost',
      client: 'acme',
      outcome: { type: 'failed', job: 'forward', code: 'MESSAGE_GONE' },
      jobId: 'forward-lost',
    });
    const [failed, decided] = await log.list();
    expect(decided?.subject).toBeUndefined();
    expect(decided?.from).toBe('ceo@acme.example');
    expect(failed).toMatchObject({
      client: 'acme',
      messageKey: 'lost',
      from: null,
      outcome: { type: 'failed', job: 'forward', code: 'MESSAGE_GONE' },
    });
    const raw = await redis.xrange(log.key, '-', '+');
    expect(JSON.stringify(raw)).not.toContain('About secret');
  });

  it('trims records older than keepFor when a new one is appended', async () => {
    const log = new RecordLog(redis, prefix, 'trim@imap.example/INBOX', {
      keepForSeconds: day,
      subjects: true,
    });
    const start = Date.parse('2026-11-01T00:00:00.000Z');
    // More than one stream node (100 entries), so approximate trimming removes whole nodes.
    for (let index = 0; index < 300; index += 1)
      await log.append(decisionOf(`old${index}`, new Date(start + index * 1000).toISOString()));
    await log.append(decisionOf('new', '2026-11-05T00:00:00.000Z'));
    const left = await log.list();
    expect(left[0]?.messageKey).toBe('new');
    expect(left.length).toBeLessThan(101);
    expect(await redis.ttl(`${prefix}:record-message:trim@imap.example/INBOX:new`)).toBe(day);
  });

  it('skips an entry it cannot read rather than failing the list', async () => {
    const log = new RecordLog(redis, prefix, 'odd@imap.example/INBOX', retention);
    await redis.xadd(log.key, '1-0', 'r', '{not json');
    await redis.xadd(log.key, '2-0', 'other', 'x');
    await log.append(decisionOf('fine', '2026-11-27T10:00:00.000Z'));
    expect((await log.list()).map((record) => record.messageKey)).toEqual(['fine']);
  });
});
