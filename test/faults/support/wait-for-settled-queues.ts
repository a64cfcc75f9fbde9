/**
 * Waits until the daemon has no queued work left that could still send something: nothing
 * waiting, active (a job a killed daemon held stays "active" until a live worker declares
 * it stalled and runs it again), prioritized or paused, and nothing delayed that falls due
 * within `dueWithinMs` (retries in backoff). Releases scheduled for a check-in hours away
 * are not outstanding. Reads BullMQ's keys under the prefix directly, so it does not depend
 * on how the daemon names or splits its queues. Returns the outstanding count it last saw
 * (0 when settled).
 */
import { Redis } from 'ioredis';
import { waitUntil } from '../../../src/sandbox/wait-until.js';

const listSuffixes = [':wait', ':active', ':paused'];
const sortedSetSuffixes = [':prioritized', ':waiting-children'];

export async function countOutstandingJobs(
  redisUrl: string,
  prefix: string,
  dueWithinMs: number,
): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let outstanding = 0;
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) {
      for (const key of keys as string[]) {
        if (listSuffixes.some((suffix) => key.endsWith(suffix))) {
          outstanding += await redis.llen(key);
        } else if (sortedSetSuffixes.some((suffix) => key.endsWith(suffix))) {
          outstanding += await redis.zcard(key);
        } else if (key.endsWith(':delayed')) {
          // BullMQ scores a delayed job by its due time in ms times 0x1000.
          const dueBy = (Date.now() + dueWithinMs) * 0x1000;
          outstanding += await redis.zcount(key, 0, dueBy);
        }
      }
    }
    return outstanding;
  } finally {
    redis.disconnect();
  }
}

export async function waitForSettledQueues(
  redisUrl: string,
  prefix: string,
  { dueWithinMs = 15 * 60_000, timeoutMs = 180_000 } = {},
): Promise<number> {
  let last = -1;
  // A settled reading twice in a row: a worker may be between moving a job and the next.
  let settledReadings = 0;
  await waitUntil(
    async () => {
      last = await countOutstandingJobs(redisUrl, prefix, dueWithinMs);
      settledReadings = last === 0 ? settledReadings + 1 : 0;
      return settledReadings >= 2;
    },
    { description: `the queues under ${prefix} to settle`, timeoutMs, intervalMs: 500 },
  ).catch(() => undefined);
  return last;
}
