import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CalendarFeeds } from '../../../src/calendar/calendar-feeds.js';
import type { FeedFetch, FeedValidators } from '../../../src/calendar/fetch-calendar-feed.js';
import type { CalendarFeed } from '../../../src/config/offhours-config.js';
import { OffhoursError } from '../../../src/errors/offhours-error.js';
import type { FeedCopy } from '../../../src/store/calendar-feed-cache.js';
import { captureLogger } from '../../support/capture-logger.js';

/*
 * The refresher with stand-ins for the network and Redis: what it keeps in force, what it
 * asks the server, what it logs. The real fetch and Redis are in test/integration.
 */

const url = 'https://calendar.example/calendar/ical/dana/private-0123456789abcdef0123/basic.ics';
const shown = 'https://calendar.example/calendar/ical/dana/…/basic.ics';
const feed: CalendarFeed = {
  clientId: 'acme',
  url,
  timeZone: 'America/New_York',
  refreshEverySeconds: 60,
};

function calendar(...dates: string[]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    ...dates.flatMap((date, index) => [
      'BEGIN:VEVENT',
      `UID:off-${index}`,
      'DTSTAMP:20261101T000000Z',
      `DTSTART;VALUE=DATE:${date.replaceAll('-', '')}`,
      'SUMMARY:Off',
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

type Answer = FeedFetch | OffhoursError;

/** A server that answers from a script, remembering what it was asked. */
function scriptedFetch(answers: Answer[]) {
  const asked: FeedValidators[] = [];
  const fetch = (_url: string, validators: FeedValidators): Promise<FeedFetch> => {
    asked.push(validators);
    const answer = answers.shift();
    if (answer === undefined) return Promise.reject(new Error('no more answers scripted'));
    return answer instanceof OffhoursError ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { fetch, asked };
}

function memoryCache(initial?: FeedCopy) {
  const copies = new Map<string, FeedCopy>(initial === undefined ? [] : [[url, initial]]);
  const failures: { code: string; message: string }[] = [];
  return {
    copies,
    failures,
    readCopy: (key: string) => Promise.resolve(copies.get(key) ?? null),
    saveCopy: (key: string, copy: FeedCopy) => {
      copies.set(key, copy);
      return Promise.resolve();
    },
    markUnchanged: () => Promise.resolve(),
    markFailed: (_key: string, failure: { code: string; message: string }) => {
      failures.push(failure);
      return Promise.resolve();
    },
  };
}

const fetched = (text: string, etag: string | null = null): FeedFetch => ({
  kind: 'fetched',
  text,
  etag,
  lastModified: etag === null ? null : 'Tue, 01 Dec 2026 10:00:00 GMT',
});
const down = () =>
  new OffhoursError(
    'CALENDAR_UNREACHABLE',
    `calendar feed ${shown}: cannot be reached (ECONNREFUSED)`,
  );
const now = () => new Date('2026-12-01T12:00:00Z');

function start(answers: Answer[], cache = memoryCache()) {
  const server = scriptedFetch(answers);
  const { logger, lines, raw } = captureLogger();
  let changes = 0;
  const feeds = new CalendarFeeds({
    feeds: () => [feed],
    cache: () => cache,
    logger,
    now,
    onChange: () => (changes += 1),
    fetch: server.fetch,
  });
  return { feeds, server, cache, lines, raw, changes: () => changes };
}

const datesOf = (feeds: CalendarFeeds) =>
  feeds.daysOffOf('acme').map((dayOff) => (dayOff.kind === 'dates' ? dayOff.from : dayOff.kind));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('CalendarFeeds', () => {
  it('fetches a feed without a copy before starting, then asks for changes only every refreshEvery', async () => {
    const scene = start([
      fetched(calendar('2026-12-24'), '"v1"'),
      { kind: 'not-modified' },
      fetched(calendar('2026-12-24', '2026-12-31'), '"v2"'),
    ]);
    await scene.feeds.start();
    expect(datesOf(scene.feeds)).toEqual(['2026-12-24']);
    expect(scene.server.asked).toEqual([{ etag: null, lastModified: null }]);
    expect(scene.cache.copies.get(url)?.etag).toBe('"v1"');

    await vi.advanceTimersByTimeAsync(60_000);
    expect(scene.server.asked[1]).toEqual({
      etag: '"v1"',
      lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT',
    });
    expect(datesOf(scene.feeds)).toEqual(['2026-12-24']);
    expect(scene.changes()).toBe(1);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(datesOf(scene.feeds)).toEqual(['2026-12-24', '2026-12-31']);
    expect(scene.changes()).toBe(2);
    expect(scene.lines.filter((line) => line.event === 'calendar_feed_updated')).toHaveLength(2);
    scene.feeds.stop();
  });

  it('starts with the copy kept in Redis while the feed is down, and logs the failure once', async () => {
    const cache = memoryCache({
      text: calendar('2026-12-24'),
      etag: '"v1"',
      lastModified: null,
      fetchedAt: '2026-11-30T08:00:00.000Z',
    });
    const scene = start([down(), down(), down(), fetched(calendar('2026-12-28'))], cache);
    await scene.feeds.start();
    expect(datesOf(scene.feeds)).toEqual(['2026-12-24']);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(scene.server.asked).toHaveLength(3);
    expect(datesOf(scene.feeds)).toEqual(['2026-12-24']);
    const failed = scene.lines.filter((line) => line.event === 'calendar_feed_failed');
    expect(failed.map((line) => line.level)).toEqual([40, 20, 20]);
    expect(failed[0]).toMatchObject({
      code: 'CALENDAR_UNREACHABLE',
      url: shown,
      keptCopyFrom: '2026-11-30T08:00:00.000Z',
    });
    expect(scene.cache.failures).toHaveLength(3);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(datesOf(scene.feeds)).toEqual(['2026-12-28']);
    expect(scene.lines.filter((line) => line.event === 'calendar_feed_recovered')).toHaveLength(1);
    expect(scene.raw.join('')).not.toContain('private-0123');
    scene.feeds.stop();
  });

  it.each<[name: string, answer: FeedFetch | OffhoursError, code: string, message: RegExp]>([
    [
      'a page that is no calendar',
      fetched('<html><body>Sign in</body></html>'),
      'CALENDAR_INVALID',
      /calendar feed https:\/\/calendar\.example\/calendar\/ical\/dana\/…\/basic\.ics: is not an ICS calendar/,
    ],
    [
      'a calendar cut short',
      fetched(calendar('2026-12-31').replace('END:VCALENDAR', '')),
      'CALENDAR_INVALID',
      /: line 1: BEGIN:VCALENDAR is never closed \(is the file cut short\?\); the copy fetched 2026-12-01T12:00:00.000Z stays in force/,
    ],
    [
      'a feed that is too large',
      new OffhoursError('CALENDAR_INVALID', `calendar feed ${shown}: is larger than 5 MB: refused`),
      'CALENDAR_INVALID',
      /is larger than 5 MB/,
    ],
  ])(
    'keeps the last good days off when the feed turns into %s',
    async (_name, answer, code, message) => {
      const scene = start([fetched(calendar('2026-12-24')), answer]);
      await scene.feeds.start();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(datesOf(scene.feeds)).toEqual(['2026-12-24']);
      const failed = scene.lines.find((line) => line.event === 'calendar_feed_failed');
      expect(failed).toMatchObject({ code, level: 40 });
      expect(String(failed?.msg)).toMatch(message);
      expect(scene.cache.copies.get(url)?.text).toBe(calendar('2026-12-24'));
      expect(scene.changes()).toBe(1);
      scene.feeds.stop();
    },
  );

  it('says when a feed has never been read: no days off from it, logged, no crash', async () => {
    const scene = start([down()]);
    await scene.feeds.start();
    expect(scene.feeds.daysOffOf('acme')).toEqual([]);
    expect(scene.lines.find((line) => line.event === 'calendar_feed_failed')?.msg).toMatch(
      /no copy yet, so its days off are not known/,
    );
    scene.feeds.stop();
  });

  it('does not announce a change when the server sends the same text again without an ETag', async () => {
    const scene = start([fetched(calendar('2026-12-24')), fetched(calendar('2026-12-24'))]);
    await scene.feeds.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(scene.server.asked).toHaveLength(2);
    expect(scene.changes()).toBe(1);
    scene.feeds.stop();
  });
});
