import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fetchCalendarFeed, feedLimits } from '../../src/calendar/fetch-calendar-feed.js';
import { isOffhoursError } from '../../src/errors/offhours-error.js';
import { pickFreePort } from '../../src/sandbox/pick-free-port.js';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { composeAcmeClient } from '../support/compose-acme-client.js';
import { composeMail } from '../support/compose-mail.js';
import { runCliAsync } from '../support/run-cli.js';
import { startCalendarServer, type CalendarServer } from '../support/start-calendar-server.js';
import type { LogLine } from '../support/start-offhours.js';
import { startTestDaemon, type TestDaemon } from '../support/start-test-daemon.js';
import { useCleanups } from '../support/use-cleanups.js';
import { useMailServices } from '../support/use-mail-services.js';

/*
 * Calendar feeds against a real HTTP server on loopback (plain http is allowed there only),
 * with the real daemon, Dovecot, Redis and SMTP sink.
 */

// Wednesday 25 November 2026, 12:00 UTC: inside Acme's hours, unless a feed says otherwise.
const middayAt = '2026-11-25T12:00:00Z';

function calendar(...days: string[]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//offhours tests//EN',
    ...days.flatMap((day, index) => {
      const date = day.replaceAll('-', '');
      return [
        'BEGIN:VEVENT',
        `UID:off-${index}-${date}@test.example`,
        'DTSTAMP:20261101T000000Z',
        `DTSTART;VALUE=DATE:${date}`,
        'SUMMARY:Day off',
        'END:VEVENT',
      ];
    }),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const defer = useCleanups();
let server: CalendarServer;
beforeEach(async () => {
  server = await startCalendarServer();
  defer(() => server.close());
});

async function fetchError(
  url: string,
  limits = feedLimits,
): Promise<{ code: string; message: string }> {
  const error: unknown = await fetchCalendarFeed(
    url,
    { etag: null, lastModified: null },
    limits,
  ).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isOffhoursError(error)) throw new Error(`expected an OffhoursError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('fetchCalendarFeed against a local server', () => {
  it('fetches with ETag and Last-Modified, then gets a 304 for a conditional request', async () => {
    server.setCalendar(calendar('2026-12-24'));
    const first = await fetchCalendarFeed(server.url(), { etag: null, lastModified: null });
    expect(first).toMatchObject({
      kind: 'fetched',
      text: calendar('2026-12-24'),
      lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT',
    });
    if (first.kind !== 'fetched') throw new Error('unreachable');
    expect(first.etag).toMatch(/^"[0-9a-f]{12}"$/);
    const second = await fetchCalendarFeed(server.url(), {
      etag: first.etag,
      lastModified: first.lastModified,
    });
    expect(second).toEqual({ kind: 'not-modified' });
    expect(server.requests.map((request) => [request.ifNoneMatch, request.status])).toEqual([
      [null, 200],
      [first.etag, 304],
    ]);
    expect(server.requests[1]?.ifModifiedSince).toBe('Tue, 01 Dec 2026 10:00:00 GMT');
  });

  it.each([true, false])(
    'refuses a feed over 5 MB (Content-Length declared: %s) without reading it all',
    async (declared) => {
      server.setMode({ kind: 'oversized', declared });
      expect(await fetchError(server.url())).toEqual({
        code: 'CALENDAR_INVALID',
        message: `calendar feed ${server.url()}: is larger than 5 MB: refused`,
      });
    },
  );

  it('follows a redirect on loopback, and refuses one from loopback http to another host', async () => {
    server.setCalendar(calendar('2026-12-24'));
    server.setMode({ kind: 'redirect', to: '/moved/time-off.ics' });
    // The server redirects every path, so this one ends in too many redirects.
    expect(await fetchError(server.url())).toEqual({
      code: 'CALENDAR_UNREACHABLE',
      message: `calendar feed ${server.url()}: more than 5 redirects`,
    });
    expect(server.requests.map((request) => request.path)).toEqual([
      '/dana/time-off.ics',
      ...Array<string>(5).fill('/moved/time-off.ics'),
    ]);
    server.setMode({ kind: 'redirect', to: 'http://calendar.example/time-off.ics' });
    expect(await fetchError(server.url())).toEqual({
      code: 'CALENDAR_INVALID',
      message: `calendar feed ${server.url()}: redirects to http://calendar.example/time-off.ics, which is plain http: redirects are followed only to https`,
    });
  });

  it('gives up on a server that does not answer within the time limit, and on HTTP errors', async () => {
    server.setMode({ kind: 'hang' });
    expect(await fetchError(server.url(), { ...feedLimits, timeoutMs: 300 })).toEqual({
      code: 'CALENDAR_UNREACHABLE',
      message: `calendar feed ${server.url()}: no answer within 0.3 s`,
    });
    server.setMode({ kind: 'down' });
    expect(await fetchError(server.url())).toEqual({
      code: 'CALENDAR_UNREACHABLE',
      message: `calendar feed ${server.url()}: answered 503 Service Unavailable`,
    });
    const port = await pickFreePort();
    expect(await fetchError(`http://127.0.0.1:${port}/gone.ics`)).toEqual({
      code: 'CALENDAR_UNREACHABLE',
      message: `calendar feed http://127.0.0.1:${port}/gone.ics: cannot be reached (ECONNREFUSED)`,
    });
  });
});

