import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SentMessageLedger } from '../../src/store/sent-message-ledger.js';
import { cleanupPrefix } from '../support/cleanup-prefix.js';
import { useSharedRedis } from '../support/shared-redis.js';

/* The record of Message-IDs offhours sent, against a real Redis. */

const { url, prefix } = useSharedRedis();
let redis: Redis;

beforeAll(() => {
  redis = new Redis(url);
});
afterAll(async () => {
  await cleanupPrefix(url, prefix);
  await redis.quit();
});

describe('SentMessageLedger', () => {
  it('finds the recorded ids among others, whatever their case, and keeps mailboxes apart', async () => {
    const ledger = new SentMessageLedger(redis, prefix, 'va@imap.example/INBOX');
    const other = new SentMessageLedger(redis, prefix, 'other@imap.example/INBOX');
    await ledger.record(['Reply.1@offhours.example', 'reply.2@offhours.example'], 3600);
    expect(
      await ledger.findSent([
        'someone@else.example',
        'reply.1@offhours.example',
        'REPLY.2@offhours.example',
      ]),
    ).toEqual(['reply.1@offhours.example', 'REPLY.2@offhours.example']);
    expect(await other.findSent(['reply.1@offhours.example'])).toEqual([]);
    expect(await ledger.findSent([])).toEqual([]);
  });

  it('forgets an id after its period', async () => {
    const ledger = new SentMessageLedger(redis, prefix, 'ttl@imap.example/INBOX');
    await ledger.record(['short@offhours.example'], 1);
    const keys = await redis.keys(`${prefix}:sent-id:ttl@imap.example/INBOX:*`);
    expect(keys).toHaveLength(1);
    expect(await redis.ttl(keys[0] ?? '')).toBe(1);
  });
});
