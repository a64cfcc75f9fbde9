import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedFetch } from '../../../src/calendar/fetch-calendar-feed.js';
import { readCalendarFeedsOnce } from '../../../src/calendar/read-calendar-feeds-once.js';
import { checkCommand } from '../../../src/cli/check-command.js';
import { OffhoursError } from '../../../src/errors/offhours-error.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { copyExampleConfig, type ExampleConfig } from '../config/copy-example-config.js';

const env = { IMAP_PASS: 'imap-secret', SMTP_PASS: 'smtp-secret' };
const examplePath = join(import.meta.dirname, '..', '..', '..', 'config', 'offhours.example.yaml');

/** Fri 27 Nov 2026 15:00 in New York (Acme's day off), Sat 07:00 in Sydney (Bloom working). */
const now = new Date('2026-11-27T20:00:00Z');

/** A client with no hours and no check-ins: mail held for it would never come back. */
const neverAvailableClient = `name: Ghost Ltd
match: { domains: [ghost.example] }
timezone: Europe/Paris
hours: {}
checkIns: []
`;

let copy: ExampleConfig | undefined;

afterEach(async () => {
  await copy?.remove();
  copy = undefined;
});

describe('checkCommand', () => {
  it('accepts the example config and describes each client', async () => {
    const config = await loadConfig(examplePath, { env, now });
    const report = checkCommand(config, now);
    expect(report.ok).toBe(true);
    expect(report.text.endsWith('config OK\n')).toBe(true);
    expect(report.text).not.toContain('ERROR');
    expect(report.text).not.toContain('imap-secret');
    expect(report.text.split('\n')).toEqual(
      expect.arrayContaining([
        '  on call    Sam Ortiz <sam@studio.example>',
        'acme (Acme Corp)  clients/acme.yaml',
        '  time zone  America/New_York, now Fri 27 Nov 15:00',
        '  now        not available (UNAVAILABLE_DAY_OFF)',
        '  next look  tomorrow at 08:30 (2026-11-28T13:30:00.000Z)',
        'bloom (Bloom Florists)  clients/bloom.yaml',
        '  now        available (working hours)',
      ]),
    );
  });

  it.each<[name: string, at: string, onCall: string]>([
    ['rotation', '2026-12-01T12:00:00Z', '  on call    Priya Shah <priya@studio.example>'],
    ['Sam’s second turn', '2026-12-08T12:00:00Z', '  on call    Sam Ortiz <sam@studio.example>'],
    [
      'override over Sam’s turn',
      '2026-12-22T12:00:00Z',
      '  on call    Priya Shah <priya@studio.example>',
    ],
    [
      'after the override',
      '2026-12-29T12:00:00Z',
      '  on call    Priya Shah <priya@studio.example>',
    ],
    ['back to Sam', '2027-01-05T12:00:00Z', '  on call    Sam Ortiz <sam@studio.example>'],
  ])('shows who is on call: %s', async (_name, at, onCall) => {
    const config = await loadConfig(examplePath, { env, now: new Date(at) });
    expect(checkCommand(config, new Date(at)).text.split('\n')).toContain(onCall);
  });

  it('rejects a client that is never available with CONFIG_NEVER_AVAILABLE', async () => {
    copy = await copyExampleConfig();
    await writeFile(join(copy.dir, 'clients', 'ghost.yaml'), neverAvailableClient);
    const config = await loadConfig(copy.mainPath, { env, now });
    const report = checkCommand(config, now);
    expect(report.ok).toBe(false);
    expect(report.text.endsWith('config INVALID\n')).toBe(true);
    const ghost = report.text.slice(report.text.indexOf('ghost (Ghost Ltd)'));
    expect(ghost).toMatch(/^ghost \(Ghost Ltd\) {2}clients\/ghost\.yaml\n/);
    expect(ghost).toContain('  ERROR CONFIG_NEVER_AVAILABLE: ');
    expect(report.text.match(/CONFIG_NEVER_AVAILABLE/g)).toHaveLength(1);
  });

  it('warns when a reply text promises an escalation only emergency.senders can make', async () => {
    copy = await copyExampleConfig();
    await copy.edit(
      'clients/acme.yaml',
      '    {{howToEscalate}}',
      "    If it can't wait, reply with URGENT and {{backupName}} will pick it up.",
    );
    const config = await loadConfig(copy.mainPath, { env, now });
    const report = checkCommand(config, now);
    expect(report.ok).toBe(true);
    const acme = report.text.slice(
      report.text.indexOf('acme (Acme Corp)'),
      report.text.indexOf('bloom (Bloom'),
    );
    expect(acme).toContain(
      '  warning    TEMPLATE_PROMISE: autoReply.body tells every sender to write "urgent", but only emergency.senders (ceo@acme.example) can raise an emergency',
    );
  });

  it('gives no template warning for the example, which uses {{howToEscalate}}', async () => {
    const config = await loadConfig(examplePath, { env, now });
    expect(checkCommand(config, now).text).not.toContain('TEMPLATE_PROMISE');
  });
});

