import { DateTime } from 'luxon';
import { applyFeedDaysOff } from '../config/apply-feed-days-off.js';
import { describeFeedUrl } from '../config/describe-feed-url.js';
import type { OffhoursConfig } from '../config/offhours-config.js';
import { parseIcsDaysOff } from '../config/parse-ics-days-off.js';
import { isOffhoursError } from '../errors/offhours-error.js';
import type { DayOff } from '../schedule/client-schedule.js';
import { fetchCalendarFeed, type FeedFetch, type FeedValidators } from './fetch-calendar-feed.js';

/** How one feed fared, as `check` shows it. */
export interface FeedReport {
  /** As describeFeedUrl shows it. */
  readonly url: string;
  readonly clientIds: readonly string[];
  readonly outcome:
    | { readonly ok: true; readonly daysOff: number }
    | { readonly ok: false; readonly code: string; readonly message: string };
}

/**
 * Fetches every calendar feed of the config once, now (no copy, no cache: what the server
 * serves at this moment), and returns the config with their days off applied and a report
 * per feed. A feed that fails adds no days off and is reported with its code
 * (CALENDAR_UNREACHABLE, CALENDAR_INVALID); nothing throws.
 */
export async function readCalendarFeedsOnce(
  config: OffhoursConfig,
  now: Date,
  fetchFeed: (url: string, validators: FeedValidators) => Promise<FeedFetch> = fetchCalendarFeed,
): Promise<{ config: OffhoursConfig; feeds: FeedReport[] }> {
  const at = DateTime.fromJSDate(now);
  const window = { from: at.minus({ days: 1 }).toJSDate(), to: at.plus({ years: 2 }).toJSDate() };
  const daysOff = new Map<string, DayOff[]>();
  const urls = [...new Set(config.calendarFeeds.map((feed) => feed.url))];
  const feeds = await Promise.all(
    urls.map(async (url): Promise<FeedReport> => {
      const readers = config.calendarFeeds.filter((feed) => feed.url === url);
      const shown = describeFeedUrl(url);
      const clientIds = [...new Set(readers.map((feed) => feed.clientId))];
      try {
        const result = await fetchFeed(url, { etag: null, lastModified: null });
        if (result.kind !== 'fetched') throw new Error('answered 304 to a request without a copy');
        const read: [clientId: string, parsed: DayOff[]][] = [];
        for (const feed of readers) {
          let parsed: DayOff[];
          try {
            parsed = await parseIcsDaysOff(result.text, window, feed.timeZone, { url: shown });
          } catch (error) {
            if (!isOffhoursError(error)) throw error;
            return {
              url: shown,
              clientIds,
              outcome: {
                ok: false,
                code: error.code,
                message: `calendar feed ${shown}: ${error.message}`,
              },
            };
          }
          read.push([feed.clientId, parsed]);
        }
        for (const [clientId, parsed] of read)
          daysOff.set(clientId, [...(daysOff.get(clientId) ?? []), ...parsed]);
        const most = Math.max(0, ...read.map(([, parsed]) => parsed.length));
        return { url: shown, clientIds, outcome: { ok: true, daysOff: most } };
      } catch (error) {
        return {
          url: shown,
          clientIds,
          outcome: {
            ok: false,
            code: isOffhoursError(error) ? error.code : 'CALENDAR_UNREACHABLE',
            message: error instanceof Error ? error.message : String(error),
          },
        };
      }
    }),
  );
  return {
    config: applyFeedDaysOff(config, (clientId) => daysOff.get(clientId) ?? []),
    feeds,
  };
}
