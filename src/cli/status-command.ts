import { Redis } from 'ioredis';
import type { OffhoursConfig } from '../config/offhours-config.js';
import { formatStatus } from '../observability/format-status.js';
import { readStatus } from '../observability/read-status.js';

/**
 * `offhours status`: what is held, queued and on call, read from the config's Redis. Fails
 * fast (exit 1, REDIS_UNAVAILABLE) instead of waiting for a Redis that is down. Returns the
 * exit code.
 */
export async function statusCommand(
  config: OffhoursConfig,
  options: {
    now: Date;
    json: boolean;
    write: (text: string) => void;
    writeError: (text: string) => void;
  },
): Promise<number> {
  const redis = new Redis(config.redis.url, {
    lazyConnect: true,
    connectTimeout: 5_000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  // Connection errors surface as the rejected connect() below; without a listener ioredis prints them.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    options.writeError(
      `REDIS_UNAVAILABLE: cannot reach Redis at ${describeRedis(config.redis.url)}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    redis.disconnect();
    return 1;
  }
  try {
    const report = await readStatus(redis, config, options.now);
    options.write(
      options.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report, options.now),
    );
    return 0;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
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