describe('checkCommand with calendar feeds', () => {
  const feedUrl =
    'https://calendar.example/calendar/ical/dana/private-0123456789abcdef0123/basic.ics';
  const feedCalendar = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    'BEGIN:VEVENT',
    'UID:off',
    'DTSTAMP:20261101T000000Z',
    'DTSTART;VALUE=DATE:20261201',
    'DTEND;VALUE=DATE:20261202',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  /** Tuesday 1 December 2026, 12:00 in New York: a working day unless the feed says otherwise. */
  const tuesdayNoon = new Date('2026-12-01T17:00:00Z');

  async function loadWithFeed() {
    copy = await copyExampleConfig();
    await copy.edit('clients/acme.yaml', './calendars/time-off.ics', feedUrl);
    return loadConfig(copy.mainPath, { env, now: tuesdayNoon });
  }

  it.each<[name: string, answer: () => Promise<FeedFetch>, ok: boolean, lines: string[]]>([
    [
      'a feed read: its day off counts',
      () =>
        Promise.resolve({ kind: 'fetched', text: feedCalendar, etag: null, lastModified: null }),
      true,
      [
        '  calendar   https://calendar.example/calendar/ical/dana/…/basic.ics: read, 1 day off or absence',
        '  now        not available (UNAVAILABLE_DAY_OFF)',
      ],
    ],
    [
      'a feed that cannot be reached: a warning',
      () =>
        Promise.reject(
          new OffhoursError(
            'CALENDAR_UNREACHABLE',
            'calendar feed https://calendar.example/calendar/ical/dana/…/basic.ics: answered 503 Service Unavailable',
          ),
        ),
      true,
      [
        '  warning    CALENDAR_UNREACHABLE: calendar feed https://calendar.example/calendar/ical/dana/…/basic.ics: answered 503 Service Unavailable (a running daemon keeps its last good copy)',
        '  now        available (working hours)',
      ],
    ],
    [
      'a feed that is no calendar: an error',
      () =>
        Promise.resolve({ kind: 'fetched', text: '<html></html>', etag: null, lastModified: null }),
      false,
      [
        '  ERROR CALENDAR_INVALID: calendar feed https://calendar.example/calendar/ical/dana/…/basic.ics: is not an ICS calendar (no BEGIN:VCALENDAR)',
      ],
    ],
  ])('%s', async (_name, answer, ok, lines) => {
    const { config, feeds } = await readCalendarFeedsOnce(
      await loadWithFeed(),
      tuesdayNoon,
      answer,
    );
    const report = checkCommand(config, tuesdayNoon, feeds);
    expect(report.ok).toBe(ok);
    expect(report.text.split('\n')).toEqual(expect.arrayContaining(lines));
    expect(report.text).not.toContain('private-0123');
  });
});
