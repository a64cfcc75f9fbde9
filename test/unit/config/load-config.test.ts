import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { DayOff } from '../../../src/schedule/client-schedule.js';
import type { ClientRules } from '../../../src/triage/triage-config.js';
import { loadConfig } from '../../../src/config/load-config.js';
import type { OffhoursConfig } from '../../../src/config/offhours-config.js';
import { copyExampleConfig, type ExampleConfig } from './copy-example-config.js';

let example: ExampleConfig;
let config: OffhoursConfig;

function findClient(id: string): ClientRules {
  const client = config.clients.find((candidate) => candidate.id === id);
  if (client === undefined) throw new Error(`no client ${id}`);
  return client;
}

beforeAll(async () => {
  example = await copyExampleConfig();
  config = await loadConfig(example.mainPath, {
    env: { IMAP_PASS: 'imap-secret', SMTP_PASS: 'smtp-secret' },
    now: new Date('2026-11-20T12:00:00Z'),
  });
});
afterAll(async () => {
  await example.remove();
});

describe('loadConfig on the example', () => {
  it('reads the global settings with defaults filled in', () => {
    expect(config.assistant).toEqual({
      name: 'Dana Reyes',
      addresses: ['dana@studio.example', 'hello@studio.example'],
      timeZone: 'Europe/London',
      authservIds: [],
    });
    expect(config.imap).toMatchObject({
      port: 993,
      auth: { type: 'password', pass: 'imap-secret' },
      holdMailbox: 'Offhours/Held',
    });
    expect(config.smtp).toMatchObject({
      auth: { type: 'password', pass: 'smtp-secret' },
      from: 'dana@studio.example',
    });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'offhours' });
    expect(config.http).toEqual({ host: '127.0.0.1', port: null, token: null });
    expect(config.records).toEqual({ keepForSeconds: 90 * 86_400, subjects: true });
    expect(config.digest).toEqual({
      enabled: true,
      at: 'first-check-in',
      to: 'dana@studio.example',
    });
    expect(config.unknownSenders).toBe('ignore');
    expect(config.onCall.overrides).toEqual([
      { from: '2026-12-21', to: '2026-12-28', backup: 'priya@studio.example' },
    ]);
    expect(config.clients.map((client) => client.id)).toEqual(['acme', 'bloom']);
  });

  it('lists every file it read, calendars included', () => {
    expect(config.files).toEqual([
      example.mainPath,
      join(example.dir, 'clients', 'acme.yaml'),
      join(example.dir, 'clients', 'bloom.yaml'),
      join(example.dir, 'clients', 'calendars', 'time-off.ics'),
    ]);
  });

  it.each([
    {
      id: 'acme',
      day: 1,
      intervals: [
        { start: 540, end: 750 },
        { start: 810, end: 1020 },
      ],
    },
    { id: 'acme', day: 6, intervals: [{ start: 600, end: 720 }] },
    { id: 'acme', day: 7, intervals: undefined },
    { id: 'bloom', day: 7, intervals: [{ start: 420, end: 540 }] },
    {
      id: 'bloom',
      day: 5,
      intervals: [
        { start: 420, end: 540 },
        { start: 1320, end: 1500 },
      ],
    },
  ] as const)('gives $id on day $day the intervals in minutes', ({ id, day, intervals }) => {
    expect(findClient(id).schedule.hours[day]).toEqual(intervals);
  });

  it.each([
    { id: 'acme', timeZone: 'America/New_York', checkIns: [510, 990], oncePerSeconds: 4 * 86_400 },
    { id: 'bloom', timeZone: 'Australia/Sydney', checkIns: [405], oncePerSeconds: 86_400 },
  ])('merges $id with the defaults', ({ id, timeZone, checkIns, oncePerSeconds }) => {
    const client = findClient(id);
    expect(client.schedule.timeZone).toBe(timeZone);
    expect(client.schedule.checkIns).toEqual(checkIns);
    expect(client.autoReply.oncePerSeconds).toBe(oncePerSeconds);
    expect(client.autoReply.checkRecipient).toBe(true);
  });

  it('fills what neither the client nor the defaults set from the built-in defaults', () => {
    const bloom = findClient('bloom');
    expect(bloom.autoReply.subject).toBe('Auto: {{subject}}');
    expect(bloom.autoReply.body).toContain('{{clientName}}');
    expect(bloom.emergency).toEqual({
      keywords: ['urgent', 'wedding today'],
      senders: [],
      automated: true,
    });
    expect(bloom.match).toEqual({ addresses: [], domains: ['bloom.example'] });
    expect(bloom.schedule.daysOff).toEqual([]);
  });

  it.each<{ name: string; dayOff: DayOff }>([
    {
      name: 'a single date',
      dayOff: { kind: 'dates', from: '2026-11-26', to: '2026-11-26', checkIns: [] },
    },
    {
      name: 'a range',
      dayOff: { kind: 'dates', from: '2026-12-24', to: '2026-12-26', checkIns: [] },
    },
    {
      name: 'a day off with a check-in',
      dayOff: { kind: 'dates', from: '2026-11-27', to: '2026-11-27', checkIns: [660] },
    },
    { name: 'a yearly day', dayOff: { kind: 'yearly', monthDay: '07-04', checkIns: [] } },
    {
      name: 'an all-day ICS event whose DTEND is exclusive',
      dayOff: { kind: 'dates', from: '2026-12-30', to: '2027-01-01', checkIns: [] },
    },
    {
      name: 'a timed ICS event',
      dayOff: { kind: 'span', start: '2026-12-04T18:00:00.000Z', end: '2026-12-04T20:00:00.000Z' },
    },
    {
      name: 'a weekly ICS recurrence',
      dayOff: { kind: 'span', start: '2026-12-09T20:00:00.000Z', end: '2026-12-09T22:00:00.000Z' },
    },
  ])('keeps $name as a day off of acme', ({ dayOff }) => {
    expect(findClient('acme').schedule.daysOff).toContainEqual(dayOff);
  });

  it('expands the weekly recurrence without its EXDATE', () => {
    const spanStarts = findClient('acme')
      .schedule.daysOff.filter((dayOff) => dayOff.kind === 'span')
      .map((dayOff) => dayOff.start);
    expect(spanStarts).toEqual([
      '2026-12-04T18:00:00.000Z',
      '2026-12-02T20:00:00.000Z',
      '2026-12-09T20:00:00.000Z',
      '2026-12-23T20:00:00.000Z',
      '2026-12-30T20:00:00.000Z',
      '2027-01-06T20:00:00.000Z',
    ]);
  });
});

