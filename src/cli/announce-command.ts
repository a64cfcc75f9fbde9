import type { OffhoursConfig } from '../config/offhours-config.js';
import { readAnnouncementPlan } from '../runtime/read-announcement-plan.js';
import { AnnouncementLedger } from '../store/announcement-ledger.js';
import { CorrespondentLedger } from '../store/correspondent-ledger.js';
import { identifyMailbox } from '../store/watcher-lock.js';
import { connectCliRedis } from './connect-cli-redis.js';
import { formatAnnouncementPlan } from './format-announcement-plan.js';

/** How far past each client's daysBefore the preview looks, to show what comes next. */
const lookaheadDays = 14;

/**
 * `offhours announce` without --dry-run: refused (exit 2). The daemon sends due
 * announcements itself, once per absence and recipient; a second sender could only race it.
 */
export function refuseToAnnounce(writeError: (text: string) => void): number {
  writeError(
    'offhours announce only shows what would be sent: add --dry-run. The daemon (offhours run) sends due announcements itself, once per absence and recipient: at start, every 10 minutes and after a config change.\n',
  );
  return 2;
}

/**
 * `offhours announce --dry-run`: the days-off announcements as the daemon would send them
 * now, read from the config (with its calendar feeds) and the mailbox's Redis (who wrote,
 * what went out). Sends and queues nothing. Returns the exit code.
 */
export async function announceCommand(
  config: OffhoursConfig,
  options: {
    now: Date;
    write: (text: string) => void;
    writeError: (text: string) => void;
  },
): Promise<number> {
  const redis = await connectCliRedis(config.redis.url, options.writeError);
  if (redis === null) return 1;
  try {
    const mailboxId = identifyMailbox(config.imap);
    const plan = await readAnnouncementPlan(
      config,
      options.now,
      {
        correspondents: new CorrespondentLedger(redis, config.redis.prefix, mailboxId),
        announced: new AnnouncementLedger(redis, config.redis.prefix, mailboxId),
      },
      lookaheadDays,
    );
    options.write(formatAnnouncementPlan(plan, config, options.now, lookaheadDays));
    return 0;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
