/**
 * The Redis ordinary tests share (nothing is started here): its URL, and a prefix unique
 * to the caller so tests running side by side never see each other's keys or queues.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import './provided-context.js';
import { defaultRedisUrl } from './shared-redis-url.js';

/**
 * URL: the one the global setup provided (which checked that it answers), else REDIS_URL,
 * else 127.0.0.1:6379. Prefix: `oh-test-<random>`; use it as BullMQ's `prefix` or as the
 * first segment of every key, and pass it to `cleanupPrefix` when done.
 */
export function useSharedRedis(): { url: string; prefix: string } {
  const provided = inject('redisUrl') as string | undefined;
  const url = provided ?? process.env.REDIS_URL ?? defaultRedisUrl;
  return { url, prefix: `oh-test-${randomBytes(6).toString('hex')}` };
}
