import { existsSync } from 'node:fs';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanupPrefix } from '../support/cleanup-prefix.js';
import { isPortClosed } from '../../src/sandbox/is-port-closed.js';
import { useSharedRedis } from '../support/shared-redis.js';
import { startRedis, type RedisServer } from '../../src/sandbox/start-redis.js';
import { waitForEvent } from '../support/wait-for-event.js';

async function readKey(url: string, key: string): Promise<string | null> {
  const client = new Redis(url);
  try {
    return await client.get(key);
  } finally {
    await client.quit();
  }
}

describe('shared Redis', () => {
  const { url, prefix } = useSharedRedis();

  afterAll(async () => {
    await cleanupPrefix(url, prefix);
  });

  it('runs a delayed BullMQ job exactly once, after its delay', async () => {
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue('harness', { connection, prefix });
    let runs = 0;
    const worker = new Worker(
      'harness',
      (job: Job<{ n: number }>) => {
        runs += 1;
        return Promise.resolve(job.data.n * 2);
      },
      { connection, prefix },
    );
    try {
      const completed = waitForEvent(
        worker,
        'completed',
        (job) => (job as Job).id === 'delayed-1',
        10_000,
      );
      await queue.add('double', { n: 21 }, { delay: 300, jobId: 'delayed-1' });

      const [job, result] = (await completed) as [Job, unknown];

      expect(result).toBe(42);
      expect(runs).toBe(1);
      expect(job.attemptsMade).toBe(1);
      expect((job.processedOn ?? 0) - job.timestamp).toBeGreaterThanOrEqual(300);
      expect(await queue.getJobCounts('completed', 'delayed', 'wait', 'active', 'failed')).toEqual({
        completed: 1,
        delayed: 0,
        wait: 0,
        active: 0,
        failed: 0,
      });
    } finally {
      await worker.close();
      await queue.close();
      await connection.quit();
    }
  });

  it('gives each caller its own prefix, and cleanupPrefix deletes only that prefix', async () => {
    const other = useSharedRedis();
    expect(other.url).toBe(url);
    expect(other.prefix).not.toBe(prefix);
    expect(prefix).toMatch(/^oh-test-[0-9a-f]+$/);

    const client = new Redis(url);
    try {
      await client.set(`${prefix}:mine`, '1');
      await client.set(`${other.prefix}:theirs`, '1');

      expect(await cleanupPrefix(url, prefix)).toBeGreaterThanOrEqual(1);

      expect(await client.exists(`${prefix}:mine`)).toBe(0);
      expect(await client.exists(`${other.prefix}:theirs`)).toBe(1);
    } finally {
      await cleanupPrefix(url, other.prefix);
      await client.quit();
    }
  });
});

describe('startRedis', () => {
  let redis: RedisServer | undefined;

  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it('keeps written data across kill() and start() thanks to AOF', async () => {
    redis = await startRedis();
    const writer = new Redis(redis.url);
    await writer.set('survivor', 'still here');
    await writer.quit();

    await redis.kill();
    expect(await isPortClosed(redis.port)).toBe(true);

    await redis.start();
    expect(await readKey(redis.url, 'survivor')).toBe('still here');
  });

  it('shuts down cleanly on stop(), freeing the port and removing its dir', async () => {
    redis = await startRedis();
    const { port, dir } = redis;
    expect(await readKey(redis.url, 'nothing')).toBeNull();

    await redis.stop();
    redis = undefined;

    expect(await isPortClosed(port)).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });
});
