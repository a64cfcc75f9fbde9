import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** The last good copy of a feed: its text and what the server sent to recognise it. */
export interface FeedCopy {
  readonly text: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** When this text was fetched (a 304 later does not change it). */
  readonly fetchedAt: string;
}

/** How a feed is doing, without its text: for `status` and the refresher's start. */
export interface FeedHealth {
  /** When the last good copy was fetched, or null when there never was one. */
  readonly fetchedAt: string | null;
  /** The last time the server was asked, successfully or not. */
  readonly checkedAt: string | null;
  /** The current run of failures, or null when the last fetch worked. */
  readonly failure: {
    readonly code: string;
    readonly message: string;
    readonly since: string;
  } | null;
}

/** Kept this long after the last fetch attempt: a feed removed from the config fades away. */
const keepSeconds = 90 * 86_400;

/**
 * The last good copy of each calendar feed of a mailbox, in Redis, so a restart (or a
 * standby taking over) starts with the days off it had even while the feed is down, and a
 * conditional request can ask for changes only. Keyed by a hash of the URL: a feed address
 * can hold a secret, so it never appears in a key.
 */
export class CalendarFeedCache {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    mailboxId: string,
  ) {
    this.prefix = `${prefix}:calendar-feed:${mailboxId}`;
  }

  async readCopy(url: string): Promise<FeedCopy | null> {
    const [text, etag, lastModified, fetchedAt] = await this.redis.hmget(
      this.keyOf(url),
      'text',
      'etag',
      'lastModified',
      'fetchedAt',
    );
    if (text === null || text === undefined || fetchedAt === null || fetchedAt === undefined)
      return null;
    return { text, etag: etag || null, lastModified: lastModified || null, fetchedAt };
  }

  async readHealth(url: string): Promise<FeedHealth | null> {
    const [fetchedAt, checkedAt, code, message, since] = await this.redis.hmget(
      this.keyOf(url),
      'fetchedAt',
      'checkedAt',
      'failureCode',
      'failureMessage',
      'failingSince',
    );
    if (!fetchedAt && !checkedAt) return null;
    return {
      fetchedAt: fetchedAt || null,
      checkedAt: checkedAt || null,
      failure: code ? { code, message: message ?? '', since: since ?? checkedAt ?? '' } : null,
    };
  }

  /** A new good copy; any failure run ends. */
  async saveCopy(url: string, copy: FeedCopy): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keyOf(url), {
        text: copy.text,
        etag: copy.etag ?? '',
        lastModified: copy.lastModified ?? '',
        fetchedAt: copy.fetchedAt,
        checkedAt: copy.fetchedAt,
      })
      .hdel(this.keyOf(url), 'failureCode', 'failureMessage', 'failingSince')
      .expire(this.keyOf(url), keepSeconds)
      .exec();
  }

  /** The server said 304: the copy is still the feed. */
  async markUnchanged(url: string, at: Date): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keyOf(url), 'checkedAt', at.toISOString())
      .hdel(this.keyOf(url), 'failureCode', 'failureMessage', 'failingSince')
      .expire(this.keyOf(url), keepSeconds)
      .exec();
  }

  /** A failed fetch; the copy stays. `failingSince` keeps the start of the run. */
  async markFailed(
    url: string,
    failure: { code: string; message: string },
    at: Date,
  ): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keyOf(url), {
        checkedAt: at.toISOString(),
        failureCode: failure.code,
        failureMessage: failure.message,
      })
      .hsetnx(this.keyOf(url), 'failingSince', at.toISOString())
      .expire(this.keyOf(url), keepSeconds)
      .exec();
  }

  private keyOf(url: string): string {
    return `${this.prefix}:${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
  }
}
