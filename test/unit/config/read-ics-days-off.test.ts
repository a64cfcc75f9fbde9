import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIcsDaysOff } from '../../../src/config/read-ics-days-off.js';
import { isOffhoursError } from '../../../src/errors/offhours-error.js';

/*
 * The unit suite runs under UTC and Pacific/Auckland: every expected instant here is the
 * client's wall time, so a calendar read in the machine's zone fails in one of them.
 */
const window = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2027-01-31T00:00:00Z') };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'offhours-ics-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(name: string, lines: string[], timeZone = 'America/New_York') {
  const path = join(dir, `${name}.ics`);
  await writeFile(path, `${lines.join('\r\n')}\r\n`);
  return readIcsDaysOff(path, window, timeZone);
}

function calendar(...body: string[]): string[] {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...body, 'END:VCALENDAR'];
}

function event(uid: string, ...properties: string[]): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261101T000000Z', ...properties, 'END:VEVENT'];
}

const customZone = [
  'BEGIN:VTIMEZONE',
  'TZID:Our Office Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

describe('readIcsDaysOff: time zones', () => {
  it.each<[name: string, lines: string[], span: { start: string; end: string }]>([
    [
      'floating times are the client’s wall time',
      calendar(...event('a', 'DTSTART:20261204T130000', 'DTEND:20261204T150000')),
      { start: '2026-12-04T18:00:00.000Z', end: '2026-12-04T20:00:00.000Z' },
    ],
    [
      'UTC times stay UTC',
      calendar(...event('b', 'DTSTART:20261204T130000Z', 'DTEND:20261204T150000Z')),
      { start: '2026-12-04T13:00:00.000Z', end: '2026-12-04T15:00:00.000Z' },
    ],
    [
      'an IANA TZID',
      calendar(
        ...event(
          'c',
          'DTSTART;TZID=Europe/Berlin:20261204T130000',
          'DTEND;TZID=Europe/Berlin:20261204T150000',
        ),
      ),
      { start: '2026-12-04T12:00:00.000Z', end: '2026-12-04T14:00:00.000Z' },
    ],
    [
      'a Windows TZID (Outlook, Exchange)',
      calendar(
        ...event(
          'd',
          'DTSTART;TZID="W. Europe Standard Time":20261204T130000',
          'DTEND;TZID="W. Europe Standard Time":20261204T150000',
        ),
      ),
      { start: '2026-12-04T12:00:00.000Z', end: '2026-12-04T14:00:00.000Z' },
    ],
    [
      'Pacific Standard Time',
      calendar(
        ...event(
          'e',
          'DTSTART;TZID=Pacific Standard Time:20261204T090000',
          'DTEND;TZID=Pacific Standard Time:20261204T100000',
        ),
      ),
      { start: '2026-12-04T17:00:00.000Z', end: '2026-12-04T18:00:00.000Z' },
    ],
    [
      'a custom TZID defined by a VTIMEZONE of the file',
      calendar(
        ...customZone,
        ...event(
          'f',
          'DTSTART;TZID=Our Office Time:20261204T130000',
          'DTEND;TZID=Our Office Time:20261204T150000',
        ),
      ),
      { start: '2026-12-04T12:00:00.000Z', end: '2026-12-04T14:00:00.000Z' },
    ],
  ])('%s', async (name, lines, span) => {
    expect(await read(name.replace(/\W+/g, '-'), lines)).toEqual([{ kind: 'span', ...span }]);
  });

  it('reads a floating weekly recurrence in the client’s zone across a DST change', async () => {
    const daysOff = await read(
      'weekly',
      calendar(
        ...event(
          'g',
          'DTSTART:20261026T090000',
          'DTEND:20261026T100000',
          'RRULE:FREQ=WEEKLY;COUNT=3',
        ),
      ),
      'America/New_York',
    );
    // Starts on EDT (13:00Z); New York falls back on 1 November, so 09:00 is 14:00Z after.
    expect(daysOff).toEqual([
      { kind: 'span', start: '2026-11-02T14:00:00.000Z', end: '2026-11-02T15:00:00.000Z' },
      { kind: 'span', start: '2026-11-09T14:00:00.000Z', end: '2026-11-09T15:00:00.000Z' },
    ]);
  });

  it('keeps all-day events as dates', async () => {
    expect(
      await read(
        'all-day',
        calendar(...event('h', 'DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261227')),
      ),
    ).toEqual([{ kind: 'dates', from: '2026-12-24', to: '2026-12-26', checkIns: [] }]);
  });
});

describe('readIcsDaysOff: CALENDAR_INVALID with the line', () => {
  it.each<[name: string, lines: string[], message: string]>([
    [
      'an unknown TZID',
      calendar(...event('u', 'DTSTART;TZID=Mars/Olympus:20261204T130000')),
      "line 7: TZID 'Mars/Olympus' is not a time zone",
    ],
    [
      'a truncated event',
      ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:t', 'DTSTART:20261204T1300'],
      "line 5: DTSTART '20261204T1300' is not a date or date-time",
    ],
    [
      'an event cut short',
      ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:t', 'DTSTART:20261204T130000'],
      'line 3: BEGIN:VEVENT is never closed (is the file cut short?)',
    ],
    [
      'an event without DTSTART',
      calendar(...event('n', 'SUMMARY:Dentist')),
      'line 4: the event has no DTSTART',
    ],
    [
      'components closed out of order',
      ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:20261204T130000', 'END:VCALENDAR', 'END:VEVENT'],
      'line 4: END:VCALENDAR does not close BEGIN:VEVENT of line 2',
    ],
    [
      'a line that is no content line',
      calendar(...event('x', 'DTSTART:20261204T130000', 'this is not ics')),
      "line 8: 'this is not ics' is not a calendar line",
    ],
  ])('%s', async (name, lines, message) => {
    const error: unknown = await read(name.replace(/\W+/g, '-'), lines).catch(
      (caught: unknown) => caught,
    );
    expect(isOffhoursError(error) && error.code).toBe('CALENDAR_INVALID');
    expect((error as Error).message).toContain(message);
  });

  it('counts folded lines from where they start', async () => {
    const error: unknown = await read(
      'folded',
      calendar(
        ...event(
          'f',
          'SUMMARY:A long',
          ' summary folded',
          'DTSTART;TZID=Nowhere/Land:2026',
          ' 1204T130000',
        ),
      ),
    ).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain("line 9: TZID 'Nowhere/Land'");
  });
});
