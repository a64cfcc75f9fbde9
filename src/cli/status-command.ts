import type { OffhoursConfig } from '../config/offhours-config.js';
import { formatStatus } from '../observability/format-status.js';
import { readStatus } from '../observability/read-status.js';
import { connectCliRedis } from './connect-cli-redis.js';

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
  const redis = await connectCliRedis(config.redis.url, options.writeError);
  if (redis === null) return 1;
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
