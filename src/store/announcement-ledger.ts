import type { Redis } from 'ioredis';

/** What was sent to one recipient about one absence. */
export interface AnnouncedTo {
  readonly messageId: string;
  /** ISO instant the SMTP server accepted it. */
  readonly at: string;
}

/** Kept this long after the absence ends, so a restart during it never announces it again. */
const keepAfterEndMs = 30 * 86_400_000;

/**
 * The days-off announcements one mailbox sent: per client and absence (identified by its
 * start), a Redis hash from recipient to what went out, written after the SMTP server
 * accepted the message and kept until 30 days after the absence ended. The daemon's check
 * queues nobody on it again; the job's own delivery record (deliverOnce) covers the
 * window between the 250 and this write.
 */
export class AnnouncementLedger {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    mailboxId: string,
  ) {
    this.prefix = `${prefix}:announced:${mailboxId}`;
  }

  async read(clientId: string, absenceStart: Date): Promise<Map<string, AnnouncedTo>> {
    const raw = await this.redis.hgetall(this.keyOf(clientId, absenceStart));
    const sent = new Map<string, AnnouncedTo>();
    for (const [to, value] of Object.entries(raw)) {
      const parsed = readAnnounced(value);
      if (parsed !== null) sent.set(to, parsed);
    }
    return sent;
  }

  async mark(
    announcement: { clientId: string; absenceStart: Date; absenceEnd: Date; to: string },
    sent: AnnouncedTo,
  ): Promise<void> {
    const key = this.keyOf(announcement.clientId, announcement.absenceStart);
    const results =
      (await this.redis
        .multi()
        .hset(key, announcement.to, JSON.stringify(sent))
        .pexpireat(key, announcement.absenceEnd.getTime() + keepAfterEndMs)
        .exec()) ?? [];
    const failed = results.find(([error]) => error !== null)?.[0];
    if (failed) throw failed;
  }

  private keyOf(clientId: string, absenceStart: Date): string {
    return `${this.prefix}:${clientId}:${absenceStart.getTime()}`;
  }
}

function readAnnounced(value: string): AnnouncedTo | null {
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const messageId: unknown = Reflect.get(parsed, 'messageId');
    const at: unknown = Reflect.get(parsed, 'at');
    return typeof messageId === 'string' && typeof at === 'string' ? { messageId, at } : null;
  } catch {
    return null;
  }
}
