import type { OffhoursConfig } from '../config/offhours-config.js';
import { formatLogJson } from '../records/format-log-json.js';
import { formatLogLines } from '../records/format-log-lines.js';
import { RecordLog } from '../store/record-log.js';
import { identifyMailbox } from '../store/watcher-lock.js';
import { connectCliRedis } from './connect-cli-redis.js';

/**
 * `offhours log`: the record of what offhours decided and did (docs/records.md), read
 * from the config's Redis, oldest first: one line per message, or one JSON object per
 * record. Fails fast (exit 1, REDIS_UNAVAILABLE) when Redis is down. Returns the exit code.
 */
export async function logCommand(
  config: OffhoursConfig,
  options: {
    since: Date;
    clientId?: string;
    json: boolean;
    write: (text: string) => void;
    writeError: (text: string) => void;
  },
): Promise<number> {
  const { clientId } = options;
  if (clientId !== undefined && !config.clients.some((client) => client.id === clientId))
    options.writeError(
      `note: no client '${clientId}' in the config; showing its records, if any are kept\n`,
    );
  const redis = await connectCliRedis(config.redis.url, options.writeError);
  if (redis === null) return 1;
  try {
    const log = new RecordLog(
      redis,
      config.redis.prefix,
      identifyMailbox(config.imap),
      config.records,
    );
    const records = (
      await log.list({ since: options.since, ...(clientId === undefined ? {} : { clientId }) })
    ).reverse();
    options.write(
      options.json ? formatLogJson(records) : formatLogLines(records, config.assistant.timeZone),
    );
    return 0;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
