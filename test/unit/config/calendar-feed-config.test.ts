import { afterEach, describe, expect, it } from 'vitest';
import { checkFeedUrl, isFeedUrl } from '../../../src/config/check-feed-url.js';
import { describeFeedUrl } from '../../../src/config/describe-feed-url.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { copyExampleConfig, type ExampleConfig } from './copy-example-config.js';

describe('isFeedUrl', () => {
  it.each<[text: string, isUrl: boolean]>([
    ['https://calendar.example/a.ics', true],
    ['HTTP://127.0.0.1:8080/a.ics', true],
    ['ftp://calendar.example/a.ics', true],
    ['./calendars/time-off.ics', false],
    ['/etc/offhours/time-off.ics', false],
    ['calendars/https.ics', false],
  ])('%s: %s', (text, isUrl) => {
    expect(isFeedUrl(text)).toBe(isUrl);
  });
});

describe('checkFeedUrl', () => {
  it.each<[text: string, redirectedFrom: string | undefined, problem: string | null]>([
    ['https://calendar.example/a.ics', undefined, null],
    ['http://127.0.0.1:8080/a.ics', undefined, null],
    ['http://localhost/a.ics', undefined, null],
    ['http://[::1]:9000/a.ics', undefined, null],
    [
      'http://calendar.example/a.ics',
      undefined,
      'is plain http: only https is fetched (http only on 127.0.0.1 or localhost)',
    ],
    [
      'http://127.0.0.2/a.ics',
      undefined,
      'is plain http: only https is fetched (http only on 127.0.0.1 or localhost)',
    ],
    ['file:///etc/passwd', undefined, 'is file: only https is fetched'],
    ['https://', undefined, 'is not a URL'],
    // Redirects: https anywhere; plain http only from a loopback http feed to loopback.
    ['https://other.example/b.ics', 'https://calendar.example/a.ics', null],
    [
      'http://calendar.example/b.ics',
      'https://calendar.example/a.ics',
      'is plain http: redirects are followed only to https',
    ],
    [
      'http://127.0.0.1/b.ics',
      'https://calendar.example/a.ics',
      'is plain http: redirects are followed only to https',
    ],
    ['http://127.0.0.1:9/b.ics', 'http://127.0.0.1:8/a.ics', null],
    [
      'http://calendar.example/b.ics',
      'http://127.0.0.1:8/a.ics',
      'is plain http: redirects are followed only to https',
    ],
  ])('%s (redirected from %s)', (text, from, problem) => {
    expect(checkFeedUrl(text, from === undefined ? undefined : new URL(from))).toBe(problem);
  });
});

describe('describeFeedUrl', () => {
  it.each<[url: string, shown: string]>([
    [
      'https://calendar.google.com/calendar/ical/dana%40gmail.com/private-0123456789abcdef0123456789abcdef/basic.ics',
      'https://calendar.google.com/calendar/ical/dana%40gmail.com/…/basic.ics',
    ],
    [
      'https://outlook.office365.com/owa/calendar/6f1c2b8a9d7e4f3a8b2c1d0e9f8a7b6c@studio.example/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678/calendar.ics',
      'https://outlook.office365.com/owa/calendar/…/…/calendar.ics',
    ],
    [
      'https://calendar.example/team-holidays-2026.ics',
      'https://calendar.example/team-holidays-2026.ics',
    ],
    ['https://calendar.example/feed.ics?token=s3cret&x=1', 'https://calendar.example/feed.ics?…'],
    ['https://dana:pw@calendar.example/feed.ics', 'https://calendar.example/feed.ics'],
    ['http://127.0.0.1:8123/time-off.ics', 'http://127.0.0.1:8123/time-off.ics'],
    ['not a url', '(not a URL)'],
  ])('%s', (url, shown) => {
    expect(describeFeedUrl(url)).toBe(shown);
  });
});

describe('loadConfig: calendar feeds', () => {
  let copy: ExampleConfig | undefined;
  afterEach(async () => {
    await copy?.remove();
    copy = undefined;
  });

  it('lists feeds for the daemon with their refresh periods and leaves them out of the days off', async () => {
    copy = await copyExampleConfig();
    await copy.edit(
      'clients/acme.yaml',
      '{ ics: ./calendars/time-off.ics }',
      '{ ics: "https://calendar.example/dana.ics" }\n  - { ics: "http://127.0.0.1:8123/off.ics", refreshEvery: 2s }',
    );
    const config = await loadConfig(copy.mainPath, {
      env: { IMAP_PASS: 'i', SMTP_PASS: 's' },
      now: new Date('2026-11-20T12:00:00Z'),
    });
    expect(config.calendarFeeds).toEqual([
      {
        clientId: 'acme',
        url: 'https://calendar.example/dana.ics',
        timeZone: 'America/New_York',
        refreshEverySeconds: 900,
      },
      {
        clientId: 'acme',
        url: 'http://127.0.0.1:8123/off.ics',
        timeZone: 'America/New_York',
        refreshEverySeconds: 2,
      },
    ]);
    const acme = config.clients.find((client) => client.id === 'acme');
    // The four entries written as dates; the feeds add theirs when the daemon fetched them.
    expect(acme?.schedule.daysOff).toHaveLength(4);
    expect(acme?.schedule.daysOff.some((dayOff) => dayOff.kind === 'span')).toBe(false);
    expect(config.files.some((file) => file.includes('127.0.0.1'))).toBe(false);
  });
});
