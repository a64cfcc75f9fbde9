import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityRecord, StoredRecord } from '../../src/records/activity-record.js';
import { RecentRecords } from '../../src/observability/recent-records.js';
import { RecordLog } from '../../src/store/record-log.js';
import { cleanupPrefix } from '../support/cleanup-prefix.js';
import { useSharedRedis } from '../support/shared-redis.js';

/* The status page's records between refreshes, against a real Redis. */

const { url, prefix } = useSharedRedis();
let redis: Redis;
const hour = 3_600_000;
const start = Date.parse('2026-11-25T00:00:00Z');

beforeAll(() => {
  redis = new Redis(url);
});
afterAll(async () => {
  await cleanupPrefix(url, prefix);
  await redis.quit();
});

function recordAt(ms: number, messageKey: string): ActivityRecord {
  return {
    at: new Date(ms).toISOString(),
    client: 'acme',
    messageKey,
    messageId: null,
    from: 'jane@acme.example',
    subject: messageKey,
    decision: 'reply-and-hold',
    reasons: [],
    automated: false,
    emergency: false,
    outcome: { type: 'left' },
    jobId: `job-${messageKey}`,
  };
}

function newLog(): RecordLog {
  return new RecordLog(redis, prefix, `${randomBytes(4).toString('hex')}@imap.example/INBOX`, {
    keepForSeconds: 90 * 86_400,
    subjects: true,
  });
}

const subjectsOf = (records: readonly StoredRecord[]) => records.map((record) => record.subject);

describe('RecentRecords', () => {
  it('reads the window once, then only what was appended since, newest first', async () => {
    const log = newLog();
    for (let index = 0; index < 4; index += 1)
      await log.append(recordAt(start + index * hour, `m${index}`));
    const recent = new RecentRecords({ windowMs: 24 * hour, limit: 100 });
    expect(subjectsOf(await recent.read(log, new Date(start + 4 * hour)))).toEqual([
      'm3',
      'm2',
      'm1',
      'm0',
    ]);
    // An entry removed behind its back stays: the second read did not read it again.
    const [oldest] = await redis.xrange(log.key, '-', '+', 'COUNT', 1);
    await redis.xdel(log.key, oldest?.[0] ?? '');
    // Two more, one in the same millisecond as the newest held.
    await log.append(recordAt(start + 3 * hour, 'm3b'));
    await log.append(recordAt(start + 5 * hour, 'm5'));
    expect(subjectsOf(await recent.read(log, new Date(start + 5 * hour)))).toEqual([
      'm5',
      'm3b',
      'm3',
      'm2',
      'm1',
      'm0',
    ]);
  });

  it('drops what left the window and keeps to the limit', async () => {
    const log = newLog();
    for (let index = 0; index < 5; index += 1)
      await log.append(recordAt(start + index * hour, `m${index}`));
    const recent = new RecentRecords({ windowMs: 3 * hour, limit: 3 });
    expect(subjectsOf(await recent.read(log, new Date(start + 4 * hour)))).toEqual([
      'm4',
      'm3',
      'm2',
    ]);
    await log.append(recordAt(start + 6 * hour, 'm6'));
    expect(subjectsOf(await recent.read(log, new Date(start + 6 * hour)))).toEqual([
      'm6',
      'm4',
      'm3',
    ]);
    expect(subjectsOf(await recent.read(log, new Date(start + 8 * hour)))).toEqual(['m6']);
  });

  it('reads everything again when its newest record is gone (Redis emptied) or the mailbox changed', async () => {
    const log = newLog();
    await log.append(recordAt(start, 'm0'));
    const recent = new RecentRecords({ windowMs: 24 * hour, limit: 100 });
    expect(subjectsOf(await recent.read(log, new Date(start + hour)))).toEqual(['m0']);
    await redis.del(log.key);
    await log.append(recordAt(start + 2 * hour, 'fresh'));
    expect(subjectsOf(await recent.read(log, new Date(start + 2 * hour)))).toEqual(['fresh']);
    const other = newLog();
    await other.append(recordAt(start + 2 * hour, 'other'));
    expect(subjectsOf(await recent.read(other, new Date(start + 2 * hour)))).toEqual(['other']);
  });
});
