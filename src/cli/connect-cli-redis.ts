import { Redis } from 'ioredis';

/**
 * A Redis connection for a one-shot command: fails fast (null, after writing
 * REDIS_UNAVAILABLE) instead of waiting for a Redis that is down.
 */
export async function connectCliRedis(
  url: string,
  writeError: (text: string) => void,
): Promise<Redis | null> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5_000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  // Connection errors surface as the rejected connect() below; without a listener ioredis prints them.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    writeError(
      `REDIS_UNAVAILABLE: cannot reach Redis at ${describeRedis(url)}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    redis.disconnect();
    return null;
  }
}

/** host:port/db without the credentials a Redis URL may carry. */
function describeRedis(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}
