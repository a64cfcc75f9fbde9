import { DateTime } from 'luxon';
import { describeFeedUrl } from '../config/describe-feed-url.js';
import type { CalendarFeed } from '../config/offhours-config.js';
import { parseIcsDaysOff } from '../config/parse-ics-days-off.js';
import { isOffhoursError, OffhoursError } from '../errors/offhours-error.js';
import type { Logger } from '../observability/create-logger.js';
import type { DayOff } from '../schedule/client-schedule.js';
import type { CalendarFeedCache, FeedCopy } from '../store/calendar-feed-cache.js';
import { fetchCalendarFeed, type FeedFetch, type FeedValidators } from './fetch-calendar-feed.js';

export interface CalendarFeedsOptions {
  /** The feeds of the live config. */
  readonly feeds: () => readonly CalendarFeed[];
  /** Where the last good copies live (Redis, per mailbox); read again on each use. */
  readonly cache: () => Pick<
    CalendarFeedCache,
    'readCopy' | 'saveCopy' | 'markUnchanged' | 'markFailed'
  >;
  readonly logger: Logger;
  readonly now: () => Date;
  /** The days off of some client changed: the schedules must be rebuilt. */
  readonly onChange: () => void;
  readonly fetch?: (url: string, validators: FeedValidators) => Promise<FeedFetch>;
}

interface FeedState {
  readonly url: string;
  readonly shown: string;
  /** The clients using this feed, with their zones, as `id zone` lines: what parsing depends on. */
  readers: string;
  copy: FeedCopy | null;
  /** Days off per client id, from `copy`. */
  parsed: ReadonlyMap<string, readonly DayOff[]>;
  /** The UTC day the recurrences were expanded from; a new day expands them again. */
  parsedOn: string;
  failure: { code: string; message: string } | null;
  timer: NodeJS.Timeout | null;
  refreshing: Promise<void> | null;
  stopped: boolean;
}

/**
 * The calendar feeds of the config (`daysOff: [{ ics: https://… }]`), kept fresh: each is
 * fetched every `refreshEvery` with a conditional request, and its days off are handed to
 * the schedules (daysOffOf) as soon as they change, without a restart. The last good copy
 * is kept in Redis: at start it is in force at once, and while a feed is down, too big or
 * malformed it stays in force. A failure is logged once (warn) when it starts or changes,
 * and recorded in Redis for `status`; the feed's recovery is logged too. Never throws from
 * a refresh.
 */
export class CalendarFeeds {
  private readonly states = new Map<string, FeedState>();
  private readonly fetchFeed: NonNullable<CalendarFeedsOptions['fetch']>;

  constructor(private readonly options: CalendarFeedsOptions) {
    this.fetchFeed = options.fetch ?? fetchCalendarFeed;
  }

  /**
   * Loads every feed's last good copy from Redis; a feed without one is fetched now (within
   * the fetch's time limit), so the first decisions already see its days off.
   */
  async start(): Promise<void> {
    await this.update();
  }

  /** The feed days off of one client, over all its feeds. */
  daysOffOf(clientId: string): readonly DayOff[] {
    return [...this.states.values()].flatMap((state) => state.parsed.get(clientId) ?? []);
  }

  /** After a config reload: starts new feeds, stops removed ones, re-reads changed zones. */
  async update(): Promise<void> {
    const wanted = new Set(this.options.feeds().map((feed) => feed.url));
    let changed = false;
    for (const [url, state] of this.states) {
      if (wanted.has(url)) continue;
      this.stopState(state);
      this.states.delete(url);
      changed = true;
    }
    const first: Promise<void>[] = [];
    for (const url of wanted) {
      const known = this.states.get(url);
      if (known !== undefined) {
        const readers = this.describeReaders(url);
        if (known.readers !== readers) {
          known.readers = readers;
          if (known.copy !== null)
            changed = (await this.parseInto(known, known.copy.text)) || changed;
        }
        this.schedule(known);
        continue;
      }
      const state: FeedState = {
        url,
        shown: describeFeedUrl(url),
        readers: this.describeReaders(url),
        copy: null,
        parsed: new Map(),
        parsedOn: '',
        failure: null,
        timer: null,
        refreshing: null,
        stopped: false,
      };
      this.states.set(url, state);
      const copy = await this.options
        .cache()
        .readCopy(url)
        .catch(() => null);
      if (copy !== null && (await this.parseInto(state, copy.text))) {
        state.copy = copy;
        changed = true;
        this.options.logger.info(
          { event: 'calendar_feed_loaded', url: state.shown, fetchedAt: copy.fetchedAt },
          'calendar feed: the last good copy is in force; asking the server for changes',
        );
        void this.refresh(state);
      } else {
        first.push(this.refresh(state));
      }
    }
    if (changed) this.options.onChange();
    await Promise.all(first);
  }

  stop(): void {
    for (const state of this.states.values()) this.stopState(state);
    this.states.clear();
  }

  private readersOf(url: string): CalendarFeed[] {
    return this.options.feeds().filter((feed) => feed.url === url);
  }

  private describeReaders(url: string): string {
    return this.readersOf(url)
      .map((feed) => `${feed.clientId} ${feed.timeZone}`)
      .sort()
      .join('\n');
  }

  private stopState(state: FeedState): void {
    state.stopped = true;
    if (state.timer !== null) clearTimeout(state.timer);
    state.timer = null;
  }