describe('offhours run with a calendar feed', () => {
  const services = useMailServices();
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  beforeEach(() => {
    ({ dovecot, sink } = services());
  });

  async function startScene(): Promise<TestDaemon> {
    const client = composeAcmeClient([
      'daysOff:',
      `  - { ics: "${server.url()}", refreshEvery: 1s }`,
    ]);
    const scene = await startTestDaemon(dovecot, sink.port, middayAt, {
      clients: { acme: client },
    });
    defer(() => scene.cleanup());
    return scene;
  }

  /** Appends a client message and returns the reasons the daemon decided it with. */
  async function decide(scene: TestDaemon): Promise<readonly string[]> {
    const mail = composeMail({
      from: `Jane <jane-${randomBytes(4).toString('hex')}@acme.example>`,
      subject: 'Quick question',
    });
    await scene.mailbox.append(mail.raw);
    const line = await scene.daemon.waitForLog(
      (candidate) => candidate.event === 'decision' && candidate['messageId'] === mail.messageId,
    );
    return line['reasons'] as string[];
  }

  const failures = (scene: TestDaemon) =>
    scene.daemon.logs.filter((line: LogLine) => line.event === 'calendar_feed_failed');

  it('picks up changes, handles 304, keeps the last copy while the feed is down or broken, across a restart', async () => {
    server.setCalendar(calendar('2026-12-24'));
    const scene = await startScene();
    await scene.daemon.waitForLog((line) => line.event === 'calendar_feed_updated');
    expect(await decide(scene)).toContain('AVAILABLE_IN_HOURS');

    // The VA takes today off in her calendar: the next refresh brings it, no restart.
    server.setCalendar(calendar('2026-12-24', '2026-11-25'));
    const updates = () =>
      scene.daemon.logs.filter((line) => line.event === 'calendar_feed_updated');
    await scene.daemon.waitForLog(() => updates().length === 2);
    expect(await decide(scene)).toContain('UNAVAILABLE_DAY_OFF');

    // Unchanged since: the server is asked with the ETag and answers 304.
    await scene.daemon.waitForLog((line) => line.event === 'calendar_feed_unchanged');
    const conditional = server.requests.filter((request) => request.status === 304);
    expect(conditional.length).toBeGreaterThan(0);
    expect(conditional.every((request) => request.ifNoneMatch !== null)).toBe(true);

    // Down for several refreshes: logged once as a warning, the copy stays in force.
    server.setMode({ kind: 'down' });
    await server.waitForRequests(3);
    await scene.daemon.waitForLog(() => failures(scene).length >= 3);
    expect(failures(scene).map((line) => line.level)).toEqual([
      40,
      ...Array<number>(failures(scene).length - 1).fill(20),
    ]);
    expect(failures(scene)[0]).toMatchObject({
      code: 'CALENDAR_UNREACHABLE',
      url: server.url(),
    });
    expect(await decide(scene)).toContain('UNAVAILABLE_DAY_OFF');

    const env = { TEST_IMAP_PASS: scene.account.pass };
    const status = await runCliAsync(['status', '--config', scene.configPath, '--at', middayAt], {
      env,
    });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Calendar feeds:');
    expect(status.stdout).toMatch(
      new RegExp(
        `${server.url().replaceAll('.', '\\.')} \\(acme\\)  FAILING since .*: CALENDAR_UNREACHABLE: calendar feed .*: answered 503 Service Unavailable; copy from .* in force`,
      ),
    );
    const check = await runCliAsync(['check', '--config', scene.configPath, '--at', middayAt], {
      env,
    });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(
      `  warning    CALENDAR_UNREACHABLE: calendar feed ${server.url()}: answered 503 Service Unavailable (a running daemon keeps its last good copy)`,
    );

    // A restart while the feed is down starts with the copy kept in Redis.
    await scene.daemon.stop();
    const restarted = await scene.start(middayAt);
    await restarted.waitForLog((line) => line.event === 'calendar_feed_loaded');
    expect(await decide(scene)).toContain('UNAVAILABLE_DAY_OFF');

    // A page that is no calendar is refused: CALENDAR_INVALID with the URL, the copy stays.
    server.setMode({ kind: 'malformed' });
    const invalid = await restarted.waitForLog(
      (line) => line.event === 'calendar_feed_failed' && line.code === 'CALENDAR_INVALID',
    );
    expect(invalid.msg).toBe(
      `calendar feed ${server.url()}: is not an ICS calendar (no BEGIN:VCALENDAR); the copy fetched ${String(invalid['keptCopyFrom'])} stays in force`,
    );
    expect(invalid.level).toBe(40);
    expect(await decide(scene)).toContain('UNAVAILABLE_DAY_OFF');
    const badCheck = await runCliAsync(['check', '--config', scene.configPath, '--at', middayAt], {
      env,
    });
    expect(badCheck.code).toBe(1);
    expect(badCheck.stdout).toContain(
      `  ERROR CALENDAR_INVALID: calendar feed ${server.url()}: is not an ICS calendar (no BEGIN:VCALENDAR)`,
    );

    // Too large: refused the same way.
    server.setMode({ kind: 'oversized', declared: false });
    const oversized = await restarted.waitForLog(
      (line) => line.event === 'calendar_feed_failed' && /larger than 5 MB/.test(String(line.msg)),
    );
    expect(oversized).toMatchObject({ code: 'CALENDAR_INVALID', level: 40 });
    expect(await decide(scene)).toContain('UNAVAILABLE_DAY_OFF');

    // Back, without today off: the day off is gone from the schedule again.
    server.setMode({ kind: 'serve' });
    server.setCalendar(calendar('2026-12-24'));
    await restarted.waitForLog((line) => line.event === 'calendar_feed_recovered');
    expect(await decide(scene)).toContain('AVAILABLE_IN_HOURS');
    expect(restarted.logs.some((line) => line.level !== undefined && line.level >= 50)).toBe(false);
  });
});
