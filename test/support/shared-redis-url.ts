/**
 * Where the shared Redis is expected when REDIS_URL is not set. Kept apart from
 * shared-redis.ts so the global setup, which runs outside the test workers, need not load
 * vitest's test API.
 */
export const defaultRedisUrl = 'redis://127.0.0.1:6379';
