import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isOffhoursError, type OffhoursError } from '../../../src/errors/offhours-error.js';
import type { ConfigProblem } from '../../../src/config/config-problem.js';
import { formatConfigProblem } from '../../../src/config/format-config-problems.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { copyExampleConfig, type ExampleConfig } from './copy-example-config.js';

const env = { IMAP_PASS: 'imap-secret', SMTP_PASS: 'smtp-secret' };
const now = new Date('2026-11-20T12:00:00Z');

async function loadError(
  path: string,
  environment: Record<string, string> = env,
): Promise<OffhoursError> {
  const error: unknown = await loadConfig(path, { env: environment, now }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isOffhoursError(error)) throw new Error(`expected an OffhoursError, got ${String(error)}`);
  return error;
}

function listProblems(error: OffhoursError): string[] {
  return (error.details['problems'] as ConfigProblem[]).map(formatConfigProblem);
}

let config: ExampleConfig;
beforeEach(async () => {
  config = await copyExampleConfig();
});
afterEach(async () => {
  await config.remove();
});

describe('loadConfig problems', () => {
  it.each([
    {
      name: 'a records.keepFor shorter than a day',
      file: 'offhours.yaml',
      find: 'records: { keepFor: 90d,',
      replace: 'records: { keepFor: 12h,',
      expected:
        "offhours.yaml line 37, records.keepFor: '12h' is not a duration of a day or more, like 30d, 12w or 90d",
    },
    {
      name: 'a digest.at that is neither first-check-in nor a time',
      file: 'offhours.yaml',
      find: 'at: first-check-in',
      replace: "at: '8am'",
      expected: "offhours.yaml line 38, digest.at: '8am' is not first-check-in or a time HH:MM",
    },
    {
      name: 'a bad working interval',
      file: 'clients/acme.yaml',
      find: "'13:30-17:00'",
      replace: "'13:30-1700'",
      expected: "clients/acme.yaml line 6, hours.mon-fri[1]: '13:30-1700' is not HH:MM-HH:MM",
    },
    {
      name: 'an alwaysReplyTo entry that is neither address nor domain',
      file: 'clients/acme.yaml',
      find: "  subject: 'Auto: {{subject}}'",
      replace: "  subject: 'Auto: {{subject}}'\n  alwaysReplyTo: ['orders at shop']",
      expected:
        "clients/acme.yaml line 20, autoReply.alwaysReplyTo[0]: 'orders at shop' is not an address (orders@shop.example) or a domain (shop.example)",
    },
    {
      name: 'the same entry in alwaysReplyTo and neverReplyTo',
      file: 'clients/acme.yaml',
      find: "  subject: 'Auto: {{subject}}'",
      replace:
        "  subject: 'Auto: {{subject}}'\n  alwaysReplyTo: [shop.example]\n  neverReplyTo: [Shop.example]",
      expected:
        "clients/acme.yaml line 20, autoReply.alwaysReplyTo[0]: 'shop.example' is also in neverReplyTo: list it in one of them",
    },
    {
      name: 'a Unicode domain that is not a domain',
      file: 'clients/acme.yaml',
      find: 'domains: [acme.example]',
      replace: 'domains: [bücher..example]',
      expected:
        'clients/acme.yaml line 3, match.domains[0]: \'bücher..example\' is not a domain like acme.example (or "*")',
    },
    {
      name: 'an unknown time zone',
      file: 'clients/acme.yaml',
      find: 'timezone: America/New_York',
      replace: 'timezone: America/New_Yrok',
      expected:
        "clients/acme.yaml line 4, timezone: 'America/New_Yrok' is not a time zone: use a name like Europe/London or America/New_York",
    },
    {
      name: 'a mis-cased key',
      file: 'clients/acme.yaml',
      find: 'timezone: America/New_York',
      replace: 'timeZone: America/New_York',
      expected:
        "clients/acme.yaml line 4, timeZone: unknown key 'timeZone' (did you mean 'timezone'?)",
    },
    {
      name: 'checkins for checkIns',
      file: 'clients/acme.yaml',
      find: "checkIns: ['08:30'",
      replace: "checkins: ['08:30'",
      expected:
        "clients/acme.yaml line 8, checkins: unknown key 'checkins' (did you mean 'checkIns'?)",
    },
    {
      name: 'a date that does not exist',
      file: 'clients/acme.yaml',
      find: '- 2026-11-26',
      replace: '- 2026-02-30',
      expected: "clients/acme.yaml line 10, daysOff[0]: '2026-02-30' is not a real date",
    },
    {
      name: 'a range that ends before it starts',
      file: 'clients/acme.yaml',
      find: '2026-12-24..2026-12-26',
      replace: '2026-12-26..2026-12-24',
      expected:
        "clients/acme.yaml line 11, daysOff[1]: '2026-12-26..2026-12-24' ends before it starts",
    },
    {
      name: 'a bad check-in on a day off',
      file: 'clients/acme.yaml',
      find: "checkIns: ['11:00']",
      replace: "checkIns: ['11']",
      expected: "clients/acme.yaml line 12, daysOff[2].checkIns[0]: '11' is not a time HH:MM",
    },
    {
      name: 'a missing calendar',
      file: 'clients/acme.yaml',
      find: './calendars/time-off.ics',
      replace: './calendars/holidays.ics',
      expected:
        "clients/acme.yaml line 14, daysOff[4].ics: calendar './calendars/holidays.ics': file not found",
    },
    {
      name: 'a calendar feed over plain http to another machine',
      file: 'clients/acme.yaml',
      find: '{ ics: ./calendars/time-off.ics }',
      replace: '{ ics: "http://calendar.example/dana.ics" }',
      expected:
        "clients/acme.yaml line 14, daysOff[4].ics: 'http://calendar.example/dana.ics' is plain http: only https is fetched (http only on 127.0.0.1 or localhost)",
    },
    {
      name: 'a secret calendar address over plain http, shown without its secret',
      file: 'clients/acme.yaml',
      find: '{ ics: ./calendars/time-off.ics }',
      replace:
        '{ ics: "http://calendar.example/calendar/ical/dana%40gmail.com/private-9f8e7d6c5b4a39281706f5e4d3c2b1a0/basic.ics" }',
      expected:
        "clients/acme.yaml line 14, daysOff[4].ics: 'http://calendar.example/calendar/ical/dana%40gmail.com/…/basic.ics' is plain http: only https is fetched (http only on 127.0.0.1 or localhost)",
    },
    {
      name: 'a calendar feed of another scheme',
      file: 'clients/acme.yaml',
      find: '{ ics: ./calendars/time-off.ics }',
      replace: '{ ics: "ftp://calendar.example/dana.ics" }',
      expected:
        "clients/acme.yaml line 14, daysOff[4].ics: 'ftp://calendar.example/dana.ics' is ftp: only https is fetched",
    },
    {
      name: 'a calendar feed with a login in its address',
      file: 'clients/acme.yaml',
      find: '{ ics: ./calendars/time-off.ics }',
      replace: '{ ics: "https://dana:pw@calendar.example/dana.ics" }',
      expected:
        "clients/acme.yaml line 14, daysOff[4].ics: 'https://calendar.example/dana.ics' carries a user name or password: calendar feeds are read without a login",
    },
    {
      name: 'refreshEvery with a calendar file',
      file: 'clients/acme.yaml',
      find: '{ ics: ./calendars/time-off.ics }',
      replace: '{ ics: ./calendars/time-off.ics, refreshEvery: 15m }',
      expected:
        "clients/acme.yaml line 14, daysOff[4].refreshEvery: '15m' is only for an ics feed address (https://…)",
    },
    {
      name: 'a refreshEvery too short for a remote feed',
      file: 'clients/acme.yaml',
      find: '{ ics: ./calendars/time-off.ics }',
      replace: '{ ics: "https://calendar.example/dana.ics", refreshEvery: 10s }',
      expected:
        "clients/acme.yaml line 14, daysOff[4].refreshEvery: '10s' is too short: the minimum is 1m (a calendar server is asked at most this often)",
    },
    {
      name: 'a refreshEvery too long',
      file: 'clients/acme.yaml',
      find: '{ ics: ./calendars/time-off.ics }',
      replace: '{ ics: "https://calendar.example/dana.ics", refreshEvery: 2d }',
      expected:
        "clients/acme.yaml line 14, daysOff[4].refreshEvery: '2d' is too long: the maximum is 1d",
    },
    {
      name: 'a refreshEvery that is not a duration',
      file: 'clients/acme.yaml',
      find: '{ ics: ./calendars/time-off.ics }',
      replace: '{ ics: "https://calendar.example/dana.ics", refreshEvery: often }',
      expected:
        "clients/acme.yaml line 14, daysOff[4].refreshEvery: 'often' is not a duration like 15m, 1h or 1d",
    },
    {
      name: 'an unknown template placeholder',
      file: 'clients/acme.yaml',
      find: "subject: 'Auto: {{subject}}'",
      replace: "subject: 'Auto: {{Subject}}'",
      expected:
        'clients/acme.yaml line 19, autoReply.subject: uses unknown {{Subject}}; known: {{subject}}, {{senderName}}, {{senderAddress}}, {{clientName}}, {{assistantName}}, {{resumeAt}}, {{backupName}}, {{backupAddress}}, {{howToEscalate}}',
    },
    {
      name: 'a once-per period that is too short',
      file: 'clients/bloom.yaml',
      find: 'oncePer: 1d',
      replace: 'oncePer: 10m',
      expected:
        "clients/bloom.yaml line 13, autoReply.oncePer: '10m' is too short: the minimum is 1h",
    },
    {
      name: 'a reply-time promise that is not a duration',
      file: 'clients/acme.yaml',
      find: 'replyWithin: 2h',
      replace: 'replyWithin: 2 hours',
      expected:
        "clients/acme.yaml line 25, replyWithin: '2 hours' is not a duration like 30m, 2h or 1d",
    },
    {
      name: 'a reply-time promise that is too long',
      file: 'clients/acme.yaml',
      find: 'replyWithin: 2h',
      replace: 'replyWithin: 5w',
      expected: "clients/acme.yaml line 25, replyWithin: '5w' is too long: the maximum is 30d",
    },
    {
      name: 'a reply-time promise turned on with true',
      file: 'clients/acme.yaml',
      find: 'replyWithin: 2h',
      replace: 'replyWithin: true',
      expected:
        "clients/acme.yaml line 25, replyWithin: 'true' is not a duration like 30m, 2h or 1d (false turns the promise off)",
    },
    {
      name: 'an announcement too few days ahead',
      file: 'clients/acme.yaml',
      find: 'announce: { daysBefore: 3,',
      replace: 'announce: { daysBefore: 0,',
      expected:
        "clients/acme.yaml line 26, announce.daysBefore: '0' is too small: the minimum is 1",
    },
    {
      name: 'a reply placeholder in an announcement',
      file: 'clients/acme.yaml',
      find: 'recentWithin: 30d }',
      replace: "recentWithin: 30d, subject: 'Re: {{subject}}' }",
      expected:
        'clients/acme.yaml line 26, announce.subject: uses unknown {{subject}}; known: {{clientName}}, {{assistantName}}, {{recipientAddress}}, {{away}}, {{resumeAt}}, {{backupName}}, {{backupAddress}}, {{howToEscalate}}',
    },
    {
      name: 'a recentWithin that is not a duration',
      file: 'clients/acme.yaml',
      find: 'recentWithin: 30d',
      replace: 'recentWithin: a month',
      expected:
        "clients/acme.yaml line 26, announce.recentWithin: 'a month' is not a duration like 14d, 30d or 8w",
    },
    {
      name: 'a day under two keys',
      file: 'clients/bloom.yaml',
      find: 'fri,sat:',
      replace: 'fri,sat,sun:',
      expected:
        "clients/bloom.yaml line 7, hours.fri,sat,sun: 'fri,sat,sun' repeats sun, already given by 'sun-thu'",
    },
    {
      name: 'overlapping intervals',
      file: 'clients/bloom.yaml',
      find: "'22:00-01:00'",
      replace: "'08:00-10:00'",
      expected: "clients/bloom.yaml line 7, hours.fri,sat[1]: '08:00-10:00' overlaps '07:00-09:00'",
    },
    {
      name: 'a day key that is not a day',
      file: 'clients/bloom.yaml',
      find: 'sun-thu:',
      replace: 'weekdays:',
      expected:
        "clients/bloom.yaml line 6, hours.weekdays: 'weekdays' is not a day: use mon..sun, a range like mon-fri, a list like mon,wed,fri, or daily (lower case)",
    },
    {
      name: 'an unknown unknownSenders client',
      file: 'offhours.yaml',
      find: 'unknownSenders: ignore',
      replace: 'unknownSenders: acmee',
      expected:
        "offhours.yaml line 33, unknownSenders: 'acmee' is not a client: use ignore or a client id (acme, bloom)",
    },
    {
      name: 'an override by someone who is not a backup',
      file: 'offhours.yaml',
      find: 'backup: priya@studio.example',
      replace: 'backup: pat@studio.example',
      expected:
        "offhours.yaml line 30, onCall.overrides[0].backup: 'pat@studio.example' is not one of onCall.backups",
    },
    {
      name: 'an escalation delay that is no duration',
      file: 'offhours.yaml',
      find: 'after: 15m',
      replace: "after: '15 minutes'",
      expected:
        "offhours.yaml line 31, onCall.escalation.after: '15 minutes' is not a duration like 15m, 30m or 1h",
    },
    {
      name: 'an escalation delay over a day',
      file: 'offhours.yaml',
      find: 'after: 15m',
      replace: 'after: 2d',
      expected: "offhours.yaml line 31, onCall.escalation.after: '2d' must be between 1s and 1d",
    },
    {
      name: 'quiet hours that are not intervals',
      file: 'offhours.yaml',
      find: "quietHours: { daily: ['22:00-07:00'] }",
      replace: "quietHours: { daily: ['10pm-7am'] }",
      expected:
        "offhours.yaml line 27, onCall.backups[1].quietHours.daily[0]: '10pm-7am' is not HH:MM-HH:MM",
    },
    {
      name: 'a backup listed twice',
      file: 'offhours.yaml',
      find: 'address: sam@studio.example',
      replace: 'address: Priya@studio.example',
      expected:
        "offhours.yaml line 27, onCall.backups[1].address: 'priya@studio.example' is listed twice",
    },
    {
      name: 'a port that is not a number',
      file: 'offhours.yaml',
      find: 'port: 993',
      replace: "port: 'imaps'",
      expected: "offhours.yaml line 9, imap.port: 'imaps' is not a port number",
    },
    {
      name: 'a missing required key',
      file: 'offhours.yaml',
      find: '  host: imap.studio.example\n',
      replace: '',
      expected: 'offhours.yaml line 7, imap.host: is required',
    },
    {
      name: 'an unknown top-level key without a near match',
      file: 'offhours.yaml',
      find: 'clients: ./clients',
      replace: 'clients: ./clients\nholidays: []',
      expected:
        "offhours.yaml line 33, holidays: unknown key 'holidays'; known keys here: assistant, imap, smtp, redis, http, limits, records, digest, onCall, clients, unknownSenders, defaults",
    },
    {
      name: 'a status page on a non-loopback host without a token',
      file: 'offhours.yaml',
      find: 'http: { port: null, host: 127.0.0.1 }',
      replace: 'http: { port: 9464, host: 0.0.0.0 }',
      expected:
        'offhours.yaml line 22, http.token: is required when http.host is not a loopback address (0.0.0.0): the status page shows your clients\' mail; write token: "${OFFHOURS_HTTP_TOKEN}"',
    },
    {
      name: 'a short status page token, without showing it',
      file: 'offhours.yaml',
      find: 'http: { port: null, host: 127.0.0.1 }',
      replace: 'http: { port: 9464, host: 0.0.0.0, token: short-secret }',
      expected:
        'offhours.yaml line 22, http.token: the value is too short: use at least 16 random characters (openssl rand -hex 24)',
    },
    {
      name: 'a YAML syntax error',
      file: 'clients/acme.yaml',
      find: "sat: ['10:00-12:00']",
      replace: "sat: ['10:00-12:00'",
      expected:
        'clients/acme.yaml line 8: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
    },
    {
      name: 'a key written twice',
      file: 'clients/acme.yaml',
      find: 'checkIns: [',
      replace: 'timezone: Europe/London\ncheckIns: [',
      expected: 'clients/acme.yaml line 8: YAML syntax: Map keys must be unique',
    },
  ])('reports $name', async ({ file, find, replace, expected }) => {
    await config.edit(file, find, replace);
    const error = await loadError(config.mainPath);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(listProblems(error)).toEqual([expected]);
    expect(error.message).toBe(`The config has 1 problem:\n  ${expected}`);
  });

  it.each([
    ['a loopback host without a token', 'http: { port: 9464, host: 127.0.0.1 }', null],
    ['::1 without a token', "http: { port: 9464, host: '::1' }", null],
    ['no port, any host, no token', 'http: { port: null, host: 0.0.0.0 }', null],
    [
      'a non-loopback host with a token from the environment',
      "http: { port: 9464, host: 0.0.0.0, token: '${OFFHOURS_HTTP_TOKEN}' }",
      'a-status-page-token-from-env',
    ],
  ])('accepts %s', async (_name, line, token) => {
    await config.edit('offhours.yaml', 'http: { port: null, host: 127.0.0.1 }', line);
    const loaded = await loadConfig(config.mainPath, {
      env: { ...env, OFFHOURS_HTTP_TOKEN: 'a-status-page-token-from-env' },
      now,
    });
    expect(loaded.http.token).toBe(token);
  });

  it('reports an unset ${VAR} as CONFIG_ENV_MISSING with file, line and key', async () => {
    await config.edit('offhours.yaml', "pass: '${SMTP_PASS}'", "pass: '${SMTP_PASSWORD}'");
    const error = await loadError(config.mainPath);
    expect(error.code).toBe('CONFIG_ENV_MISSING');
    expect(listProblems(error)).toEqual([
      'offhours.yaml line 20, smtp.pass: ${SMTP_PASSWORD} is not set in the environment',
    ]);
  });

  it('reports every problem in every file at once, main file first', async () => {
    await config.edit('clients/acme.yaml', "'13:30-17:00'", "'13:30-1700'");
    await config.edit('clients/bloom.yaml', 'oncePer: 1d', 'oncePer: 10m');
    await config.edit('offhours.yaml', 'timezone: Europe/London\n', 'timezone: Europe/Lndon\n');
    await config.edit('offhours.yaml', 'unknownSenders: ignore', 'unknownSenders: nobody');
    const error = await loadError(config.mainPath, { IMAP_PASS: 'x' });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(listProblems(error)).toEqual([
      "offhours.yaml line 6, assistant.timezone: 'Europe/Lndon' is not a time zone: use a name like Europe/London or America/New_York",
      'offhours.yaml line 20, smtp.pass: ${SMTP_PASS} is not set in the environment',
      "offhours.yaml line 33, unknownSenders: 'nobody' is not a client: use ignore or a client id (acme, bloom)",
      "clients/acme.yaml line 6, hours.mon-fri[1]: '13:30-1700' is not HH:MM-HH:MM",
      "clients/bloom.yaml line 13, autoReply.oncePer: '10m' is too short: the minimum is 1h",
    ]);
    expect(error.message.split('\n')).toHaveLength(6);
  });

  it.each([
    {
      name: 'a bad port next to a password from the environment',
      find: 'port: 993',
      replace: 'port: 99999',
      expected: "offhours.yaml line 9, imap.port: '99999' is too large: the maximum is 65535",
    },
    {
      name: 'an invalid value that came from the environment',
      find: 'timezone: Europe/London\n',
      replace: "timezone: '${IMAP_PASS}'\n",
      expected:
        'offhours.yaml line 6, assistant.timezone: the value is not a time zone: use a name like Europe/London or America/New_York',
    },
    {
      name: 'an invalid password written in the file',
      find: "pass: '${IMAP_PASS}'",
      replace: 'pass: [hunter2]',
      expected: 'offhours.yaml line 12, imap.pass: the value should be text',
    },
  ])('never shows a secret: $name', async ({ find, replace, expected }) => {
    await config.edit('offhours.yaml', find, replace);
    const error = await loadError(config.mainPath, { IMAP_PASS: 'hunter2', SMTP_PASS: 'x' });
    expect(listProblems(error)).toEqual([expected]);
    expect(error.message).not.toContain('hunter2');
    expect(JSON.stringify(error.details)).not.toContain('hunter2');
  });

  it.each([
    { name: 'offhours.yaml is missing', path: 'missing.yaml' },
    { name: 'the clients folder is missing', path: 'offhours.yaml', clients: './nowhere' },
  ])('throws CONFIG_UNREADABLE when $name', async ({ path, clients }) => {
    if (clients !== undefined)
      await config.edit('offhours.yaml', 'clients: ./clients', `clients: ${clients}`);
    const error = await loadError(`${config.dir}/${path}`);
    expect(error.code).toBe('CONFIG_UNREADABLE');
  });
});