describe('loadConfig with ports from the environment', () => {
  it.each([
    { env: '1143', expected: 1143 },
    { env: '65535', expected: 65535 },
  ])('reads port "${IMAP_PORT}" = $env as the number $expected', async ({ env, expected }) => {
    const copy = await copyExampleConfig();
    try {
      await copy.edit('offhours.yaml', 'port: 993', "port: '${IMAP_PORT}'");
      const loaded = await loadConfig(copy.mainPath, {
        env: { IMAP_PASS: 'x', SMTP_PASS: 'y', IMAP_PORT: env },
        now: new Date('2026-11-20T12:00:00Z'),
      });
      expect(loaded.imap.port).toBe(expected);
    } finally {
      await copy.remove();
    }
  });
});

describe('loadConfig: records and digest', () => {
  it.each([
    {
      records: 'records: { keepFor: 2w, subjects: false }',
      digest: "digest: { enabled: true, at: '07:45', to: VA@Elsewhere.example }",
      expected: {
        records: { keepForSeconds: 14 * 86_400, subjects: false },
        digest: { enabled: true, at: 7 * 60 + 45, to: 'va@elsewhere.example' },
      },
    },
    {
      records: 'records: {}',
      digest: 'digest: {}',
      expected: {
        records: { keepForSeconds: 90 * 86_400, subjects: true },
        digest: { enabled: false, at: 'first-check-in', to: 'dana@studio.example' },
      },
    },
  ])('reads $records and $digest', async ({ records, digest, expected }) => {
    const copy = await copyExampleConfig();
    try {
      await copy.edit('offhours.yaml', 'records: { keepFor: 90d, subjects: true }', records);
      await copy.edit('offhours.yaml', 'digest: { enabled: true, at: first-check-in }', digest);
      const loaded = await loadConfig(copy.mainPath, {
        env: { IMAP_PASS: 'x', SMTP_PASS: 'y' },
        now: new Date('2026-11-20T12:00:00Z'),
      });
      expect({ records: loaded.records, digest: loaded.digest }).toEqual(expected);
    } finally {
      await copy.remove();
    }
  });
});
