/**
 * vitest global setup: makes sure a Redis answers for the tests that share one. It uses
 * REDIS_URL or 127.0.0.1:6379 when they answer; when no REDIS_URL is set and nothing
 * answers on 6379 (a bare CI machine), it starts a private redis-server and stops it at
 * teardown. Tests read the URL with `useSharedRedis()`.
 */
import type { TestProject } from 'vitest/node';
import { defaultRedisUrl } from './shared-redis-url.js';
import { pingRedis } from '../../src/sandbox/ping-redis.js';
import { startRedis } from '../../src/sandbox/start-redis.js';
import './provided-context.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configuredUrl = process.env.REDIS_URL;
  const url = configuredUrl ?? defaultRedisUrl;
  if (await pingRedis(url)) {
    project.provide('redisUrl', url);
    return () => Promise.resolve();
  }
  if (configuredUrl !== undefined) {
    throw new Error(
      `No Redis answers at REDIS_URL=${configuredUrl}: start one there, or unset REDIS_URL ` +
        `so the tests start their own (needs redis-server: apt-get install redis-server)`,
    );
  }
  const redis = await startRedis().catch((error: unknown) => {
    throw new Error(
      `No Redis answers at ${defaultRedisUrl} and the tests could not start their own ` +
        `(start a Redis there, or install redis-server: apt-get install redis-server): ` +
        (error instanceof Error ? error.message : String(error)),
      { cause: error },
    );
  });
  process.env.REDIS_URL = redis.url;
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