  private schedule(state: FeedState): void {
    if (state.stopped || state.refreshing !== null) return;
    if (state.timer !== null) clearTimeout(state.timer);
    const seconds = Math.min(...this.readersOf(state.url).map((feed) => feed.refreshEverySeconds));
    state.timer = setTimeout(() => void this.refresh(state), seconds * 1000);
    // A pending refresh never keeps a stopping process alive.
    state.timer.unref();
  }

  private refresh(state: FeedState): Promise<void> {
    if (state.refreshing !== null) return state.refreshing;
    if (state.timer !== null) clearTimeout(state.timer);
    state.timer = null;
    state.refreshing = this.fetchOnce(state).finally(() => {
      state.refreshing = null;
      this.schedule(state);
    });
    return state.refreshing;
  }

  private async fetchOnce(state: FeedState): Promise<void> {
    const { logger, now } = this.options;
    try {
      const result = await this.fetchFeed(state.url, {
        etag: state.copy?.etag ?? null,
        lastModified: state.copy?.lastModified ?? null,
      });
      if (state.stopped) return;
      const at = now();
      if (result.kind === 'not-modified' && state.copy !== null) {
        await this.options
          .cache()
          .markUnchanged(state.url, at)
          .catch(() => undefined);
        logger.debug(
          { event: 'calendar_feed_unchanged', url: state.shown },
          'calendar feed unchanged (304)',
        );
        // The recurrences reach two years ahead of the day they were expanded on.
        if (state.parsedOn !== this.today() && (await this.parseInto(state, state.copy.text)))
          this.options.onChange();
      } else if (result.kind === 'not-modified') {
        throw new OffhoursError(
          'CALENDAR_UNREACHABLE',
          `calendar feed ${state.shown}: answered 304 Not Modified to a request without a copy`,
        );
      } else {
        const sameText = state.copy?.text === result.text;
        const previous = state.parsed;
        const copy: FeedCopy = {
          text: result.text,
          etag: result.etag,
          lastModified: result.lastModified,
          fetchedAt: at.toISOString(),
        };
        if (!sameText || state.parsedOn !== this.today()) {
          state.parsed = await this.parseAll(state, result.text);
          state.parsedOn = this.today();
        }
        state.copy = copy;
        await this.options
          .cache()
          .saveCopy(state.url, copy)
          .catch((error: unknown) =>
            logger.warn(
              {
                event: 'calendar_feed_not_saved',
                code: 'REDIS_UNAVAILABLE',
                url: state.shown,
                err: error,
              },
              'calendar feed in force, but its copy could not be kept in Redis',
            ),
          );
        if (!sameText || state.parsed !== previous) {
          logger.info(
            {
              event: 'calendar_feed_updated',
              url: state.shown,
              daysOff: Math.max(0, ...[...state.parsed.values()].map((list) => list.length)),
            },
            'calendar feed read: its days off are in force',
          );
          this.options.onChange();
        }
      }
      if (state.failure !== null) {
        logger.info(
          { event: 'calendar_feed_recovered', url: state.shown, was: state.failure.code },
          'calendar feed works again',
        );
        state.failure = null;
      }
    } catch (error) {
      if (state.stopped) return;
      const failure = {
        code: isOffhoursError(error) ? error.code : 'INTERNAL',
        message: error instanceof Error ? error.message : String(error),
      };
      await this.options
        .cache()
        .markFailed(state.url, failure, now())
        .catch(() => undefined);
      const isNew =
        state.failure === null ||
        state.failure.code !== failure.code ||
        state.failure.message !== failure.message;
      state.failure = failure;
      const fields = {
        event: 'calendar_feed_failed',
        code: failure.code,
        url: state.shown,
        keptCopyFrom: state.copy?.fetchedAt ?? null,
      };
      const text =
        state.copy === null
          ? `${failure.message}; no copy yet, so its days off are not known`
          : `${failure.message}; the copy fetched ${state.copy.fetchedAt} stays in force`;
      if (isNew) logger.warn(fields, text);
      else logger.debug(fields, text);
    }
  }

  /** Parses a kept copy again (a new day, other zones); false when it no longer parses. */
  private async parseInto(state: FeedState, text: string): Promise<boolean> {
    try {
      state.parsed = await this.parseAll(state, text);
      state.parsedOn = this.today();
      return true;
    } catch {
      return false;
    }
  }

  private async parseAll(state: FeedState, text: string): Promise<Map<string, DayOff[]>> {
    const at = DateTime.fromJSDate(this.options.now());
    const window = {
      from: at.minus({ days: 1 }).toJSDate(),
      to: at.plus({ years: 2 }).toJSDate(),
    };
    const parsed = new Map<string, DayOff[]>();
    for (const feed of this.readersOf(state.url)) {
      try {
        parsed.set(
          feed.clientId,
          await parseIcsDaysOff(text, window, feed.timeZone, { url: state.shown }),
        );
      } catch (error) {
        if (!isOffhoursError(error)) throw error;
        throw new OffhoursError(
          'CALENDAR_INVALID',
          `calendar feed ${state.shown}: ${error.message}`,
          {
            cause: error,
            details: error.details,
          },
        );
      }
    }
    return parsed;
  }

  private today(): string {
    return this.options.now().toISOString().slice(0, 10);
  }
}
