/**
 * Deletes every key a test wrote under its prefix in the shared Redis.
 */
import { Redis } from 'ioredis';

export async function cleanupPrefix(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    // SCAN, not KEYS: the shared Redis may hold many other tests' keys.
    for await (const keys of client.scanStream({ match: `${prefix}:*`, count: 500 })) {
      if (Array.isArray(keys) && keys.length > 0) {
        deleted += await client.del(...(keys as string[]));
      }
    }
  } finally {
    await client.quit();
  }
  return deleted;
}
